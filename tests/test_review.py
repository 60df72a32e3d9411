"""The coordination group's review workspace: every contribution of a process by
action field, filtered on the server, decided one by one or as an idea, with the
history of its decisions."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from app.extensions import db
from app.models import (
    Card,
    CardTranslation,
    ConceptDraft,
    Idea,
    IdeaCard,
    Organiser,
    Process,
    ReviewDecision,
    Table,
)
from app.models.process import OUTCOME_LABELS
from app.services import processes, review, review_listing
from tests import review_helpers
from tests.conftest import write_at_table
from tests.review_helpers import JSON, another_process, message

made = review_helpers.made  # the shared fixtures
reviewer = review_helpers.reviewer

ELTERN, ARABIC = "Mehr Sprachkurse für Eltern", "دورات لغة للأمهات"
UKRAINIAN, JUGEND = "Більше місць у гуртках", "Treffpunkte für Jugendliche"


def url(made, rest=""):
    return f"/processes/{made['process_id']}/review{rest}"


def card_url(made, text):
    return url(made, f"/cards/{made['cards'][text]}")


def decisions(app, made, text):
    with app.app_context():
        rows = db.session.scalars(
            select(ReviewDecision)
            .where(ReviewDecision.card_id == made["cards"][text])
            .order_by(ReviewDecision.id)
        )
        return [(row.outcome, row.reason, row.current, row.idea_id) for row in rows]


def shown_cards(page):
    """The card ids of the list, in order."""
    return [int(n) for n in re.findall(r'id="card-(\d+)"', page.get_data(as_text=True))]


def entry(html, anchor):
    """One entry of the list's markup, up to the next one."""
    start = html.index(f'id="{anchor}"')
    end = html.find('<li class="review-item', start)
    return html[start : end if end > 0 else None]


def move_to_table(app, card_id, number):
    with app.app_context():
        card = db.session.get(Card, card_id)
        card.table = db.session.scalar(
            select(Table).where(Table.event_id == card.event_id, Table.number == number)
        )
        db.session.commit()


# --- the list -------------------------------------------------------------------


def test_every_contribution_of_the_process_is_listed_by_action_field(
    app, made, reviewer
):
    move_to_table(app, made["cards"][JUGEND], 3)
    page = reviewer.get(url(made))

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert len(shown_cards(page)) == 4
    welcome = html.index('id="field-1-title" dir="auto">Welcome culture<')
    education = html.index('id="field-2-title" dir="auto">Education and language<')
    assert welcome < html.index(ELTERN) < education < html.index(JUGEND)
    assert 'data-progress="field-1"' in html and "<b data-decided>0</b> / 3" in html
    assert "<b data-decided>0</b> / 1" in html


def test_a_card_shows_in_the_process_language_with_the_original_beneath(
    app, made, reviewer
):
    with app.app_context():
        card = db.session.get(Card, made["cards"][ARABIC])
        card.translations[0].record_machine("Sprachkurse für Mütter")
        db.session.commit()

    html = reviewer.get(url(made)).get_data(as_text=True)

    item = entry(html, f"card-{made['cards'][ARABIC]}")
    assert item.index("Sprachkurse für Mütter") < item.index(ARABIC)
    assert 'class="original-text" dir="auto" lang="ar"' in item
    ukrainian = entry(html, f"card-{made['cards'][UKRAINIAN]}")
    assert ukrainian.index(UKRAINIAN) < ukrainian.index("Not translated yet")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("event={event0}", [ELTERN, ARABIC]),
        ("group=Jugendliche", [UKRAINIAN, JUGEND]),
        ("language=uk", [UKRAINIAN]),
        ("phase=situation&category=strength", [ELTERN, ARABIC, UKRAINIAN, JUGEND]),
        ("category=goal", []),
        ("state=undecided", [ARABIC, UKRAINIAN, JUGEND]),
        ("state=not_adopted", [ELTERN]),
    ],
)
def test_filters_apply_on_the_server(app, made, reviewer, query, expected):
    reviewer.post(
        card_url(made, ELTERN), data={"outcome": "not_adopted", "reason": "Gibt es"}
    )
    query = query.format(event0=made["events"][0])

    page = reviewer.get(url(made, "?" + query))

    assert shown_cards(page) == [made["cards"][text] for text in expected]


def test_filter_values_the_process_does_not_have_are_ignored(made, reviewer):
    page = reviewer.get(url(made, "?event=99999&state=maybe&language=xx"))

    assert page.status_code == 200 and len(shown_cards(page)) == 4


def test_a_long_list_is_paged_and_the_filters_stay(made, reviewer, monkeypatch):
    monkeypatch.setattr(review_listing, "PAGE_SIZE", 2)
    first = reviewer.get(url(made, "?state=undecided"))
    second = reviewer.get(url(made, "?state=undecided&page=2"))

    assert len(shown_cards(first)) == len(shown_cards(second)) == 2
    assert "page=2&amp;state=undecided" in first.get_data(as_text=True)
    assert set(shown_cards(first)).isdisjoint(shown_cards(second))


def test_the_list_costs_the_same_queries_for_more_cards(
    app, made, reviewer, event_data, phone
):
    counted = count_queries(app, lambda: reviewer.get(url(made)))
    data = event_data(made["events"][0])
    for number in range(12):
        write_at_table(phone(), data, f"Noch eine Idee {number}", table=number % 3)
    with app.app_context():
        process = db.session.get(Process, made["process_id"])
        cards = db.session.scalars(select(Card).where(Card.text.like("Noch%"))).all()
        review.decide(process, cards[:4], process.organiser, "adopted")

    assert count_queries(app, lambda: reviewer.get(url(made))) <= counted + 1


def count_queries(app, action):
    statements = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    sa_event.listen(engine, "before_cursor_execute", listener)
    try:
        assert action().status_code == 200
    finally:
        sa_event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


# --- decisions ------------------------------------------------------------------


def test_a_decision_comes_back_to_the_same_filtered_list_at_its_card(
    app, made, reviewer
):
    card_id = made["cards"][ELTERN]
    sent = reviewer.post(
        card_url(made, ELTERN),
        data={"outcome": "adopted", "back": "language=de&page=1&evil=1"},
    )

    assert sent.status_code == 302
    target = urlsplit(sent.headers["Location"])
    assert target.path == url(made) and target.fragment == f"card-{card_id}"
    assert parse_qs(target.query) == {"language": ["de"], "page": ["1"]}
    assert decisions(app, made, ELTERN) == [("adopted", "", True, None)]
    html = reviewer.get(url(made)).get_data(as_text=True)
    item = entry(html, f"card-{card_id}")
    assert item.index("Adopted into the draft") < item.index("Olga Organiser")


def test_a_card_leaving_the_filtered_list_lands_on_the_next_one(made, reviewer):
    sent = reviewer.post(
        card_url(made, ELTERN),
        data={"outcome": "in_draft", "back": "state=undecided", "following": "card-7"},
    )

    assert urlsplit(sent.headers["Location"]).fragment == "card-7"


def test_a_decision_by_script_answers_with_the_card_and_the_progress(made, reviewer):
    sent = reviewer.post(
        card_url(made, ARABIC),
        data={"outcome": "passed_on", "passed_to": "Jobcenter"},
        headers=JSON,
    )

    answer = sent.get_json()
    assert answer["ok"] and answer["anchor"] == f"card-{made['cards'][ARABIC]}"
    assert "Passed on" in answer["html"] and "Jobcenter" in answer["html"]
    assert answer["progress"] == [{"anchor": "field-1", "decided": 1, "total": 4}]


def test_not_adopted_without_a_reason_is_refused_and_what_was_typed_stays(
    app, made, reviewer
):
    card_id = made["cards"][ELTERN]
    sent = reviewer.post(
        card_url(made, ELTERN),
        data={"outcome": "not_adopted", "reason": "  ", "back": "language=de"},
    )

    html = sent.get_data(as_text=True)
    assert sent.status_code == 400
    expected = "Please give the reason why it is not adopted."
    assert html.count(message(app, expected)) == 2  # flashed, and at the card
    item = entry(html, f"card-{card_id}")
    assert 'value="not_adopted" checked' in item and "data-refused" in html
    assert shown_cards(sent) == [card_id, made["cards"][JUGEND]]  # still filtered
    assert decisions(app, made, ELTERN) == []


def test_a_refusal_is_in_the_reviewers_language(app, made, logged_in):
    logged_in.get("/lang/ar")
    sent = logged_in.post(card_url(made, ELTERN), data={"outcome": "not_adopted"})

    assert sent.status_code == 400
    expected = "Please give the reason why it is not adopted."
    assert message(app, expected, "ar") in sent.get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in sent.get_data(as_text=True)


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({}, "Please choose a decision."),
        ({"outcome": "passed_on"}, "Please say to whom it is passed on."),
        ({"outcome": "adopted", "reason": "x" * 2001}, "This text is too long."),
        ({"outcome": "adopted", "section": "9.9"}, "Please choose a section"),
    ],
)
def test_incomplete_decisions_get_a_clear_message_by_script(
    made, reviewer, fields, expected
):
    sent = reviewer.post(card_url(made, ELTERN), data=fields, headers=JSON)

    assert sent.status_code == 400
    assert sent.get_json()["error"].startswith(expected)


def test_a_hidden_card_or_one_of_another_process_is_not_decided(
    app, made, reviewer, make_event
):
    with app.app_context():
        db.session.get(Card, made["cards"][JUGEND]).hide()
        db.session.commit()
    other_id = another_process(app, make_event)

    hidden = reviewer.post(card_url(made, JUGEND), data={"outcome": "adopted"})
    elsewhere = reviewer.post(
        f"/processes/{other_id}/review/cards/{made['cards'][ELTERN]}",
        data={"outcome": "adopted"},
        headers=JSON,
    )

    assert hidden.status_code == elsewhere.status_code == 404
    expected = "This contribution is not part of this review."
    assert message(app, expected) in hidden.get_data(as_text=True)
    assert elsewhere.get_json()["error"] == expected
    assert decisions(app, made, JUGEND) == decisions(app, made, ELTERN) == []
    assert made["cards"][JUGEND] not in shown_cards(reviewer.get(url(made)))


def test_without_login_the_review_sends_to_the_login_and_refuses_decisions(
    made, client
):
    page = client.get(url(made))
    sent = client.post(card_url(made, ELTERN), data={"outcome": "adopted"})

    assert page.status_code == 302 and "/login" in page.headers["Location"]
    assert sent.status_code == 403


def test_earlier_decisions_stay_visible_with_who_and_when(app, made, reviewer):
    reviewer.post(
        card_url(made, ELTERN), data={"outcome": "not_adopted", "reason": "Zu teuer"}
    )
    reviewer.post(card_url(made, ELTERN), data={"outcome": "new_idea"})

    html = reviewer.get(url(made)).get_data(as_text=True)
    item = entry(html, f"card-{made['cards'][ELTERN]}")
    history = item[item.index("<details") : item.index("</details>")]
    assert "1 earlier decision" in history and "Zu teuer" in history
    assert "Not adopted" in history and "Olga Organiser" in history
    assert decisions(app, made, ELTERN)[-1] == ("new_idea", "", True, None)


def test_a_decision_can_point_at_a_section_of_the_current_draft(app, made, reviewer):
    with app.app_context():
        db.session.add(
            ConceptDraft(
                process_id=made["process_id"],
                number=1,
                sections="2.3 Sprachkurse für Eltern\n4.1 Jugendarbeit",
            )
        )
        db.session.commit()
    page = reviewer.get(url(made)).get_data(as_text=True)
    assert '<option value="4.1 Jugendarbeit">4.1 Jugendarbeit</option>' in page

    reviewer.post(
        card_url(made, JUGEND),
        data={"outcome": "in_draft", "section": "4.1 Jugendarbeit"},
    )

    with app.app_context():
        row = db.session.scalar(
            select(ReviewDecision).where(
                ReviewDecision.card_id == made["cards"][JUGEND]
            )
        )
        assert (row.section, row.draft_id is not None) == ("4.1 Jugendarbeit", True)


def test_missing_translations_are_asked_for_in_the_process_language(
    app, made, reviewer
):
    with app.app_context():
        db.session.get(Process, made["process_id"]).language = "en"
        db.session.commit()
    assert asked_in(app, "en") == set()

    sent = reviewer.post(url(made, "/translations"), data={"back": "state=undecided"})

    assert sent.status_code == 302 and "state=undecided" in sent.headers["Location"]
    assert asked_in(app, "en") == {ELTERN, ARABIC, UKRAINIAN, JUGEND}


def asked_in(app, language):
    with app.app_context():
        rows = db.session.scalars(
            select(CardTranslation).where(CardTranslation.language == language)
        )
        return {row.card.text for row in rows if row.state == "requested"}


# --- ideas ----------------------------------------------------------------------


def group(reviewer, made, texts, title="Sprachkurse für Eltern", **extra):
    cards = [made["cards"][text] for text in texts]
    data = {"title": title, "card": cards, **extra}
    return reviewer.post(url(made, "/ideas"), data=data)


def idea_id(app):
    with app.app_context():
        return db.session.scalar(select(Idea.id))


def test_contributions_of_different_events_are_grouped_and_decided_once(
    app, made, reviewer
):
    grouped = group(reviewer, made, [ELTERN, UKRAINIAN], back="state=undecided")
    idea = idea_id(app)
    assert grouped.status_code == 302
    assert urlsplit(grouped.headers["Location"]).fragment == f"idea-{idea}"

    html = reviewer.get(url(made)).get_data(as_text=True)
    block = entry(html, f"idea-{idea}")
    assert "Sprachkurse für Eltern" in block and UKRAINIAN in block and ELTERN in block
    assert ARABIC not in block
    assert shown_cards(reviewer.get(url(made))) == [
        made["cards"][ARABIC],
        made["cards"][JUGEND],
    ]

    decided = reviewer.post(url(made, f"/ideas/{idea}"), data={"outcome": "new_idea"})
    assert decided.status_code == 302
    for text in (ELTERN, UKRAINIAN):
        assert decisions(app, made, text) == [("new_idea", "", True, idea)]
    assert decisions(app, made, ARABIC) == []


def test_a_card_of_an_idea_is_decided_with_its_idea_only(app, made, reviewer):
    group(reviewer, made, [ELTERN, ARABIC])

    sent = reviewer.post(
        card_url(made, ELTERN), data={"outcome": "adopted"}, headers=JSON
    )

    assert sent.status_code == 409 and "decide the idea" in sent.get_json()["error"]


def test_a_card_taken_out_of_an_idea_keeps_its_decision(app, made, reviewer):
    group(reviewer, made, [ELTERN, ARABIC, JUGEND])
    idea = idea_id(app)
    reviewer.post(url(made, f"/ideas/{idea}"), data={"outcome": "in_draft"})

    out = url(made, f"/ideas/{idea}/cards/{made['cards'][ARABIC]}/out")
    sent = reviewer.post(out, data={"back": "language=ar"})

    assert sent.status_code == 302 and "language=ar" in sent.headers["Location"]
    with app.app_context():
        members = db.session.scalars(select(IdeaCard.card_id)).all()
    assert sorted(members) == sorted([made["cards"][ELTERN], made["cards"][JUGEND]])
    assert decisions(app, made, ARABIC) == [("in_draft", "", True, idea)]
    assert made["cards"][ARABIC] in shown_cards(reviewer.get(url(made)))


def test_the_last_card_taken_out_ends_the_idea(app, made, reviewer):
    group(reviewer, made, [ELTERN, ARABIC])
    idea = idea_id(app)
    for text in (ELTERN, ARABIC):
        reviewer.post(url(made, f"/ideas/{idea}/cards/{made['cards'][text]}/out"))

    assert idea_id(app) is None


@pytest.mark.parametrize(
    "texts, title, status, expected",
    [
        ([ELTERN], "Eins", 400, "Please choose at least two contributions"),
        ([ELTERN, ARABIC], " ", 400, "Please give the idea a title."),
        ([ELTERN, ARABIC], "x" * 201, 400, "This text is too long."),
    ],
)
def test_an_idea_needs_two_cards_and_a_title(
    app, made, reviewer, texts, title, status, expected
):
    sent = group(reviewer, made, texts, title=title)

    html = sent.get_data(as_text=True)
    assert sent.status_code == status and message(app, expected) in html
    assert f'value="{made["cards"][ELTERN]}" form="idea-form" checked' in html
    assert idea_id(app) is None


def test_an_idea_refuses_hidden_cards_cards_elsewhere_and_cards_of_another_idea(
    app, made, reviewer
):
    group(reviewer, made, [ELTERN, ARABIC], title="Erste")
    again = group(reviewer, made, [ARABIC, JUGEND], title="Zweite")
    with app.app_context():
        db.session.get(Card, made["cards"][UKRAINIAN]).hide()
        db.session.commit()
    hidden = group(reviewer, made, [JUGEND, UKRAINIAN], title="Dritte")
    foreign = reviewer.post(
        url(made, "/ideas"),
        data={"title": "Vierte", "card": [made["cards"][JUGEND], 99999]},
    )

    assert again.status_code == 409 and "one idea at most" in again.get_data(
        as_text=True
    )
    assert hidden.status_code == foreign.status_code == 404
    with app.app_context():
        assert db.session.scalars(select(Idea.title)).all() == ["Erste"]


def test_an_idea_shows_its_decision_and_each_cards_history(app, made, reviewer):
    reviewer.post(
        card_url(made, ELTERN), data={"outcome": "not_adopted", "reason": "Nein"}
    )
    group(reviewer, made, [ELTERN, ARABIC])
    idea = idea_id(app)
    html = reviewer.get(url(made)).get_data(as_text=True)
    assert "Decided on its own before:" in html

    reviewer.post(url(made, f"/ideas/{idea}"), data={"outcome": "adopted"})

    html = reviewer.get(url(made, "?state=adopted")).get_data(as_text=True)
    block = entry(html, f"idea-{idea}")
    history = block[block.index("<details") : block.index("</details>")]
    assert "1 earlier decision" in history and "Nein" in history
    assert message(app, OUTCOME_LABELS["not_adopted"]) in history
    now = block[block.index('class="decision-now') :]
    assert now.index(message(app, OUTCOME_LABELS["adopted"])) < now.index("<form")


def test_a_process_without_contributions_shows_an_empty_review(
    app, organiser, logged_in
):
    with app.app_context():
        owner = db.session.get(Organiser, organiser)
        process_id = processes.create_process(owner, {"title": "Neu"}, "melle").id

    page = logged_in.get(f"/processes/{process_id}/review")

    assert page.status_code == 200 and shown_cards(page) == []
    assert 'class="review-progress"' in page.get_data(as_text=True)
