"""A card's language is what it is written in: detected on the server, else the
writer's choice, else the phone's; its writer (and only its writer) corrects it,
and the translations follow."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Card, CardTranslation, Interpreter
from app.services import card_language
from bench.card_language_samples import CARDS, MIXED, SHORT
from tests.conftest import join, join_as_interpreter, live_client, send_card
from tests.test_live import received
from tests.test_machine_translation import translations, translator, wait_until

JSON = {"Accept": "application/json"}
LANGUAGES = sorted(CARDS)
translator = translator  # the stand-in LibreTranslate fixture


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_sample_card_is_detected_in_its_language(app, language):
    with app.app_context():
        found = [card_language.detect(text, LANGUAGES) for text in CARDS[language]]
    assert found == [language] * len(CARDS[language])


def test_short_words_are_never_given_a_wrong_language(app):
    with app.app_context():
        for language, words in SHORT.items():
            for word in words:
                assert card_language.detect(word, LANGUAGES) in (language, None), word


def test_short_words_are_left_to_the_writer_then_to_the_phone(app):
    with app.app_context():
        assert card_language.language_of_card("سلام", "fa", "ar") == "fa"
        assert card_language.language_of_card("سلام", None, "ar") == "ar"
        assert card_language.language_of_card("Danke!", None, "uk") == "uk"


@pytest.mark.parametrize("text", [*MIXED[:2], "👍👍👍 2025 !!!", "<b></b>" * 3])
def test_mixed_scripts_emoji_and_markup_are_left_to_the_writer(app, text):
    with app.app_context():
        assert card_language.detect(text, LANGUAGES) is None
        assert card_language.language_of_card(text, "tr", "ar") == "tr"


def test_a_confident_detection_wins_over_the_phone_and_the_choice(app):
    german = "Wir brauchen mehr Dolmetscher in den Arztpraxen der Stadt"
    with app.app_context():
        assert card_language.language_of_card(german, "ar", "ar") == "de"


def test_a_2000_character_card_is_detected(app):
    with app.app_context():
        assert card_language.detect(CARDS["uk"][0] * 45, LANGUAGES) == "uk"


@pytest.fixture
def table(app, phone, open_event):
    """An open event; an Arabic phone and a German phone at table 1."""
    event_id, data = open_event()
    arabic, german = phone(), phone()
    join(arabic, data["tables"][0][1], language="ar")
    join(german, data["tables"][0][1])
    return event_id, data, arabic, german


def card_of(app, text):
    with app.app_context():
        card = db.session.scalar(select(Card).where(Card.text == text))
        return card.id, card.language, sorted(t.language for t in card.translations)


GERMAN = "Mehr Sprachkurse am Abend für Berufstätige"


def test_german_written_on_an_arabic_phone_is_stored_as_german(app, table):
    _event_id, data, arabic, _german = table
    answer = send_card(arabic, data["phases"][0][1][0], GERMAN).get_json()
    assert answer["card"]["language"] == "de" and answer["card"]["own"] is True
    _id, language, asked = card_of(app, GERMAN)
    assert (language, asked) == ("de", ["ar"])  # asked for the Arabic reader only


def test_the_writer_corrects_the_language_and_the_requests_follow(app, table):
    _event_id, data, arabic, _german = table
    text = "Kita Platz bitte, çocuk bakımı lazım"
    send_card(arabic, data["phases"][0][1][0], text)
    card_id, language, asked = card_of(app, text)
    assert language == "tr" and asked == ["ar", "de"]
    answer = arabic.post(
        f"/me/cards/{card_id}/language", data={"language": "de"}, headers=JSON
    )
    assert answer.status_code == 200
    assert answer.get_json()["card"]["language"] == "de"
    assert card_of(app, text)[1:] == ("de", ["ar"])  # same-language request gone


def test_a_correction_asks_again_for_machine_translations_but_keeps_human_ones(
    app, table, translator
):
    event_id, data, arabic, _german = table
    phone_at(app, data, "uk")  # a Ukrainian reader at the table
    send_card(arabic, data["phases"][0][1][0], GERMAN, language="ar")
    wait_until(lambda: all(state == "machine" for _l, state, _t in translations(app)))
    card_id, _language, _asked = card_of(app, GERMAN)
    with app.test_request_context():
        row = db.session.scalar(
            select(CardTranslation).where(CardTranslation.language == "uk")
        )
        row.record_human("Більше мовних курсів", Interpreter(event_id=event_id))
        db.session.commit()
    arabic.post(f"/me/cards/{card_id}/language", data={"language": "en"})
    wait_until(lambda: all(state != "requested" for _l, state, _t in translations(app)))
    assert sorted(translations(app)) == [
        ("ar", "machine", f"[ar] {GERMAN}"),
        ("de", "machine", f"[de] {GERMAN}"),
        ("uk", "human", "Більше мовних курсів"),
    ]
    assert [body["source"] for _path, body in translator.requests[-2:]] == ["en"] * 2


@pytest.fixture
def german_card(app, table):
    """GERMAN sent from the Arabic phone: (its id, its correction URL)."""
    _event_id, data, arabic, _german = table
    send_card(arabic, data["phases"][0][1][0], GERMAN)
    card_id = card_of(app, GERMAN)[0]
    return card_id, f"/me/cards/{card_id}/language"


def phone_at(app, data, language):
    client = app.test_client()
    join(client, data["tables"][0][1], language=language)
    return client


def test_only_the_writer_may_correct_and_others_change_nothing(
    app, phone, table, german_card
):
    _event_id, data, arabic, german = table
    card_id, url = german_card
    refused = german.post(url, data={"language": "ar"}, headers=JSON)
    assert refused.status_code == 403
    assert refused.get_json()["error"]
    elsewhere = phone()
    join(elsewhere, data["tables"][1][1])
    far = elsewhere.post(url, data={"language": "ar"})
    assert far.status_code == 404
    stranger = phone().post(url, data={"language": "ar"})
    assert stranger.status_code in (401, 403)
    assert card_of(app, GERMAN)[1] == "de"


def test_a_bad_language_is_refused_with_a_message_with_and_without_js(
    app, table, german_card
):
    _event_id, data, arabic, _german = table
    card_id, url = german_card
    refused = arabic.post(url, data={"language": "tlh"}, headers=JSON)
    assert refused.status_code == 400
    assert refused.get_json()["error"] == "يُرجى اختيار إحدى اللغات المعروضة."
    page = arabic.post(url, data={"language": ""}, follow_redirects=True)
    assert "يُرجى اختيار إحدى اللغات المعروضة." in page.get_data(as_text=True)
    assert card_of(app, GERMAN)[1] == "de"


def test_correcting_without_javascript_goes_back_to_the_table(app, table, german_card):
    _event_id, data, arabic, _german = table
    card_id, url = german_card
    sent = arabic.post(url, data={"language": "en"})
    assert sent.status_code == 302 and sent.location.endswith("/me")
    assert card_of(app, GERMAN)[1] == "en"


def test_corrections_are_rate_limited_like_other_phone_writes(app, table, german_card):
    _event_id, data, arabic, _german = table
    card_id, url = german_card
    codes = {
        arabic.post(url, data={"language": "de"}, headers=JSON).status_code
        for _ in range(121)
    }
    assert codes == {200, 429}


def test_only_the_writers_phone_shows_the_language_control(app, table, german_card):
    _event_id, data, arabic, german = table
    card_id, url = german_card
    mine = arabic.get("/me").get_data(as_text=True)
    theirs = german.get("/me").get_data(as_text=True)
    assert '<details class="card-own" data-own >' in mine
    assert '<details class="card-own" data-own >' not in theirs
    assert f'action="/me/cards/{card_id}/language"' in mine
    own = {c["id"]: c.get("own") for c in arabic.get("/me/state").get_json()["cards"]}
    other = {c["id"]: c.get("own") for c in german.get("/me/state").get_json()["cards"]}
    assert own == {card_id: True} and other == {card_id: None}


def test_a_correction_reaches_the_table_the_console_and_the_interpreters(
    app, table, logged_in, german_card
):
    event_id, data, arabic, german = table
    interpreter = app.test_client()
    with app.app_context():
        from app.models import Event

        token = db.session.get(Event, event_id).interpreter_token
    join_as_interpreter(interpreter, token, ["ar", "en"])
    card_id, url = german_card
    sockets = [
        live_client(app, german, {"role": "phone"}),
        live_client(app, logged_in, {"role": "console", "event": event_id}),
        live_client(app, interpreter, {"role": "interpreter"}),
    ]
    for socket in sockets:
        socket.get_received("/live")
    arabic.post(url, data={"language": "en"})
    for socket in sockets:
        pushed = received(socket, "card")
        assert [(c["id"], c["language"]) for c in pushed] == [(card_id, "en")]
        assert "own" not in pushed[0] and "participant" not in str(pushed[0])
    queue = interpreter.get("/interpret/queue.json").get_json()["items"]
    assert {(i["source"], i["target"]) for i in queue} == {("en", "de"), ("en", "ar")}


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_arabic_and_farsi_can_be_the_language_of_an_event(app, logged_in, language):
    from app.models import Event
    from tests.test_organiser import event_form

    form = logged_in.get("/events/new").get_data(as_text=True)
    assert f'<option value="{language}"' in form
    response = logged_in.post("/events/new", data=event_form(language=language))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Event.language)) == language


def test_the_first_join_warms_the_detector_up_in_the_background(
    app, phone, open_event, monkeypatch
):
    monkeypatch.setattr(card_language, "_detectors", {})
    _event_id, data = open_event()
    join(phone(), data["tables"][0][1])
    wait_until(lambda: card_language._detectors)
    assert list(card_language._detectors) == [tuple(sorted(app.config["LANGUAGES"]))]
