"""One access helper per audience: organisers/moderators, participants, projectors."""

from flask import abort, request, session
from flask_login import current_user, login_required
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, Participant, Photo, Table

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


def get_table_for_moderator(event, table_id):
    return get_of_event(Table, event, table_id)


def get_photo_for_moderator(event, photo_id):
    return get_of_event(Photo, event, photo_id)


def get_of_event(model, event, object_id):
    """A row of model (card, table, photo, address, mail) of the event, else 404."""
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


def require_photographer(participant, table):
    """Who may photograph a table's poster from a phone: for now everyone seated
    at that table. Table hosts will narrow this here, in one place."""
    if table is None or participant.table_id != table.id:
        abort(403)
    return table


def get_photo_for_viewer(file_id):
    """A visible photo for organisers, phones of its event and its projector link."""
    photo = db.session.scalar(select(Photo).where(Photo.file_id == file_id))
    if photo is None or photo.is_removed:
        abort(404)
    if not _may_view_event(photo.event_id):
        abort(404)
    return photo


def _may_view_event(event_id):
    if current_user.is_authenticated:
        return True
    participant = current_participant()
    if participant is not None and participant.event_id == event_id:
        return True
    token = request.args.get("projector")
    return (
        bool(token)
        and db.session.scalar(select(Event.id).where(Event.projector_token == token))
        == event_id
    )
