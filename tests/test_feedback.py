"""Feedback to the people: what became of a process's contributions, on the public
feedback page, a phone's "my contributions", the projector of a later event and
its report; never who wrote what."""

import random
import re
import uuid
from datetime import date

import pytest
from flask_babel import force_locale, gettext, ngettext
from sqlalchemy import event as sql_event
from sqlalchemy import select

from app.extensions import db
from app.models import (
    Card,
    CardTranslation,
    Event,
    Goal,
    Idea,
    IdeaCard,
    Organiser,
    Participant,
    Process,
)
from app.services import earlier_ideas, feedback, review

PARENTS = "Mehr Sprachkurse für Eltern"
MOTHERS = "دورات لغة للأمهات"
CLUBS = "Більше місць у гуртках"
MEETING = "Treffpunkte für Jugendliche"
TAKEN_UP = (
    "%(done)s of %(num)s proposal adopted or already planned",
    "%(done)s of %(num)s proposals adopted or already planned",
)
JSON = {"Accept": "application/json"}
GERMAN_ACCEPT = {"Accept-Language": "de-DE,de;q=0.9"}
ARABIC_ACCEPT = {"Accept-Language": "ar"}


@pytest.fixture
def made(make_process):
    """The process fixture; tests of services add `ctx`. Views are asked without
    a surrounding context: it would keep the first request's language."""
    return make_process()


@pytest.fixture
def german(app):
    """german(message, **values): the message as a German page shows it (the
    catalogues may translate new messages later)."""

    def translate(message, **values):
        with app.test_request_context(), force_locale("de"):
            return gettext(message, **values)

    return translate


@pytest.fixture
def decided(app, made):
    """decide_some(), then {"token": the feedback token, "field": the field's
    number on the feedback page, "made": made}."""
    with app.test_request_context():
        process, _cards, _owner = decide_some(made)
        return {"token": process.feedback_token, "field": field_number(process)}


def load(made):
    process = db.session.get(Process, made["process_id"])
    cards = {text: db.session.get(Card, id_) for text, id_ in made["cards"].items()}
    return process, cards, db.session.get(Organiser, process.organiser_id)


def decide_some(made):
    """Parents' courses adopted, mothers' courses not adopted (with a reason),
    clubs passed on; meeting places not decided yet."""
    process, cards, owner = load(made)
    review.decide(process, [cards[PARENTS]], owner, "adopted", section="2.3")
    review.decide(
        process, [cards[MOTHERS]], owner, "not_adopted", reason="Schon im Angebot"
    )
    review.decide(process, [cards[CLUBS]], owner, "passed_on", passed_to="Jugendamt")
    return process, cards, owner


def translate(card, language, text):
    """A finished translation (a requested one is completed)."""
    found = card.translation_into(language) or next(
        (t for t in card.translations if t.language == language), None
    )
    if found is None:
        found = CardTranslation(card_id=card.id, language=language)
        db.session.add(found)
    found.text, found.state = text, "human"
    db.session.commit()


def card_like(like, text, language="de"):
    """A new card at the table, in the phase and of the kind of `like`."""
    card = Card(
        uuid=str(uuid.uuid4()),
        event_id=like.event_id,
        table_id=like.table_id,
        phase_id=like.phase_id,
        category_id=like.category_id,
        text=text,
        language=language,
    )
    db.session.add(card)
    db.session.flush()
    return card


def page(client, token, path="", headers=GERMAN_ACCEPT):
    response = client.get(f"/f/{token}{path}", headers=headers)
    return response, response.get_data(as_text=True)


def field_number(process, language="de"):
    """The feedback page's number of the action field the cards were written in."""
    fields = feedback.field_feedback(process, language)
    return next(f.number for f in fields if f.name)


# --- what became of the contributions ------------------------------------------


def test_each_field_counts_what_was_taken_up_of_its_proposals(ctx, made):
    process, _cards, _owner = decide_some(made)

    fields = feedback.field_feedback(process, "de")

    total = feedback.overall(fields)
    assert (total.total, total.taken_up, total.undecided) == (4, 1, 1)
    assert total.counts["not_adopted"] == total.counts["passed_on"] == 1
    with force_locale("en"):
        assert feedback.taken_up_text(total) == ngettext(*TAKEN_UP, 4, done=1)
        assert "1 of 4" in feedback.taken_up_text(total)
    assert [f.number for f in fields] == list(range(1, len(fields) + 1))


def test_contributions_of_one_idea_that_share_a_decision_are_one_entry(ctx, made):
    process, cards, owner = load(made)
    idea = Idea(process_id=process.id, title="Sprachkurse für Familien")
    db.session.add(idea)
    db.session.flush()
    for text in (PARENTS, MOTHERS):
        db.session.add(IdeaCard(idea_id=idea.id, card_id=cards[text].id))
    together = [cards[PARENTS], cards[MOTHERS]]
    review.decide(process, together, owner, "new_idea", idea_id=idea.id)

    entries = feedback.overall(feedback.field_feedback(process, "de")).entries
    grouped = [e for e in entries if len(e.card_ids) > 1]
    assert len(entries) == 3 and len(grouped) == 1
    assert grouped[0].idea_title == "Sprachkurse für Familien"
    assert grouped[0].outcome == "new_idea"

    review.decide(process, [cards[MOTHERS]], owner, "not_adopted", reason="Doppelt")
    entries = feedback.overall(feedback.field_feedback(process, "de")).entries
    assert len(entries) == 4  # decided apart: each is its own entry again


def test_hidden_and_merged_cards_are_no_entries_of_their_own(ctx, made):
    process, cards, owner = decide_some(made)
    cards[MEETING].hide()
    cards[MOTHERS].table = cards[PARENTS].table
    review.decide(process, [cards[MOTHERS]], owner, "adopted")
    cards[MOTHERS].merge_into(cards[PARENTS])
    db.session.commit()

    entries = feedback.overall(feedback.field_feedback(process, "de")).entries

    assert sorted(e.card_ids[0] for e in entries) == sorted(
        [cards[PARENTS].id, cards[CLUBS].id]
    )


def test_a_later_event_sees_only_the_ideas_of_the_events_before_it(ctx, made):
    process, _cards, _owner = decide_some(made)
    first, second, conference = (db.session.get(Event, i) for i in made["events"])

    assert not earlier_ideas.has_earlier_ideas(first)
    assert earlier_ideas.has_earlier_ideas(second)
    earlier = earlier_ideas.earlier_feedback(second, "de")
    texts = [v.text for f in earlier for e in f.decided for v in e.views]
    assert sorted(texts) == sorted([PARENTS, MOTHERS])
    later = earlier_ideas.earlier_feedback(conference, "de")
    assert len([e for f in later for e in f.decided]) == 3


def test_an_event_without_a_process_has_no_earlier_ideas(ctx, made, make_event):
    decide_some(made)
    lone = db.session.get(Event, make_event())

    assert not earlier_ideas.has_earlier_ideas(lone)
    assert earlier_ideas.earlier_feedback(lone, "de") == []


# --- the public feedback page ---------------------------------------------------


def test_feedback_page_in_german_counts_and_links_each_action_field(
    app, decided, client
):
    response, text = page(client, decided["token"])

    assert response.status_code == 200
    assert '<html lang="de" dir="ltr">' in text
    with app.test_request_context(), force_locale("de"):
        assert ngettext(*TAKEN_UP, 4, done=1) in text
    assert f"/f/{decided['token']}/{decided['field']}" in text


def test_field_page_shows_each_proposal_with_what_became_of_it(
    app, made, decided, client, german
):
    with app.app_context():
        translate(db.session.get(Card, made["cards"][MOTHERS]), "de", "Für Mütter")

    response, text = page(client, decided["token"], f"/{decided['field']}")

    assert response.status_code == 200
    assert "Für Mütter" in text and MOTHERS in text  # the original beneath
    assert "Schon im Angebot" in text  # the reason for "not adopted"
    assert german("Passed on to %(name)s", name="Jugendamt") in text
    assert german("Section %(section)s", section="2.3") in text
    assert german("Still under review") in text


def test_feedback_page_in_arabic_runs_right_to_left(decided, client):
    client.get("/lang/ar")

    _response, text = page(client, decided["token"], headers={})
    _response, field = page(client, decided["token"], f"/{decided['field']}", {})

    assert '<html lang="ar" dir="rtl">' in text
    assert '<html lang="ar" dir="rtl">' in field and MOTHERS in field


def test_a_link_with_a_language_opens_the_page_in_it(decided, client):
    token = decided["token"]
    response = client.get(f"/f/{token}?lang=uk")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/f/{token}"
    _response, text = page(client, token, headers={})
    assert '<html lang="uk"' in text


def test_feedback_pages_never_name_who_wrote_what(app, decided, client):
    with app.app_context():
        for participant in db.session.scalars(select(Participant)):
            participant.first_name = "Zeynep"
            participant.perspective = "Alleinerziehende"
        db.session.commit()
        numbers = [f.number for f in _fields(app, decided["token"])]

    texts = [page(client, decided["token"])[1]]
    texts += [page(client, decided["token"], f"/{number}")[1] for number in numbers]

    for text in texts:
        assert "Zeynep" not in text and "Alleinerziehende" not in text
        assert not re.search(r"(Tisch|Table|Platz|Seat) \d", text)
        assert "Dialogforum" not in text  # not even the event it came from


def _fields(app, token):
    with app.test_request_context():
        process = db.session.scalar(select(Process).filter_by(feedback_token=token))
        return feedback.field_feedback(process, "de")


def test_unknown_feedback_link_is_a_404_in_the_visitors_language(client):
    response = client.get("/f/no-such-link", headers=ARABIC_ACCEPT)

    assert response.status_code == 404
    text = response.get_data(as_text=True)
    assert 'lang="ar"' in text and "هذه الصفحة غير موجودة" in text


def test_a_field_or_page_that_does_not_exist_is_a_404(decided, client):
    token, number = decided["token"], decided["field"]

    assert page(client, token, "/99")[0].status_code == 404
    assert page(client, token, f"/{number}?page=2")[0].status_code == 404
    assert page(client, token, f"/{number}?page=0")[0].status_code == 404


def test_a_long_field_is_listed_in_pages(app, made, decided, client, german):
    from app.feedback.routes import PAGE_SIZE

    with app.app_context():
        template = db.session.get(Card, made["cards"][PARENTS])
        for n in range(PAGE_SIZE + 5):
            card_like(template, f"Vorschlag {n}")
        db.session.commit()
    path = f"/{decided['field']}"

    _response, first = page(client, decided["token"], path)
    _response, second = page(client, decided["token"], path + "?page=2")

    assert "Vorschlag 0<" in first and "Vorschlag 40<" not in first
    assert german("Page %(page)s of %(pages)s", page=1, pages=2) in first
    assert "Vorschlag 40<" in second


def test_goals_show_their_status_and_latest_update(app, made, decided, client, german):
    with app.test_request_context():
        process, _cards, owner = load(made)
        add_goal(process, owner)

    _response, text = page(client, decided["token"])

    assert "Jedes Kind kann schwimmen" in text and german("Under way") in text
    assert "Schulamt" in text and "04.05.2027" in text


def add_goal(process, owner, on=date(2027, 5, 4), **fields):
    """A goal of the register, under way since `on`."""
    smart = {
        "text": "Jedes Kind kann schwimmen",
        "action_field": "Bildung und Sprache",
        "indicator": "Anteil der Kinder mit Seepferdchen",
        "actor": "Schulamt",
        "deadline": date(2028, 7, 1),
    }
    goal = Goal(process_id=process.id, **(smart | fields))
    db.session.add(goal)
    goal.record("under_way", on, "", owner)
    db.session.commit()


def test_the_feedback_pages_ask_few_queries(app, decided, client):
    token, number = decided["token"], decided["field"]
    with app.app_context():
        engine = db.engine
    statements = []

    def count(*_args):
        statements.append(1)

    sql_event.listen(engine, "before_cursor_execute", count)
    try:
        page(client, token)
        overview = len(statements)
        statements.clear()
        page(client, token, f"/{number}")
        field = len(statements)
    finally:
        sql_event.remove(engine, "before_cursor_execute", count)

    print(f"queries: overview {overview}, field page {field}")
    assert overview <= 12 and field <= 12, (overview, field)


def test_the_feedback_pages_fit_the_phone_budget(app, made, decided, client):
    """Forty of the longest cards, each with a translation beside its original."""
    from tests.test_page_weight import BUDGET, transferred

    with app.app_context():
        like = db.session.get(Card, made["cards"][PARENTS])
        for n in range(40):
            card = card_like(like, _prose(ARABIC_WORDS, n), "ar")
            translate(card, "de", _prose(GERMAN_WORDS, n))
    for path in ("", f"/{decided['field']}"):
        page, total = transferred(client, f"/f/{decided['token']}{path}")
        print(f"feedback page {path or '/'} (gzip): {total} bytes")
        assert total <= BUDGET, total
        assert "<script" not in page


ARABIC_WORDS = (
    "دورات لغة للأمهات في المساء مع رعاية الأطفال والمدارس والعمل والسكن الصحة "
    "الحي الجيران المكتب البلدية المستشفى الشباب الرياضة النقل الحافلة المكتبة"
).split()
GERMAN_WORDS = (
    "Sprachkurse Abend Kinderbetreuung Schule Arbeit Wohnung Gesundheit Stadtteil "
    "Nachbarn Rathaus Beratung Jugend Sport Bus Bibliothek Verein Ehrenamt Familie "
    "mehr bessere neue für mit ohne am im und oder"
).split()


def _prose(words, seed):
    """500 characters of words in a varied order: compressed as real text is."""
    pick = random.Random(seed)
    text = ""
    while len(text) < 500:
        text += pick.choice(words) + " "
    return text[:500]
