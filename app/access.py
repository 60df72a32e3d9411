"""One access helper per audience: organisers/moderators, participants, projectors,
interpreters."""

from flask import abort, request, session
from flask_login import current_user, login_required
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, Interpreter, Participant, Photo, Table

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
    return _owned(model, object_id, event_id=event.id)


def get_event_by_join_token(token):
    return db.first_or_404(select(Event).where(Event.join_token == token))


def get_event_for_projector(token):
    return db.first_or_404(select(Event).where(Event.projector_token == token))


def current_participant():
    """The participant this phone joined as (session written at join), or None."""
    return _session_holder(Participant, "participant")


def require_participant():
    return _required(current_participant())


def get_card_for_participant(participant, card_id):
    """A visible card at the participant's own table: phones see no other."""
    return _owned(Card, card_id, visible=True, table_id=participant.table_id)


def get_event_by_interpreter_token(token):
    return db.first_or_404(select(Event).where(Event.interpreter_token == token))


def current_interpreter():
    """The interpreter this browser joined as (session written at joining), or None."""
    return _session_holder(Interpreter, "interpreter")


def require_interpreter():
    return _required(current_interpreter())


def get_card_for_interpreter(interpreter, card_id):
    return _owned(Card, card_id, visible=True, event_id=interpreter.event_id)


def _owned(model, object_id, visible=False, **owner):
    """The object if it belongs where `owner` says (and is not hidden), else 404."""
    found = db.session.get(model, object_id)
    if found is None or any(getattr(found, k) != v for k, v in owner.items()):
        abort(404)
    if visible and found.is_hidden:
        abort(404)
    return found


def _session_holder(model, key):
    token = session.get(key)
    if not token:
        return None
    return db.session.scalar(select(model).where(model.token == token))


def _required(holder):
    if holder is None:
        abort(401)
    return holder


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
