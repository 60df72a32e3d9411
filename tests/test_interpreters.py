"""Interpreters at work: their queue and their translations."""

from sqlalchemy import select

from app.extensions import db
from app.models import CardTranslation, Event
from tests.conftest import join, join_as_interpreter, send_card

JSON = {"Accept": "application/json"}


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
