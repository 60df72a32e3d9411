"""Cards in many languages: the language a card is written in, translation
requests, and what each reader sees."""

from sqlalchemy import select

from app.extensions import db
from app.models import Card, CardTranslation, Interpreter
from tests.conftest import join, send_card

JSON = {"Accept": "application/json"}


def requested(app):
    """{(card text, language): state} of every translation row."""
    with app.app_context():
        rows = db.session.scalars(select(CardTranslation)).all()
        return {(row.card.text, row.language): row.state for row in rows}


def card_language(app, text):
    with app.app_context():
        return db.session.scalar(select(Card.language).where(Card.text == text))


def translate_as_interpreter(app, text, language, translation, state="human"):
    """Give the card with this text a finished translation, as the services do."""
    with app.test_request_context():
        card = db.session.scalar(select(Card).where(Card.text == text))
        row = next((t for t in card.translations if t.language == language), None)
        if row is None:
            row = CardTranslation(card=card, language=language)
        if state == "human":
            interpreter = Interpreter(event_id=card.event_id, languages=language)
            row.record_human(translation, interpreter)
        else:
            row.record_machine(translation)
        db.session.commit()


def running_table(open_event):
    _, data = open_event()
    return data, data["phases"][0][1][0]


def arabic_card_at_a_german_phones_table(phone, open_event, text):
    """An Arabic card at table 1 and a German phone reading it -> its client."""
    data, strength = running_table(open_event)
    arabic, german = phone(), phone()
    join(arabic, data["tables"][0][1], language="ar")
    join(german, data["tables"][0][1])
    send_card(arabic, strength, text)
    return german


def test_card_records_the_language_of_the_phone_and_can_be_changed_on_the_card(
    app, phone, open_event
):
    data, strength = running_table(open_event)
    writer = phone()
    join(writer, data["tables"][0][1], language="ar")

    send_card(writer, strength, "مواعيد أكثر في مكتب الأجانب")
    send_card(writer, strength, "کلاس‌های زبان بیشتر", language="fa")

    assert card_language(app, "مواعيد أكثر في مكتب الأجانب") == "ar"
    assert card_language(app, "کلاس‌های زبان بیشتر") == "fa"


def test_card_in_an_unknown_language_is_refused_clearly(app, client, open_event):
    data, strength = running_table(open_event)
    join(client, data["tables"][0][1])

    response = send_card(client, strength, "Klingonisch", language="tlh")

    assert response.status_code == 400
    assert response.json == {
        "ok": False,
        "error": "Bitte wählen Sie die Sprache Ihrer Karte.",
    }
    assert card_language(app, "Klingonisch") is None


def test_phone_form_offers_the_card_languages_after_automatic_detection(
    client, open_event
):
    data, _ = running_table(open_event)
    join(client, data["tables"][0][1], language="uk")
    page = client.get("/me").get_data(as_text=True)
    form = page[page.index('id="card-language"') : page.index("</select>")]
    assert '<option value="">' in form and "selected" not in form
    assert '<option value="uk" lang="uk" >Українська</option>' in form
    assert '<option value="ar" lang="ar" >العربية</option>' in form


def test_new_card_asks_for_the_event_language_and_the_languages_at_its_table(
    app, phone, open_event
):
    data, strength = running_table(open_event)
    arabic, german, ukrainian = phone(), phone(), phone()
    join(arabic, data["tables"][0][1], language="ar")
    join(german, data["tables"][0][1])
    join(ukrainian, data["tables"][1][1], language="uk")

    send_card(arabic, strength, "بيوت أكثر")
    send_card(german, strength, "Mehr Wohnungen")
    send_card(ukrainian, strength, "Більше житла")

    assert requested(app) == {
        ("بيوت أكثر", "de"): "requested",
        ("Mehr Wohnungen", "ar"): "requested",
        ("Більше житла", "de"): "requested",
    }


def test_reader_sees_the_original_alone_until_a_translation_exists(phone, open_event):
    text = "شارع المحطة Bahnhofstraße يحتاج إضاءة"
    german = arabic_card_at_a_german_phones_table(phone, open_event, text)

    page = german.get("/me").get_data(as_text=True)

    assert text in page and "Noch nicht übersetzt" in page


def test_reader_sees_the_translation_with_the_original_beneath(app, phone, open_event):
    german = arabic_card_at_a_german_phones_table(phone, open_event, "إضاءة أفضل")
    translate_as_interpreter(app, "إضاءة أفضل", "de", "Bessere Beleuchtung")

    page = german.get("/me").get_data(as_text=True)

    translated = page.index('lang="de">Bessere Beleuchtung</p>')
    original = page.index('lang="ar">إضاءة أفضل</span>')
    assert translated < original
    assert "Von Dolmetscher*in übersetzt" in page


def test_machine_translation_is_marked_as_such(app, phone, open_event):
    german = arabic_card_at_a_german_phones_table(phone, open_event, "إضاءة")
    translate_as_interpreter(app, "إضاءة", "de", "Beleuchtung", state="machine")
    page = german.get("/me").get_data(as_text=True)
    assert "Maschinelle Übersetzung, noch nicht geprüft" in page


def test_writer_sees_their_own_card_as_written(app, phone, open_event):
    data, strength = running_table(open_event)
    arabic = phone()
    join(arabic, data["tables"][0][1], language="ar")
    send_card(arabic, strength, "إضاءة أفضل")
    translate_as_interpreter(app, "إضاءة أفضل", "de", "Bessere Beleuchtung")
    page = arabic.get("/me").get_data(as_text=True)
    assert "إضاءة أفضل" in page and "Bessere Beleuchtung" not in page


def german_card_and_a_reader(phone, open_event, text, language):
    """A German card at table 1, then a phone in `language` sits down there."""
    data, strength = running_table(open_event)
    german, reader = phone(), phone()
    join(german, data["tables"][0][1])
    card = send_card(german, strength, text).json["card"]
    join(reader, data["tables"][0][1], language=language)
    return card, reader


def test_phone_asks_for_a_card_in_its_own_language_once(app, phone, open_event):
    card, ukrainian = german_card_and_a_reader(
        phone, open_event, "Mehr Kitaplätze", "uk"
    )

    first = ukrainian.post(f"/me/cards/{card['id']}/translation", headers=JSON)
    again = ukrainian.post(f"/me/cards/{card['id']}/translation", headers=JSON)

    assert first.status_code == 200 and again.status_code == 200
    assert first.json["card"]["translations"] == {
        "uk": {"text": "", "state": "requested"}
    }
    assert requested(app) == {("Mehr Kitaplätze", "uk"): "requested"}


def test_asking_without_javascript_returns_to_the_table_page(app, phone, open_event):
    card, polish = german_card_and_a_reader(phone, open_event, "Mehr Busse", "pl")
    response = polish.post(f"/me/cards/{card['id']}/translation")
    assert response.status_code == 302 and response.location.endswith("/me")
    page = polish.get("/me").get_data(as_text=True)
    assert "Poproszono o tłumaczenie…" in page


def test_phone_cannot_ask_for_cards_of_another_table_or_without_joining(
    app, phone, open_event
):
    data, strength = running_table(open_event)
    writer, neighbour = phone(), phone()
    join(writer, data["tables"][0][1])
    join(neighbour, data["tables"][1][1], language="ar")
    card = send_card(writer, strength, "Nur Tisch 1").json["card"]

    other_table = neighbour.post(f"/me/cards/{card['id']}/translation", headers=JSON)
    stranger = phone().post(f"/me/cards/{card['id']}/translation", headers=JSON)

    assert other_table.status_code == 404 and stranger.status_code == 401
    assert requested(app) == {}


def test_phone_asking_for_too_many_translations_is_slowed_down(app, phone, open_event):
    data, strength = running_table(open_event)
    german, turkish = phone(), phone()
    join(german, data["tables"][0][1])
    ids = [send_card(german, strength, f"Karte {n}").json["card"]["id"] for n in "ab"]
    join(turkish, data["tables"][0][1], language="tr")
    app.config["TRANSLATION_REQUEST_LIMIT"] = 1
    try:
        codes = [
            turkish.post(f"/me/cards/{i}/translation", headers=JSON).status_code
            for i in ids
        ]
    finally:
        app.config["TRANSLATION_REQUEST_LIMIT"] = 60
    assert codes == [200, 429]


def test_view_of_a_card_never_shows_nothing():
    card = Card(text="Original", language="ar")
    card.translations = [CardTranslation(language="de")]
    asked = card.view_in("de")
    assert (asked.text, asked.untranslated, asked.requested) == ("Original", True, True)
    card.translations[0].record_machine("Übersetzt")
    machine = card.view_in("de")
    assert (machine.text, machine.mark, machine.original) == (
        "Übersetzt",
        "machine",
        "Original",
    )
    own = card.view_in("ar")
    assert (own.text, own.untranslated, own.original) == ("Original", False, None)
