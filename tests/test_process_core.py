"""The process core: events attached to a process, and review decisions that are
data about a contribution, with their history."""

import pytest

from app.extensions import db
from app.models import Card, DomainError, Event, Organiser, Process, ReviewDecision
from app.services import processes, review


@pytest.fixture
def made(make_process, ctx):
    return make_process()


def load(made):
    process = db.session.get(Process, made["process_id"])
    cards = {text: db.session.get(Card, id_) for text, id_ in made["cards"].items()}
    return process, cards, db.session.get(Organiser, process.organiser_id)


def test_a_process_holds_its_events_in_order_and_their_contributions(made):
    process, cards, _ = load(made)

    assert [event.id for event in process.events] == made["events"]
    found = db.session.scalars(review.contributions(process)).all()
    assert {card.text for card in found} == set(cards)


def test_an_event_inside_a_process_inherits_its_action_fields_and_language(made):
    process, _, owner = load(made)
    process.language = "ar"
    details = {"title": "Praxischeck", "starts_at": process.events[0].starts_at}
    event = processes.create_event_in(process, owner, details)

    assert event.process is process and event.language == "ar"
    names = [field.name for field in event.action_fields]
    assert names == [field.name for field in process.events[0].action_fields]


def test_a_new_decision_keeps_the_earlier_one_as_history(made):
    process, cards, owner = load(made)
    card = cards["Mehr Sprachkurse für Eltern"]

    review.decide(process, [card], owner, "not_adopted", reason="Kein Geld")
    review.decide(process, [card], owner, "adopted")

    rows = db.session.query(ReviewDecision).filter_by(card_id=card.id).all()
    assert [(row.outcome, row.current) for row in rows] == [
        ("not_adopted", False),
        ("adopted", True),
    ]
    assert review.outcome_of(process, card).outcome == "adopted"
    assert card.text == "Mehr Sprachkurse für Eltern" and card.state == "visible"


@pytest.mark.parametrize(
    "outcome, fields",
    [
        ("not_adopted", {"reason": "  "}),
        ("passed_on", {"passed_to": ""}),
        ("maybe", {}),
    ],
)
def test_an_incomplete_decision_is_refused_and_nothing_is_stored(made, outcome, fields):
    process, cards, owner = load(made)
    with pytest.raises(DomainError) as refused:
        review.decide(process, list(cards.values()), owner, outcome, **fields)

    assert refused.value.status == 400
    assert review.current_decisions(process) == {}


def test_hidden_cards_and_cards_of_other_processes_are_not_reviewed(made, make_event):
    process, cards, owner = load(made)
    hidden = cards["Treffpunkte für Jugendliche"]
    hidden.hide()
    lone = db.session.get(Event, make_event())
    other = processes.create_process(owner, {"title": "Anderer Prozess"}, "melle")
    processes.attach_event(other, lone)

    with pytest.raises(DomainError):
        review.decide(process, [hidden], owner, "adopted")
    with pytest.raises(DomainError) as elsewhere:
        review.decide(other, [cards["دورات لغة للأمهات"]], owner, "adopted")
    assert elsewhere.value.status == 404


def test_a_merged_card_follows_the_decision_on_the_card_it_joined(made):
    process, cards, owner = load(made)
    first, second = cards["Mehr Sprachkurse für Eltern"], cards["دورات لغة للأمهات"]
    second.table = first.table
    second.merge_into(first)
    review.decide(process, [first], owner, "in_draft", section="2.3")

    assert review.outcome_of(process, second).outcome == "in_draft"
