"""Interpreters: joining by link or code, their queue, and their translations."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import CardTranslation, Event, Interpreter
from tests.conftest import join, join_as_interpreter, send_card

JSON = {"Accept": "application/json"}


def interpreter_row(app):
    with app.app_context():
        row = db.session.scalar(select(Interpreter))
        return row and (row.name, row.languages)


def queue_of(client):
    response = client.get("/interpret/queue.json")
    assert response.status_code == 200
    return [(item["text"], item["target"]) for item in response.json["items"]]


def translation(app, text, language):
    with app.app_context():
        for row in db.session.scalars(select(CardTranslation)):
            if row.card.text == text and row.language == language:
                return row.state, row.text
    return None


def table_with_cards(open_event, phone, cards):
    """cards: [(phone language, text)] sent at table 1 -> (event data, phones)."""
    _, data = open_event()
    strength = data["phases"][0][1][0]
    phones = {}
    for language, text in cards:
        if language not in phones:
            phones[language] = phone()
            join(phones[language], data["tables"][0][1], language=language)
        send_card(phones[language], strength, text)
    return data, phones


def arabic_card_and_its_interpreter(open_event, phone, text="شوارع"):
    """An Arabic card at table 1 and an Arabic interpreter -> (interpreter, the
    address their translation of it goes to)."""
    data, _ = table_with_cards(open_event, phone, [("ar", text)])
    interpreter = phone()
    join_as_interpreter(interpreter, data["interpreter_token"], ["ar"])
    url = interpreter.get("/interpret/queue.json").json["items"][0]["url"]
    return interpreter, url


def test_interpreter_joins_with_the_link_and_declares_languages(
    app, client, make_event, event_data
):
    data = event_data(make_event())

    response = join_as_interpreter(
        client, data["interpreter_token"], ["ar", "fa"], name="Samira"
    )

    assert response.status_code == 302
    assert response.location.endswith("/interpret/queue")
    assert interpreter_row(app) == ("Samira", "ar fa")
    assert client.get("/interpret/queue").status_code == 200


def test_interpreter_changes_languages_without_becoming_someone_else(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    join_as_interpreter(client, data["interpreter_token"], ["ar"])
    page = client.get(f"/i/{data['interpreter_token']}").get_data(as_text=True)
    assert re.search(r'<input checked [^>]*value="ar">', page)
    join_as_interpreter(client, data["interpreter_token"], ["uk", "ru"])
    assert interpreter_row(app) == ("", "ru uk")
    with app.app_context():
        assert len(db.session.scalars(select(Interpreter)).all()) == 1


def test_interpreter_without_a_language_is_asked_for_one(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    response = join_as_interpreter(client, data["interpreter_token"], [])
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Bitte wählen Sie mindestens eine Sprache" in page
    assert interpreter_row(app) is None


def test_typed_code_leads_to_the_event_however_it_is_written(
    client, make_event, event_data
):
    token = event_data(make_event())["interpreter_token"]
    typed = f" {token[:5].upper()}-{token[5:]} "
    response = client.post("/interpret", data={"code": typed})
    assert response.status_code == 302 and response.location.endswith(f"/i/{token}")


def test_unknown_codes_get_a_clear_message_and_guessing_is_stopped(client):
    first = client.post("/interpret", data={"code": "aaaaa-bbbbb"})
    assert first.status_code == 200
    assert "Dieser Code ist nicht bekannt" in first.get_data(as_text=True)
    codes = [
        client.post("/interpret", data={"code": "x"}).status_code for _ in range(10)
    ]
    assert codes[-1] == 429


def test_unknown_interpreter_link_is_a_404_and_the_queue_needs_joining(client):
    assert client.get("/i/not-a-token").status_code == 404
    assert client.get("/interpret/queue").status_code == 401
    assert client.get("/interpret/queue.json").status_code == 401


def test_queue_holds_the_cards_in_the_interpreters_languages(app, phone, open_event):
    data, _ = table_with_cards(
        open_event,
        phone,
        [("ar", "بيوت أكثر"), ("fa", "خانه بیشتر"), ("de", "Mehr Wohnungen")],
    )
    arabic, farsi = phone(), phone()
    join_as_interpreter(arabic, data["interpreter_token"], ["ar"])
    join_as_interpreter(farsi, data["interpreter_token"], ["fa"])

    # Phones in ar and fa sit at the table: German cards need both languages.
    assert queue_of(arabic) == [
        ("بيوت أكثر", "de"),
        ("Mehr Wohnungen", "ar"),
    ]
    assert queue_of(farsi) == [
        ("خانه بیشتر", "de"),
        ("Mehr Wohnungen", "fa"),
    ]


def test_translation_between_two_other_languages_waits_for_the_event_language(
    app, phone, open_event
):
    """A Ukrainian interpreter relays a Farsi card through its German version."""
    data, phones = table_with_cards(open_event, phone, [("uk", "Привіт")])
    farsi_phone = phone()
    join(farsi_phone, data["tables"][0][1], language="fa")
    send_card(farsi_phone, data["phases"][0][1][0], "سلام")
    ukrainian, farsi = phone(), phone()
    join_as_interpreter(ukrainian, data["interpreter_token"], ["uk"])
    join_as_interpreter(farsi, data["interpreter_token"], ["fa"])
    assert ("سلام", "uk") not in queue_of(ukrainian)

    items = farsi.get("/interpret/queue.json").json["items"]
    url = next(i["url"] for i in items if i["text"] == "سلام")
    farsi.post(url, data={"text": "Hallo"}, headers=JSON)

    items = ukrainian.get("/interpret/queue.json").json["items"]
    relayed = next(i for i in items if i["text"] == "سلام")
    assert (relayed["target"], relayed["relay"]) == ("uk", "Hallo")


def test_interpreter_translation_is_human_and_leaves_the_queue(app, phone, open_event):
    interpreter, url = arabic_card_and_its_interpreter(open_event, phone, "مدارس أفضل")

    response = interpreter.post(url, data={"text": " Bessere Schulen "}, headers=JSON)

    assert response.status_code == 200
    assert response.json["card"]["translations"]["de"] == {
        "text": "Bessere Schulen",
        "state": "human",
    }
    assert translation(app, "مدارس أفضل", "de") == ("human", "Bessere Schulen")
    assert queue_of(interpreter) == []


def test_interpreter_confirms_or_corrects_a_machine_translation(app, phone, open_event):
    from app.services.machine_translation import record_machine_translation

    interpreter, _ = arabic_card_and_its_interpreter(open_event, phone, "حدائق")
    with app.test_request_context():
        row = db.session.scalar(select(CardTranslation))
        record_machine_translation(row.id, "Gärten")
    item = interpreter.get("/interpret/queue.json").json["items"][0]
    assert (item["suggestion"], item["state"]) == ("Gärten", "machine")

    interpreter.post(item["url"], data={"text": "Parks"}, headers=JSON)

    assert translation(app, "حدائق", "de") == ("human", "Parks")


def test_interpreter_cannot_translate_outside_their_languages_or_event(
    app, phone, open_event, make_event, event_data
):
    data, phones = table_with_cards(open_event, phone, [("fa", "خانه")])
    card = send_card(phones["fa"], data["phases"][0][1][0], "باغ").json["card"]
    other = event_data(make_event(catalogue="melle"))
    outsider, arabic = phone(), phone()
    join_as_interpreter(outsider, other["interpreter_token"], ["fa"])
    join_as_interpreter(arabic, data["interpreter_token"], ["ar"])
    url = f"/interpret/cards/{card['id']}/de"

    assert arabic.post(url, data={"text": "Garten"}, headers=JSON).status_code == 403
    assert outsider.post(url, data={"text": "Garten"}, headers=JSON).status_code == 404
    assert phone().post(url, data={"text": "Garten"}, headers=JSON).status_code == 401
    assert translation(app, "باغ", "de") == ("requested", "")


def test_bad_translations_get_clear_messages(app, phone, open_event):
    interpreter, url = arabic_card_and_its_interpreter(open_event, phone)

    empty = interpreter.post(url, data={"text": "  "}, headers=JSON)
    too_long = interpreter.post(url, data={"text": "x" * 1001}, headers=JSON)
    unknown = interpreter.post(
        url.replace("/de", "/xx"), data={"text": "Straßen"}, headers=JSON
    )

    assert (empty.status_code, empty.json["error"]) == (
        400,
        "Bitte geben Sie die Übersetzung ein.",
    )
    assert too_long.status_code == 400 and "1000" in too_long.json["error"]
    assert unknown.status_code == 400
    assert translation(app, "شوارع", "de") == ("requested", "")


def test_refused_translation_without_javascript_keeps_what_was_typed(
    app, phone, open_event
):
    interpreter, url = arabic_card_and_its_interpreter(open_event, phone)
    typed = "Straßen " + "lang " * 200

    response = interpreter.post(url, data={"text": typed})

    assert response.status_code == 400
    assert typed.strip() in response.get_data(as_text=True)


def test_translation_without_javascript_returns_to_the_queue(app, phone, open_event):
    interpreter, url = arabic_card_and_its_interpreter(open_event, phone)
    response = interpreter.post(url, data={"text": "Straßen"})
    assert response.status_code == 302
    page = interpreter.get("/interpret/queue").get_data(as_text=True)
    assert "Übersetzung gespeichert." in page and "شوارع" not in page


def test_hidden_cards_leave_the_queue(app, phone, logged_in, open_event):
    interpreter, _ = arabic_card_and_its_interpreter(open_event, phone, "شتيمة")
    with app.app_context():
        card_id = db.session.scalar(select(CardTranslation.card_id))
        event_id = db.session.scalar(select(Event.id))
    logged_in.post(f"/events/{event_id}/cards/{card_id}/hide")
    assert queue_of(interpreter) == []


def test_organiser_sees_the_interpreter_link_code_and_who_joined(
    app, logged_in, phone, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    join_as_interpreter(phone(), data["interpreter_token"], ["ar", "fa"], "Samira")
    token = data["interpreter_token"]
    for url in (f"/events/{event_id}", f"/events/{event_id}/console"):
        page = logged_in.get(url).get_data(as_text=True)
        assert f"/i/{token}" in page and f"{token[:5]}-{token[5:]}" in page
        assert "Samira" in page and "العربية und فارسی" in page
    svg = logged_in.get(f"/events/{event_id}/interpreter-qr.svg")
    assert svg.mimetype == "image/svg+xml"


def test_event_language_is_implied_not_chosen(app, make_event, event_data):
    from app.services.interpreting import join_as_interpreter

    event_id = make_event(language="en")
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        interpreter = join_as_interpreter(event, None, "", ["en", "de", "tlh"])
        assert interpreter.language_list == ["de"]


def test_two_interpreters_saving_the_same_card_at_once_both_succeed(
    app, phone, open_event, monkeypatch
):
    from app.services import translations

    interpreter, url = arabic_card_and_its_interpreter(open_event, phone)
    real_lookup = translations._translation
    lookups = []

    def first_lookup_misses_the_other_save(card, language):
        lookups.append(language)
        return None if len(lookups) == 1 else real_lookup(card, language)

    monkeypatch.setattr(
        translations, "_translation", first_lookup_misses_the_other_save
    )

    response = interpreter.post(url, data={"text": "Straßen"}, headers=JSON)

    assert response.status_code == 200
    assert translation(app, "شوارع", "de") == ("human", "Straßen")
