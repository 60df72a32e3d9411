"""The gallery walk: phones browse the other tables' cards and add praise or a
concern to a card. Counts are running counters on the card."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.live import broadcast
from app.models import Card, DomainError, Reaction
from app.models.reaction import REACTION_KINDS
from app.ratelimit import limit_phone_actions

COUNTERS = {"praise": Card.praise_count, "concern": Card.concern_count}


def gallery_open(event):
    step = event.current_step
    return event.is_open and step is not None and step.kind == "gallery"


def set_reaction(participant, card, kind, on):
    """Add (on) or take back praise or a concern; sending it twice changes nothing."""
    _require_reactable(participant, card, kind)
    limit_phone_actions(participant.id)
    changed = _add(participant, card, kind) if on else _remove(participant, card, kind)
    if changed:
        db.session.refresh(card)
        current_app.logger.info("card %s: %s %s", card.id, kind, "+" if on else "-")
        broadcast.reaction_changed(card)
        broadcast.gallery_changed(card.event_id)
    return card


def _require_reactable(participant, card, kind):
    if kind not in REACTION_KINDS:
        raise DomainError(_l("Please choose praise or a concern."), status=400)
    if not gallery_open(participant.event):
        raise DomainError(_l("Reactions are possible during the gallery walk only."))
    if card.table_id == participant.table_id:
        raise DomainError(_l("Please react to the cards of the other tables."))
    if card.state != "visible":
        raise DomainError(_l("This card is no longer shown."))


def _add(participant, card, kind):
    db.session.add(
        Reaction(
            event_id=card.event_id,
            card_id=card.id,
            participant_id=participant.id,
            kind=kind,
        )
    )
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    _count(card, kind, +1)
    return True


def _remove(participant, card, kind):
    removed = db.session.execute(
        delete(Reaction).where(
            Reaction.card_id == card.id,
            Reaction.participant_id == participant.id,
            Reaction.kind == kind,
        )
    ).rowcount
    if removed:
        _count(card, kind, -removed)
    else:
        db.session.rollback()
    return bool(removed)


def _count(card, kind, delta):
    """One UPDATE, so two phones reacting at once are both counted."""
    counter = COUNTERS[kind]
    db.session.execute(
        update(Card).where(Card.id == card.id).values({counter: counter + delta})
    )
    db.session.flush()


def own_reactions(participant):
    """{(card id, kind)} this phone has given."""
    rows = db.session.execute(
        select(Reaction.card_id, Reaction.kind).where(
            Reaction.participant_id == participant.id
        )
    )
    return {(card_id, kind) for card_id, kind in rows}
