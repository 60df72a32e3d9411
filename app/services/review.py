"""The coordination group's review: what became of every contribution of a process.

A contribution is a card of one of the process's events that reached the room
(visible); a card merged into another shares the decision on the card it was
merged into. Decisions are rows of their own, never changes to the card."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import Card, DomainError, Event, Idea, IdeaCard, ReviewDecision
from app.services import translation_requests

MAX_IDEA_TITLE = 200


def contributions(process):
    """A select of the process's reviewable cards (visible, of its events)."""
    return (
        select(Card)
        .join(Event, Card.event_id == Event.id)
        .where(Event.process_id == process.id, Card.state == "visible")
    )


def is_current():
    """Current decisions, as a join condition: `current IS NOT 0` lets SQLite
    find a card's decision by its card; `current = 1` makes it walk its index of
    all current decisions once per card (200 ms for 1,800 cards)."""
    return ReviewDecision.current.is_not(False)


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
    db.session.flush()
    current_app.logger.info(
        "process %s: %s on %s card(s) by %s", process.id, outcome, len(ids), reviewer.id
    )
    return decisions


def decide_card(process, card, reviewer, outcome, reason="", passed_to="", section=""):
    """A decision on one contribution; one grouped into an idea is decided with
    its idea."""
    if db.session.get(IdeaCard, card.id) is not None:
        raise DomainError(
            _l("This contribution is part of an idea: decide the idea as a whole.")
        )
    return decide(
        process, [card], reviewer, outcome, reason, passed_to, section=section
    )


def decide_idea(process, idea, reviewer, outcome, reason="", passed_to="", section=""):
    """One decision for every card of the idea that is still shown at its event,
    each recorded with the idea."""
    cards = [m.card for m in idea.members if m.card.state == "visible"]
    if not cards:
        raise DomainError(_l("This idea has no contribution left to review."))
    return decide(
        process,
        cards,
        reviewer,
        outcome,
        reason,
        passed_to,
        section=section,
        idea_id=idea.id,
    )


def group_idea(process, cards, title):
    """Similar contributions (of any events of the process) as one idea, to be
    decided once. A card belongs to one idea at most."""
    title = (title or "").strip()
    if not title:
        raise DomainError(_l("Please give the idea a title."), status=400)
    if len(title) > MAX_IDEA_TITLE:
        raise DomainError(_l("The title of the idea is too long."), status=400)
    if len({card.id for card in cards}) < 2:
        message = _l("Please choose at least two contributions for an idea.")
        raise DomainError(message, status=400)
    for card in cards:
        require_reviewable(process, card)
    _require_no_idea([card.id for card in cards])
    idea = Idea(process_id=process.id, title=title)
    idea.members = [IdeaCard(card_id=card_id) for card_id in {c.id: c for c in cards}]
    db.session.add(idea)
    db.session.flush()
    current_app.logger.info(
        "process %s: idea %s of %s cards", process.id, idea.id, len(cards)
    )
    return idea


def _require_no_idea(card_ids):
    taken = db.session.scalar(
        select(func.count()).select_from(IdeaCard).where(IdeaCard.card_id.in_(card_ids))
    )
    if taken:
        message = _l("A contribution belongs to one idea at most: take it out first.")
        raise DomainError(message)


def remove_from_idea(idea, card):
    """Take a card out of its idea; its decisions stay. An idea left without
    cards is gone."""
    member = next((m for m in idea.members if m.card_id == card.id), None)
    if member is None:
        raise DomainError(_l("This contribution is not part of this idea."), status=404)
    idea.members.remove(member)
    if not idea.members:
        db.session.delete(idea)
    db.session.flush()
    current_app.logger.info("idea %s: card %s taken out", idea.id, card.id)


def ask_translations(process):
    """Ask for every contribution in the process language that has no
    translation into it yet (interpreters and the machine translator see them);
    the review page itself only shows what is there."""
    by_event = {event.id: [] for event in process.events}
    for card in db.session.scalars(contributions(process)):
        by_event[card.event_id].append(card)
    for event in process.events:
        translation_requests.for_cards(event, by_event[event.id], {process.language})
    db.session.flush()
    translation_requests.hand_over()
