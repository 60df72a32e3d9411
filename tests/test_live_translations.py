"""Translations pushed live over the socket."""

from tests.conftest import (
    join,
    join_as_interpreter,
    live_client,
    send_card,
    write_at_table,
)
from tests.test_live import console_for, received, seated_phone

JSON = {"Accept": "application/json"}


def interpreter_for(app, phone, data, languages):
    browser = phone()
    join_as_interpreter(browser, data["interpreter_token"], languages)
    return browser, live_client(app, browser, {"role": "interpreter"})


def test_interpreter_translation_reaches_the_console_live(
    app, phone, logged_in, open_event
):
    event_id, data = open_event()
    write_at_table(phone(), data, "ملاعب للأطفال", language="ar")
    interpreter, _ = interpreter_for(app, phone, data, ["ar"])
    console = console_for(app, logged_in, event_id)
    console.get_received("/live")
    url = interpreter.get("/interpret/queue.json").json["items"][0]["url"]

    interpreter.post(url, data={"text": "Spielplätze für Kinder"}, headers=JSON)

    cards = received(console, "card")
    assert [(c["text"], c["language"]) for c in cards] == [("ملاعب للأطفال", "ar")]
    assert cards[0]["translations"] == {
        "de": {"text": "Spielplätze für Kinder", "state": "human"}
    }


def test_interpreter_translation_reaches_the_phones_of_its_table_only(
    app, phone, open_event
):
    _, data = open_event()
    write_at_table(phone(), data, "کتابخانه", language="fa")
    _, neighbour = seated_phone(app, phone, data["tables"][0][1])
    _, elsewhere = seated_phone(app, phone, data["tables"][1][1])
    interpreter, _ = interpreter_for(app, phone, data, ["fa"])
    for socket in (neighbour, elsewhere):
        socket.get_received("/live")
    url = interpreter.get("/interpret/queue.json").json["items"][0]["url"]

    interpreter.post(url, data={"text": "Bibliothek"}, headers=JSON)

    assert received(neighbour, "card")[-1]["translations"]["de"]["text"] == "Bibliothek"
    assert received(elsewhere, "card") == []


def test_new_cards_and_requests_reach_the_interpreters_live(app, phone, open_event):
    _, data = open_event()
    _, interpreter_live = interpreter_for(app, phone, data, ["uk"])
    writer = phone()
    join(writer, data["tables"][0][1])
    interpreter_live.get_received("/live")
    card = send_card(writer, data["phases"][0][1][0], "Mehr Radwege").json["card"]
    reader = phone()
    join(reader, data["tables"][0][1], language="uk")

    reader.post(f"/me/cards/{card['id']}/translation", headers=JSON)

    pushed = received(interpreter_live, "card")
    assert [c["translations"] for c in pushed] == [
        {},
        {"uk": {"text": "", "state": "requested"}},
    ]


def test_interpreter_socket_needs_an_interpreter_session(app, phone, make_event):
    make_event()
    stranger = phone()
    assert not live_client(app, stranger, {"role": "interpreter"}).is_connected("/live")
