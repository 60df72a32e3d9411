"""The goals register: adopted goal proposals become SMART goals of the process
with one click, goals can be added by hand, and their status is recorded with a
date as it changes."""

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Card, DomainError, Goal, GoalUpdate, Process
from app.services import goals, review
from tests import review_helpers
from tests.conftest import join
from tests.review_helpers import JSON, another_process, message

made = review_helpers.made  # the shared fixtures
reviewer = review_helpers.reviewer

PROPOSAL = "Bis 2028 haben alle Kitas Sprachkurse für Eltern"
SMART = {
    "indicator": "Anteil der Kitas mit Kurs",
    "actor": "Fachdienst Bildung",
    "deadline": "31.12.2028",
    "resources": "2 Stellen, 40.000 € im Jahr",
}


@pytest.fixture
def goal_card(app, made, event_data, start_phase, phone):
    """goal_card(text, **smart) -> the id of a goal proposal written at the first
    forum's phase 2 (goals), with its SMART details."""
    event_id = made["events"][0]
    start_phase(event_id, 1)
    data = event_data(event_id)

    def write(text=PROPOSAL, **smart):
        writer = phone()
        join(writer, data["tables"][0][1])
        sent = {"uuid": str(uuid.uuid4()), "category": data["phases"][1][1][0]}
        writer.post("/me/cards", data={**sent, "text": text, **smart}, headers=JSON)
        with app.app_context():
            return db.session.scalar(select(Card.id).where(Card.text == text))

    return write


def loaded(made, card_id):
    process = db.session.get(Process, made["process_id"])
    return process, db.session.get(Card, card_id), process.organiser


def decide(app, made, card_id, outcome, **fields):
    with app.app_context():
        process, card, owner = loaded(made, card_id)
        review.decide(process, [card], owner, outcome, **fields)


def goals_url(made, rest=""):
    return f"/processes/{made['process_id']}/goals{rest}"


def stored_goals(app):
    with app.app_context():
        rows = db.session.scalars(select(Goal).order_by(Goal.id))
        return [(g.text, g.state, len(g.updates)) for g in rows]


# --- services -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2028-12-31", date(2028, 12, 31)),
        ("31.12.2028", date(2028, 12, 31)),
        (" 1.3.29 ", date(2029, 3, 1)),
        ("31/12/2028", date(2028, 12, 31)),
        ("Ende 2028", None),
        ("31.02.2028", None),
        ("", None),
    ],
)
def test_a_deadline_on_a_card_is_a_date_only_when_it_is_one(text, expected):
    assert goals.parse_deadline(text) == expected


def test_an_adopted_goal_proposal_becomes_a_goal_filled_from_its_card(
    app, made, goal_card
):
    card_id = goal_card(**SMART)
    decide(app, made, card_id, "new_idea")

    with app.test_request_context():
        process, card, _ = loaded(made, card_id)
        goal = goals.goal_from_card(process, card)

        assert (goal.text, goal.action_field) == (PROPOSAL, "Willkommenskultur")
        assert (goal.indicator, goal.actor) == (SMART["indicator"], SMART["actor"])
        assert (goal.deadline, goal.resources) == (
            date(2028, 12, 31),
            SMART["resources"],
        )
        assert (goal.card_id, goal.state, goal.target_value) == (
            card_id,
            "not_started",
            "",
        )


def test_a_deadline_that_is_no_date_is_left_empty(app, made, goal_card):
    card_id = goal_card(deadline="Ende 2028")
    decide(app, made, card_id, "adopted")

    with app.test_request_context():
        goal = goals.goal_from_card(*loaded(made, card_id)[:2])
        assert goal.deadline is None


@pytest.mark.parametrize("outcome", [None, "not_adopted", "in_draft", "passed_on"])
def test_only_a_goal_proposal_the_review_adopted_enters_the_register(
    app, made, goal_card, outcome
):
    card_id = goal_card()
    if outcome:
        decide(app, made, card_id, outcome, reason="Nein", passed_to="Kreistag")

    with app.test_request_context():
        with pytest.raises(DomainError):
            goals.goal_from_card(*loaded(made, card_id)[:2])
    assert stored_goals(app) == []


def test_a_card_of_another_kind_or_taken_twice_is_refused(app, made, goal_card):
    card_id = goal_card()
    strength = made["cards"]["Mehr Sprachkurse für Eltern"]
    for adopted in (card_id, strength):
        decide(app, made, adopted, "adopted")

    with app.test_request_context():
        goals.goal_from_card(*loaded(made, card_id)[:2])
    with app.test_request_context():
        for again in (card_id, strength):
            with pytest.raises(DomainError):
                goals.goal_from_card(*loaded(made, again)[:2])
    assert len(stored_goals(app)) == 1


def test_the_status_follows_the_latest_dated_update(app, made):
    with app.test_request_context():
        process = db.session.get(Process, made["process_id"])
        goal = goals.add_goal(process, {"text": "Mehr Ehrenamt", "deadline": None})
        by = process.organiser
        goals.record_status(goal, "reached", date(2029, 5, 1), "", by)
        goals.record_status(goal, "under_way", date(2028, 1, 1), "Start", by)

        assert goal.state == "reached"
        assert [u.state for u in goal.updates] == ["under_way", "reached"]


def test_adopted_proposals_not_yet_in_the_register_are_offered(app, made, goal_card):
    first, second = goal_card(), goal_card("Jedes Jahr ein Willkommensfest")
    third = goal_card("Mehr Sportvereine für Mädchen")
    for card_id, outcome in (
        (first, "adopted"),
        (second, "new_idea"),
        (third, "in_draft"),
    ):
        decide(app, made, card_id, outcome)

    with app.test_request_context():
        process, card, _ = loaded(made, first)
        goals.goal_from_card(process, card)
        assert [c.id for c in goals.adoptable_proposals(process)] == [second]


# --- views ----------------------------------------------------------------------


def test_one_click_on_the_review_page_takes_an_adopted_proposal_over(
    app, made, goal_card, reviewer
):
    card_id = goal_card(**SMART)
    reviewer.post(
        f"/processes/{made['process_id']}/review/cards/{card_id}",
        data={"outcome": "adopted"},
    )
    review_page = reviewer.get(f"/processes/{made['process_id']}/review")
    action = goals_url(made, f"/from-card/{card_id}")
    assert f'action="{action}"' in review_page.get_data(as_text=True)

    sent = reviewer.post(action)

    goal_id = db_goal_id(app)
    assert sent.status_code == 302
    assert sent.headers["Location"].endswith(goals_url(made, f"#goal-{goal_id}"))
    page = reviewer.get(goals_url(made)).get_data(as_text=True)
    assert PROPOSAL in page and SMART["actor"] in page and 'value="2028-12-31"' in page
    review_page = reviewer.get(f"/processes/{made['process_id']}/review")
    assert "In the goals register" in review_page.get_data(as_text=True)


def db_goal_id(app):
    with app.app_context():
        return db.session.scalar(select(Goal.id))


def test_taking_over_a_proposal_that_is_not_adopted_is_refused_clearly(
    app, made, goal_card, reviewer
):
    card_id = goal_card()

    sent = reviewer.post(goals_url(made, f"/from-card/{card_id}"))

    assert sent.status_code == 409
    expected = "Only a goal proposal the review adopted can go into the register."
    assert message(app, expected) in sent.get_data(as_text=True)


def test_the_smart_fields_of_a_goal_are_edited(app, made, reviewer):
    reviewer.post(goals_url(made), data={"new-text": "Mehr Ehrenamt"})
    goal_id = db_goal_id(app)

    sent = reviewer.post(
        goals_url(made, f"/{goal_id}"),
        data={
            f"g{goal_id}-text": "Mehr Ehrenamt von Zugewanderten",
            f"g{goal_id}-action_field": "Teilhabe",
            f"g{goal_id}-indicator": "Zahl der Engagierten",
            f"g{goal_id}-target_value": "+20 %",
            f"g{goal_id}-actor": "Freiwilligenagentur",
            f"g{goal_id}-deadline": "2029-06-30",
            f"g{goal_id}-resources": "1 Stelle",
        },
    )

    assert sent.status_code == 302
    with app.app_context():
        goal = db.session.get(Goal, goal_id)
        assert (goal.text, goal.action_field) == (
            "Mehr Ehrenamt von Zugewanderten",
            "Teilhabe",
        )
        assert (goal.target_value, goal.actor) == ("+20 %", "Freiwilligenagentur")
        assert goal.deadline == date(2029, 6, 30)


def test_a_goal_is_added_by_hand_and_a_goal_without_text_is_refused(
    app, made, reviewer
):
    refused = reviewer.post(
        goals_url(made), data={"new-text": " ", "new-actor": "Integrationsbeirat"}
    )
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert message(app, "Please describe the goal.") in html
    assert 'value="Integrationsbeirat"' in html and stored_goals(app) == []

    added = reviewer.post(goals_url(made), data={"new-text": "Mehr Ehrenamt"})

    assert added.status_code == 302 and stored_goals(app) == [
        ("Mehr Ehrenamt", "not_started", 0)
    ]


def test_a_status_is_recorded_with_its_date(app, made, reviewer):
    reviewer.post(goals_url(made), data={"new-text": "Mehr Ehrenamt"})
    goal_id = db_goal_id(app)
    fields = {f"s{goal_id}-state": "under_way", f"s{goal_id}-note": "Erste Kurse"}

    sent = reviewer.post(
        goals_url(made, f"/{goal_id}/status"),
        data={**fields, f"s{goal_id}-on": "2028-03-01"},
    )

    assert sent.status_code == 302
    page = reviewer.get(goals_url(made)).get_data(as_text=True)
    assert "Under way" in page and "Erste Kurse" in page and "Mar 1, 2028" in page


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_status_without_a_date_is_refused_in_the_users_language(
    app, made, logged_in, language
):
    logged_in.get(f"/lang/{language}")
    logged_in.post(goals_url(made), data={"new-text": "Mehr Ehrenamt"})
    goal_id = db_goal_id(app)

    sent = logged_in.post(
        goals_url(made, f"/{goal_id}/status"),
        data={f"s{goal_id}-state": "reached", f"s{goal_id}-note": "Geschafft"},
    )

    html = sent.get_data(as_text=True)
    assert sent.status_code == 400
    assert message(app, "Please give the date of the status.", language) in html
    assert "Geschafft</textarea>" in html
    assert stored_goals(app) == [("Mehr Ehrenamt", "not_started", 0)]


def test_a_status_with_a_date_that_is_none_is_refused(app, made, reviewer):
    reviewer.post(goals_url(made), data={"new-text": "Mehr Ehrenamt"})
    goal_id = db_goal_id(app)

    sent = reviewer.post(
        goals_url(made, f"/{goal_id}/status"),
        data={f"s{goal_id}-state": "reached", f"s{goal_id}-on": "gestern"},
        headers=JSON,
    )

    assert sent.status_code == 400 and sent.get_json()["error"]
    with app.app_context():
        assert db.session.scalars(select(GoalUpdate)).all() == []


def test_goals_and_cards_of_another_process_are_not_found(
    app, made, reviewer, make_event
):
    reviewer.post(goals_url(made), data={"new-text": "Mehr Ehrenamt"})
    goal_id = db_goal_id(app)
    other_id = another_process(app, make_event)
    card_id = made["cards"]["Mehr Sprachkurse für Eltern"]

    status = reviewer.post(
        f"/processes/{other_id}/goals/{goal_id}/status",
        data={f"s{goal_id}-state": "reached", f"s{goal_id}-on": "2028-03-01"},
    )
    taken = reviewer.post(f"/processes/{other_id}/goals/from-card/{card_id}")

    assert status.status_code == taken.status_code == 404
    assert stored_goals(app) == [("Mehr Ehrenamt", "not_started", 0)]


def test_without_login_the_register_is_closed(made, client):
    page = client.get(goals_url(made))
    sent = client.post(goals_url(made), data={"new-text": "Mehr Ehrenamt"})

    assert page.status_code == 302 and "/login" in page.headers["Location"]
    assert sent.status_code == 403
