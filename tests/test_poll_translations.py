"""Poll texts are translated like cards: asked for in every language present at
the event, in the interpreters' queue (poll texts first), machine-translated when a
translator is set up, and shown on phones in their language with the original."""

import html
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import (
    CardTranslation,
    Event,
    EventText,
    Interpreter,
    Participant,
    Poll,
    TextTranslation,
)
from app.services.voting import polls
from tests.conftest import join, join_as_interpreter, live_client, send_card
from tests.test_live import received
from tests.test_voting import make_poll, option_ids, vote

JSON = {"Accept": "application/json"}
SCALE = {"question": "Wie zufrieden sind Sie?", "scale_labels": "gar nicht\n\n\n\nsehr"}


def text_requests(app):
    """{(text, language): state} of every event-text translation."""
    with app.app_context():
        rows = db.session.scalars(select(TextTranslation)).all()
        return {(row.source.text, row.language): row.state for row in rows}


def card_requests(app):
    with app.app_context():
        rows = db.session.scalars(select(CardTranslation)).all()
        return {(row.card.text, row.language): row.state for row in rows}


def shown(page):
    """[(text, its language, original beneath or None)] of each translatable text
    on a page (_translated.html), in page order."""
    found = re.finditer(
        r'data-tx="[^"]+"><(\w+) class="tx-text" dir="auto" lang="(\w*)"[^>]*>'
        r'(.*?)</\1>.*?<small class="tx-original card-original" (hidden)?>.*?'
        r'<span class="original-text" dir="auto" lang="\w*">(.*?)</span></small>',
        page,
        re.DOTALL,
    )
    return [
        (html.unescape(m[3]), m[2], None if m[4] else html.unescape(m[5]))
        for m in found
    ]


def translate_all(interpreter, translations):
    """The interpreter translates every item of their queue found in translations
    ({original: text}); returns the texts of the queue in its order."""
    items = interpreter.get("/interpret/queue.json").json["items"]
    for item in items:
        if item["text"] in translations:
            answer = interpreter.post(
                item["url"], data={"text": translations[item["text"]]}, headers=JSON
            )
            assert answer.status_code == 200, answer.json
    return [item["text"] for item in items]


@pytest.fixture
def forum(app, phone, open_event):
    """An open event with phones in Arabic, Ukrainian and Turkish at table 1 and a
    German one at table 2: (event id, data, {language: phone})."""
    event_id, data = open_event()
    phones = {}
    for language, table in (("ar", 0), ("uk", 0), ("tr", 0), ("de", 1)):
        phones[language] = phone()
        join(phones[language], data["tables"][table][1], language=language)
    return event_id, data, phones


def interpreter_for(phone, data, languages):
    client = phone()
    client.get("/lang/en")
    join_as_interpreter(client, data["interpreter_token"], languages)
    return client


def test_saving_a_poll_asks_for_its_texts_in_every_language_present(
    app, forum, phone, logged_in
):
    event_id, data, _ = forum
    interpreter_for(phone, data, ["fa"])
    logged_in.get(f"/projector/{data['projector_token']}?lang=en")

    make_poll(app, event_id, "scale", open=False, **SCALE)

    languages = {"ar", "uk", "tr", "fa", "en"}
    texts = ("Wie zufrieden sind Sie?", "gar nicht", "sehr")
    assert text_requests(app) == {
        (text, language): "requested" for text in texts for language in languages
    }


@pytest.mark.parametrize("kind", ["single", "multiple", "ranking"])
def test_every_option_kind_asks_for_its_options(app, forum, kind):
    event_id, _, _ = forum
    make_poll(app, event_id, kind, open=False, options="Schule\nVerkehr")
    asked = {text for text, language in text_requests(app) if language == "tr"}
    assert asked == {f"Frage {kind}?", "Schule", "Verkehr"}


def test_a_dot_vote_asks_for_its_cards_not_for_copies(app, forum):
    event_id, data, phones = forum
    strength = data["phases"][0][1][0]
    send_card(phones["de"], strength, "Mehr Radwege")
    make_poll(
        app, event_id, "dots", question="Punkte?", card_source=f"category:{strength}"
    )

    assert {text for text, _ in text_requests(app)} == {"Punkte?"}
    asked = {lang for text, lang in card_requests(app) if text == "Mehr Radwege"}
    assert asked == {"ar", "uk", "tr"}


def test_opening_asks_again_for_languages_that_came_since(app, open_event):
    event_id, _ = open_event()
    poll_id = make_poll(app, event_id, "single", open=False)
    assert text_requests(app) == {}
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        # A phone that came while nobody was asking (as before this feature).
        db.session.add(Participant(event=event, locale="ro"))
        db.session.commit()
        polls.open_poll(event, db.session.get(Poll, poll_id))
    assert set(text_requests(app)) == {
        (text, "ro") for text in ("Frage single?", "Schule", "Verkehr", "Wohnen")
    }


def test_a_language_that_joins_later_gets_every_text_in_use(app, forum, phone):
    event_id, data, _ = forum
    make_poll(app, event_id, "single", open=False)
    assert not any(language == "ro" for _, language in text_requests(app))

    join(phone(), data["tables"][1][1], language="ro")

    asked = {text for text, language in text_requests(app) if language == "ro"}
    assert asked == {"Frage single?", "Schule", "Verkehr", "Wohnen"}


def test_editing_a_poll_keeps_the_translations_of_unchanged_lines(
    app, forum, phone, logged_in
):
    event_id, data, _ = forum
    poll_id = make_poll(app, event_id, "single", open=False)
    interpreter = interpreter_for(phone, data, ["tr"])
    translate_all(interpreter, {"Schule": "Okul", "Frage single?": "Soru?"})

    with app.test_request_context():
        event = db.session.get(Event, event_id)
        values = {"question": "Neue Frage?", "kind": "single", "visibility": "live"}
        values["options"] = "Schule\nSport"
        polls.update_poll(event, db.session.get(Poll, poll_id), values)

    requests = text_requests(app)
    assert requests[("Schule", "tr")] == "human"
    assert requests[("Neue Frage?", "tr")] == requests[("Sport", "tr")] == "requested"
    # The old question is not in use any more: it leaves the queue.
    queue = [i["text"] for i in interpreter.get("/interpret/queue.json").json["items"]]
    assert "Soru?" not in queue and "Frage single?" not in queue
    assert queue[:2] == ["Neue Frage?", "Sport"]


def test_the_queue_holds_poll_texts_first_and_the_open_poll_before_the_others(
    app, forum, phone
):
    event_id, data, phones = forum
    send_card(phones["ar"], data["phases"][0][1][0], "مزيد من الحافلات")
    make_poll(app, event_id, "single", open=False, question="Später?")
    make_poll(app, event_id, "text", question="Jetzt?")
    interpreter = interpreter_for(phone, data, ["ar"])

    items = interpreter.get("/interpret/queue.json").json["items"]

    assert [i["text"] for i in items[:5]] == [
        "Jetzt?",
        "Später?",
        "Schule",
        "Verkehr",
        "Wohnen",
    ]
    assert (items[-1]["text"], items[-1]["target"]) == ("مزيد من الحافلات", "de")
    assert (items[0]["table"], items[1]["table"]) == ("Needed now", "Later")
    page = interpreter.get("/interpret/queue").get_data(as_text=True)
    assert page.index("Jetzt?") < page.index("مزيد من الحافلات")


def test_an_interpreter_saves_a_poll_text_as_a_human_translation(app, forum, phone):
    event_id, data, _ = forum
    make_poll(app, event_id, "single", question="Passt es?", options="Ja\nNein")
    interpreter = interpreter_for(phone, data, ["uk"])
    item = interpreter.get("/interpret/queue.json").json["items"][0]

    answer = interpreter.post(
        item["url"], data={"text": " Чи підходить? "}, headers=JSON
    )

    assert answer.status_code == 200
    assert answer.json["text"]["translations"]["uk"] == {
        "text": "Чи підходить?",
        "state": "human",
    }
    assert text_requests(app)[("Passt es?", "uk")] == "human"
    remaining = [
        i["text"] for i in interpreter.get("/interpret/queue.json").json["items"]
    ]
    assert "Passt es?" not in remaining
    # Without JavaScript: saved, and back to the queue with a message.
    no_js = interpreter.post(item["url"], data={"text": "Чи підходить вам?"})
    assert no_js.status_code == 302
    assert "Translation saved." in interpreter.get("/interpret/queue").get_data(
        as_text=True
    )


def test_only_interpreters_of_the_event_in_their_languages_translate_a_text(
    app, forum, phone, make_poll_elsewhere
):
    event_id, data, _ = forum
    make_poll(app, event_id, "single", question="Passt es?", options="Ja\nNein")
    with app.app_context():
        text_id = db.session.scalar(
            select(EventText.id).where(EventText.text == "Passt es?")
        )
    url = f"/interpret/texts/{text_id}/uk"
    outsider = interpreter_for(phone, make_poll_elsewhere(), ["uk"])
    farsi = interpreter_for(phone, data, ["fa"])

    assert phone().post(url, data={"text": "x"}, headers=JSON).status_code == 401
    assert outsider.post(url, data={"text": "x"}, headers=JSON).status_code == 404
    refused = farsi.post(url, data={"text": "x"}, headers=JSON)
    assert refused.status_code == 403
    assert "not in your languages" in refused.json["error"]
    assert text_requests(app)[("Passt es?", "uk")] == "requested"


@pytest.fixture
def make_poll_elsewhere(app, make_event, event_data):
    """Another event with a poll -> its event data."""

    def make():
        other = make_event(catalogue="melle")
        make_poll(app, other, "single", open=False, question="Anderswo?")
        return event_data(other)

    return make


@pytest.mark.parametrize(
    "text, message",
    [("   ", "Please type the translation."), ("x" * 1001, "at most 1000")],
)
def test_a_bad_text_translation_is_refused_with_a_message(
    app, forum, phone, text, message
):
    event_id, data, _ = forum
    make_poll(app, event_id, "single", question="Passt es?", options="Ja\nNein")
    interpreter = interpreter_for(phone, data, ["uk"])
    url = interpreter.get("/interpret/queue.json").json["items"][0]["url"]

    refused = interpreter.post(url, data={"text": text}, headers=JSON)
    assert refused.status_code == 400
    assert message in refused.json["error"]
    page = interpreter.post(url, data={"text": text})
    assert page.status_code == 400
    assert message in page.get_data(as_text=True)
    assert text_requests(app)[("Passt es?", "uk")] == "requested"


def test_a_human_text_translation_is_never_replaced_by_the_machine(app, forum, phone):
    from app.services.machine_translation import record_machine_translation

    event_id, data, _ = forum
    make_poll(app, event_id, "single", question="Passt es?", options="Ja\nNein")
    translate_all(interpreter_for(phone, data, ["uk"]), {"Passt es?": "Чи так?"})
    with app.test_request_context():
        row = db.session.scalar(
            select(TextTranslation)
            .join(EventText)
            .where(EventText.text == "Passt es?", TextTranslation.language == "uk")
        )
        assert record_machine_translation(row.id, "Машина", TextTranslation) is None
    assert text_requests(app)[("Passt es?", "uk")] == "human"


def test_relay_through_the_event_language_for_a_text_in_another_language(
    app, forum, phone
):
    """A text not written in the event language (as a built-in German name is in an
    English event) is relayed like a card: Farsi only after the event language."""
    event_id, data, _ = forum
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        source = EventText(event_id=event_id, language="ar", text="نعم", digest="x")
        farsi = Interpreter(event=event, languages="fa")
        db.session.add_all([source, farsi])
        db.session.commit()
        assert not farsi.can_translate(source, "fa")
        source.translations.append(
            TextTranslation(language="de", state="human", text="Ja")
        )
        assert farsi.can_translate(source, "fa")


CASES = {
    "ar": {"Wie zufrieden sind Sie?": "ما مدى رضاك؟", "gar nicht": "إطلاقاً"},
    "uk": {
        "Wie zufrieden sind Sie?": "Наскільки ви задоволені?",
        "gar nicht": "зовсім ні",
    },
    "tr": {"Wie zufrieden sind Sie?": "Ne kadar memnunsunuz?", "gar nicht": "hiç"},
}


@pytest.mark.parametrize("language", sorted(CASES))
def test_phone_shows_the_poll_in_its_language_with_the_original_beneath(
    app, forum, phone, language
):
    event_id, data, phones = forum
    poll_id = make_poll(app, event_id, "scale", **SCALE)
    translate_all(interpreter_for(phone, data, [language]), CASES[language])
    question, low = CASES[language].values()

    page = phones[language].get(f"/me/polls/{poll_id}").get_data(as_text=True)

    assert shown(page) == [
        (question, language, "Wie zufrieden sind Sie?"),
        (low, language, "gar nicht"),
        ("sehr", "de", None),  # not translated yet: the original alone
    ]
    assert 'data-mark="human" >' in page  # the interpreter's mark shows
    german = phones["de"].get(f"/me/polls/{poll_id}").get_data(as_text=True)
    assert shown(german)[0] == ("Wie zufrieden sind Sie?", "de", None)


@pytest.mark.parametrize("language", sorted(CASES))
def test_results_after_closing_show_the_options_in_the_phone_language(
    app, forum, phone, logged_in, language
):
    event_id, data, phones = forum
    poll_id = make_poll(app, event_id, "single", options="Schule\nVerkehr")
    translate_all(interpreter_for(phone, data, [language]), {"Schule": f"[{language}]"})
    vote(phones[language], poll_id, option=option_ids(app, poll_id)[0])
    logged_in.post(f"/events/{event_id}/polls/{poll_id}/close")

    page = phones[language].get(f"/me/polls/{poll_id}").get_data(as_text=True)

    results = page[page.index('id="results-title"') :]
    assert shown(results)[:2] == [
        (f"[{language}]", language, "Schule"),
        ("Verkehr", "de", None),
    ]


def test_dot_vote_cards_reach_the_phone_in_their_own_translation(app, forum, phone):
    event_id, data, phones = forum
    strength = data["phases"][0][1][0]
    send_card(phones["de"], strength, "Mehr Radwege")
    poll_id = make_poll(
        app, event_id, "dots", question="Punkte?", card_source=f"category:{strength}"
    )
    translate_all(
        interpreter_for(phone, data, ["tr"]), {"Mehr Radwege": "Daha çok bisiklet yolu"}
    )

    page = phones["tr"].get(f"/me/polls/{poll_id}").get_data(as_text=True)

    assert ("Daha çok bisiklet yolu", "tr", "Mehr Radwege") in shown(page)
    assert card_requests(app)[("Mehr Radwege", "tr")] == "human"


def test_a_translation_arriving_while_the_poll_is_shown_reaches_the_phone(
    app, forum, phone
):
    event_id, data, phones = forum
    strength = data["phases"][0][1][0]
    send_card(phones["de"], strength, "Mehr Radwege")
    poll_id = make_poll(
        app, event_id, "dots", question="Punkte?", card_source=f"category:{strength}"
    )
    # The Ukrainian phone sits at table 1, the card was written at table 2.
    ukrainian = live_client(app, phones["uk"], {"role": "phone"})
    ukrainian.get_received("/live")

    translate_all(
        interpreter_for(phone, data, ["uk"]),
        {"Punkte?": "Бали?", "Mehr Radwege": "Більше велодоріжок"},
    )

    pushed = {p["key"]: p for p in received(ukrainian, "text")}
    with app.app_context():
        question = db.session.scalar(
            select(EventText).where(EventText.text == "Punkte?")
        )
        card_key = db.session.get(Poll, poll_id).options[0].card.view_key
    assert pushed[question.view_key]["translations"]["uk"]["text"] == "Бали?"
    assert pushed[card_key]["translations"]["uk"] == {
        "text": "Більше велодоріжок",
        "state": "human",
    }
