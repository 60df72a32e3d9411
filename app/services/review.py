"""The coordination group's review: what became of every contribution of a process.

A contribution is a card of one of the process's events that reached the room
(visible); a card merged into another shares the decision on the card it was
merged into. Decisions are rows of their own, never changes to the card."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.extensions import db
from app.models import Card, DomainError, Event, ReviewDecision


def contributions(process):
    """A select of the process's reviewable cards (visible, of its events)."""
    return (
        select(Card)
        .join(Event, Card.event_id == Event.id)
        .where(Event.process_id == process.id, Card.state == "visible")
    )


def current_decisions(process, card_ids=None):
    """{card id: its current ReviewDecision} for the process (or those cards)."""
    query = select(ReviewDecision).where(
        ReviewDecision.process_id == process.id, ReviewDecision.current
    )
    if card_ids is not None:
        query = query.where(ReviewDecision.card_id.in_(card_ids))
    return {row.card_id: row for row in db.session.scalars(query)}


def outcome_of(process, card):
    """The current decision on a card as its writer follows it: a merged card
    shares the decision on the card it was merged into."""
    root = card
    while root.merged_into_id is not None:
        root = db.session.get(Card, root.merged_into_id)
    return current_decisions(process, [root.id]).get(root.id)


def require_reviewable(process, card):
    if db.session.get(Event, card.event_id).process_id != process.id:
        raise DomainError(_l("This contribution belongs to another process."), 404)
    if card.state != "visible":
        raise DomainError(
            _l("Only contributions shown at the event can be reviewed."), 409
        )


def decide(process, cards, reviewer, outcome, reason="", passed_to="", **pointer):
    """Record one decision on each of cards (one card, or an idea's cards):
    outcome one of OUTCOMES; a reason for "not_adopted", to whom for "passed_on";
    pointer: section (of the current draft) and idea_id. Earlier decisions on
    these cards stay as history."""
    reason, passed_to = (reason or "").strip(), (passed_to or "").strip()
    ReviewDecision.check(outcome, reason, passed_to)
    for card in cards:
        require_reviewable(process, card)
    section = (pointer.get("section") or "").strip()[:40]
    draft = process.current_draft
    ids = [card.id for card in cards]
    db.session.execute(
        update(ReviewDecision)
        .where(ReviewDecision.card_id.in_(ids), ReviewDecision.current)
        .values(current=False)
    )
    decisions = [
        ReviewDecision(
            process_id=process.id,
            card_id=card.id,
            idea_id=pointer.get("idea_id"),
            outcome=outcome,
            reason=reason,
            passed_to=passed_to,
            section=section,
            draft_id=draft.id if draft and section else None,
            reviewer_id=reviewer.id,
        )
        for card in cards
    ]
    db.session.add_all(decisions)
    db.session.commit()
    current_app.logger.info(
        "process %s: %s on %s card(s) by %s", process.id, outcome, len(ids), reviewer.id
    )
    return decisions
