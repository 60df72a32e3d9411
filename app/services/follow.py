"""A phone follows its own ideas ("my contributions"): its cards with what the
review made of them, on the phone or through its personal link, which is bound
to the participant (never to an e-mail address) and works without the cookie."""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select, update

from app.extensions import db
from app.models import Card, Participant, ReviewDecision
from app.models.base import new_token
from app.models.translation import TextView
from app.services import review

# What a phone sees of its own cards: shown at its table (or merged into another
# card there), waiting for approval, not approved. A hidden card it no longer sees.
OWN_STATES = ("visible", "merged", "waiting", "rejected")
FOLLOW_TOKEN_LENGTH = 24


@dataclass
class OwnCard:
    """One of the phone's cards: its text for the reader, and the current review
    decision on it (a merged card's is that of the card it was merged into)."""

    card: Card
    view: TextView
    decision: ReviewDecision | None = None


def own_contributions(participant, language):
    """The phone's cards, oldest first, each with its review decision when its
    event belongs to a process."""
    cards = db.session.scalars(
        select(Card)
        .where(Card.participant_id == participant.id, Card.state.in_(OWN_STATES))
        .order_by(Card.id)
    ).all()
    process = participant.event.process
    return [
        OwnCard(
            card,
            card.view_in(language),
            review.outcome_of(process, card)
            if process is not None and card.is_public
            else None,
        )
        for card in cards
    ]


def follow_token(participant):
    """The phone's personal link token, made on the first request; asking again
    (a double tap, a second tab) gets the same one."""
    if participant.follow_token is None:
        db.session.execute(
            update(Participant)
            .where(Participant.id == participant.id, Participant.follow_token.is_(None))
            .values(follow_token=new_token(FOLLOW_TOKEN_LENGTH))
        )
        db.session.flush()
        db.session.refresh(participant)
        current_app.logger.info("participant %s: personal link made", participant.id)
    return participant.follow_token
