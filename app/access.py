"""One access helper per audience: organisers/moderators, participants, projectors."""

from flask import abort, session
from flask_login import current_user, login_required
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, Participant

organiser_required = login_required


def get_event_for_moderator(event_id):
    """The event, for a logged-in organiser.

    All organiser accounts of an installation work as one team.
    """
    if not current_user.is_authenticated:
        abort(403)
    return db.get_or_404(Event, event_id)


def get_card_for_moderator(event, card_id):
    return get_of_event(Card, event, card_id)


def get_of_event(model, event, object_id):
    """A row of model (card, address, mail) that belongs to the event, else 404."""
    found = db.session.get(model, object_id)
    if found is None or found.event_id != event.id:
        abort(404)
    return found


def get_event_by_join_token(token):
    return db.first_or_404(select(Event).where(Event.join_token == token))


def get_event_for_projector(token):
    return db.first_or_404(select(Event).where(Event.projector_token == token))


def current_participant():
    """The participant this phone joined as (session written at join), or None."""
    token = session.get("participant")
    if not token:
        return None
    return db.session.scalar(select(Participant).where(Participant.token == token))


def require_participant():
    participant = current_participant()
    if participant is None:
        abort(401)
    return participant
