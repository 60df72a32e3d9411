"""Readers who do not read German: the gallery walk, the host tools and the
projector show cards in their reader's language with the original beneath, the
translations are asked for ahead of time, and a table's topic (action field or
own name) reads in the phone's language where a translation exists."""

import pytest
from flask_babel import force_locale, get_translations
from sqlalchemy import select

from app.extensions import db
from app.formats import (
    ACTION_FIELD_CONTEXT,
    ACTION_FIELD_NAMES,
    CATALOGUES,
    builtin_field_name,
)
from app.models import Card, CardTranslation, Event, Table
from app.services.spotlight import spotlight_payload, spotlight_table
from app.services.text_views import topic_view
from tests.conftest import join, join_as_interpreter, send_card
from tests.test_gallery import start_step_of_kind
from tests.test_poll_translations import shown, text_requests, translate_all

ARABIC_NAME = "ثقافة الترحيب"


@pytest.fixture
def romanian_gap(app):
    """Romanian as if its catalogue had not yet translated the built-in action
    fields, as a newly added language would be: names fall back to German."""
    with app.test_request_context(), force_locale("ro"):
        catalogue = get_translations()._catalog
    prefix = f"{ACTION_FIELD_CONTEXT}\x04"
    removed = {
        key: catalogue.pop(key)
        for key in list(catalogue)
        if isinstance(key, str) and key.startswith(prefix)
    }
    assert removed
    yield
    catalogue.update(removed)


def card_requests(app):
    with app.app_context():
        rows = db.session.scalars(select(CardTranslation)).all()
        return {(row.card.text, row.language) for row in rows}


def interpreter(phone, data, languages):
    client = phone()
    client.get("/lang/en")
    join_as_interpreter(client, data["interpreter_token"], languages)
    return client


def test_every_built_in_action_field_has_a_name_for_the_catalogues():
    for _label, names in CATALOGUES.values():
        assert all(name in ACTION_FIELD_NAMES for name in names)


def test_only_unchanged_names_of_the_events_own_catalogue_use_the_catalogues():
    assert builtin_field_name("laatzen", "Teilhabe") == "Participation"
    assert (
        builtin_field_name("laatzen", "Sprache") is None
    )  # Osnabrück's, not Laatzen's
    assert builtin_field_name("custom", "Teilhabe") is None
    assert builtin_field_name("laatzen", "Teilhabe!") is None
    assert builtin_field_name("nowhere", "Teilhabe") is None


def test_a_built_in_topic_reads_in_the_readers_language(
    app, ctx, make_event, romanian_gap
):
    table = db.session.get(Event, make_event(catalogue="laatzen")).tables[0]

    german, english, arabic = (topic_view(table, lang) for lang in ("de", "en", "ar"))
    romanian = topic_view(table, "ro")

    assert (german.text, german.original) == ("Willkommenskultur", None)
    assert (english.text, english.original) == ("Welcome culture", "Willkommenskultur")
    assert (arabic.text, arabic.language) == (ARABIC_NAME, "ar")
    assert arabic.original == "Willkommenskultur"
    assert (romanian.text, romanian.untranslated) == ("Willkommenskultur", True)


def test_a_table_named_by_the_organisers_is_translated_like_a_poll_text(
    app, phone, logged_in, make_event, event_data, start_phase
):
    event_id = make_event(catalogue="custom", custom_fields=["Stadtteilarbeit"])
    start_phase(event_id)
    data = event_data(event_id)
    arabic = phone()
    join(arabic, data["tables"][0][1], language="ar")
    assert text_requests(app) == {("Stadtteilarbeit", "ar"): "requested"}
    logged_in.post(
        f"/events/{event_id}/tables/{data['tables'][0][0]}",
        data={"name": "Jugend", "capacity": 8, "action_field": 0},
    )
    assert text_requests(app)[("Jugend", "ar")] == "requested"

    translate_all(interpreter(phone, data, ["ar"]), {"Jugend": "الشباب"})

    page = arabic.get("/me").get_data(as_text=True)
    assert ("الشباب", "ar", "Jugend") in shown(page)


def test_the_table_page_heading_reads_in_english_with_the_german_name_beneath(
    app, phone, open_event
):
    _, data = open_event(catalogue="laatzen")
    english = phone()
    join(english, data["tables"][0][1], language="en")
    page = english.get("/me").get_data(as_text=True)
    assert ("Welcome culture", "en", "Willkommenskultur") in shown(page)


@pytest.fixture
def walk(app, phone, open_event):
    """Cards at tables 1 and 2 in German and Arabic; a Ukrainian phone at table 3."""
    event_id, data = open_event()
    strength = data["phases"][0][1][0]
    german, arabic, ukrainian = phone(), phone(), phone()
    join(german, data["tables"][0][1], language="de")
    join(arabic, data["tables"][1][1], language="ar")
    join(ukrainian, data["tables"][2][1], language="uk")
    send_card(german, strength, "Mehr Sprachkurse")
    send_card(arabic, strength, "مزيد من الحدائق")
    return event_id, data, {"de": german, "ar": arabic, "uk": ukrainian}


def test_starting_the_gallery_walk_asks_for_every_card_in_every_phone_language(
    app, walk
):
    event_id, _, _ = walk
    before = card_requests(app)
    assert ("Mehr Sprachkurse", "uk") not in before

    start_step_of_kind(app, event_id, "gallery")

    asked = card_requests(app)
    assert {("Mehr Sprachkurse", lang) for lang in ("ar", "uk")} <= asked
    assert {("مزيد من الحدائق", lang) for lang in ("de", "uk")} <= asked


def test_the_gallery_shows_cards_in_the_phones_language_with_the_original(
    app, walk, phone
):
    event_id, data, phones = walk
    start_step_of_kind(app, event_id, "gallery")
    translate_all(
        interpreter(phone, data, ["uk"]), {"Mehr Sprachkurse": "Більше мовних курсів"}
    )

    page = phones["uk"].get(f"/me/gallery?table={data['tables'][0][0]}")
    page = page.get_data(as_text=True)

    assert "Більше мовних курсів" in page
    assert 'class="original-text" dir="auto" lang="de">Mehr Sprachkurse<' in page
    assert 'data-mark="human" >' in page
    assert f'id="card-{card_id(app, "Mehr Sprachkurse")}"' in page  # no-JS anchor
    assert "Praise" in page or 'name="kind" value="praise"' in page


def card_id(app, text):
    with app.app_context():
        return db.session.scalar(select(Card.id).where(Card.text == text))


def test_a_host_reads_the_table_cards_in_their_language(
    app, phone, open_event, make_event
):
    _, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1], language="de")
    send_card(writer, data["phases"][0][1][0], "Mehr Sprachkurse")
    with app.app_context():
        token = db.session.get(Table, data["tables"][0][0]).host_token
    host = phone()
    host.get("/lang/tr")
    host.post(f"/h/{token}", data={"first_name": "Hanna"})

    assert ("Mehr Sprachkurse", "tr") in card_requests(app)
    translate_all(
        interpreter(phone, data, ["tr"]), {"Mehr Sprachkurse": "Daha çok dil kursu"}
    )
    page = host.get("/me/host").get_data(as_text=True)
    assert ("Daha çok dil kursu", "tr", "Mehr Sprachkurse") in shown(page)
    assert ">Mehr Sprachkurse</textarea>" in page  # corrections edit the original


def test_spotlighting_a_table_asks_for_its_cards_in_the_projector_language(
    app, walk, logged_in
):
    event_id, data, _ = walk
    logged_in.get(f"/projector/{data['projector_token']}?lang=en")

    with app.test_request_context():
        event = db.session.get(Event, event_id)
        spotlight_table(event, event.tables[1])

    assert {("مزيد من الحدائق", "de"), ("مزيد من الحدائق", "en")} <= card_requests(app)
    assert ("Mehr Sprachkurse", "en") not in card_requests(app)  # not on show


def test_the_spotlight_carries_the_topic_in_every_language(app, walk, romanian_gap):
    event_id, _, _ = walk
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        spotlight_table(event, event.tables[0])
        topic = spotlight_payload(event)["table"]["topic_texts"]

    assert (topic["text"], topic["language"]) == ("Willkommenskultur", "de")
    assert topic["translations"]["en"]["text"] == "Welcome culture"
    assert topic["translations"]["ar"]["text"] == ARABIC_NAME
    assert "de" not in topic["translations"] and "ro" not in topic["translations"]


def test_a_projector_in_another_language_asks_for_the_texts_in_use(
    app, walk, logged_in
):
    from tests.test_voting import make_poll

    event_id, data, _ = walk
    make_poll(app, event_id, "single", open=False, question="Passt es?")
    assert ("Passt es?", "pl") not in text_requests(app)

    page = logged_in.get(f"/projector/{data['projector_token']}?lang=pl")

    assert page.status_code == 200
    assert text_requests(app)[("Passt es?", "pl")] == "requested"
    with app.app_context():
        assert db.session.get(Event, event_id).projector_language == "pl"
