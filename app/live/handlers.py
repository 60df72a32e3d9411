from flask import request
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room
from sqlalchemy import select

from app.access import current_interpreter, current_participant, found_by_secret
from app.authorise import may
from app.extensions import db, socketio
from app.live.broadcast import NAMESPACE
from app.models import DomainError, Event, Table

ROLE_KEY = "tischrunde.live_role"


@socketio.on("connect", namespace=NAMESPACE)
def connect(auth=None):
    """Put the socket into the rooms of its audience; refuse anyone unknown."""
    if connected_as() is not None:
        return
    auth = auth if isinstance(auth, dict) else {}
    rooms = _rooms_for(auth)
    if not rooms:
        raise ConnectionRefusedError("unauthorized")
    for room in rooms:
        join_room(room)
    request.environ[ROLE_KEY] = (request.sid, auth["role"])


def connected_as():
    """The role this socket connected with, None before it has. Kept in the
    connection's environ, which every event of the socket is handled with,
    under the socket's id: a page joining again over the same transport gets a
    new id and is checked anew. Asking the rooms instead costs a walk through
    every room of the process.

    A connected client may send an event named "connect", which reaches the
    handler above too: it changes nothing and is not refused, as refusing a
    socket that is connected already ends in a traceback."""
    sid, role = request.environ.get(ROLE_KEY, (None, None))
    return role if sid == request.sid else None


def _rooms_for(auth):
    role = auth.get("role")
    if role == "phone":
        return _phone_rooms()
    if role == "host":
        return _host_tools_rooms()
    if role == "console":
        return _console_rooms(auth.get("event"))
    if role == "projector":
        return _projector_rooms(auth.get("token"))
    if role == "interpreter":
        return _interpreter_rooms()
    if role == "tablet":
        return _tablet_rooms(auth.get("token"))
    return []


def _phone_rooms():
    participant = current_participant()
    if participant is None:
        return []
    rooms = [f"event:{participant.event_id}", f"participant:{participant.id}"]
    if participant.table_id:
        rooms.append(f"table:{participant.table_id}")
    if participant.hosts_table_id:
        rooms.append(f"hosting:{participant.hosts_table_id}")
    return rooms


def _host_tools_rooms():
    """The host tools hear every change of the hosted table's cards, waiting
    ones included."""
    participant = current_participant()
    if participant is None or not participant.hosts_table_id:
        return []
    return [f"host:{participant.hosts_table_id}", f"tools:{participant.id}"]


def _console_rooms(event_id):
    if not current_user.is_authenticated or not str(event_id).isdigit():
        return []
    event = db.session.get(Event, int(event_id))
    return [f"console:{event.id}"] if event and may("run", event) else []


def _projector_rooms(token):
    if not token:
        return []
    event = _named_by(select(Event).where(Event.projector_token == str(token)))
    return [f"projector:{event.id}"] if event else []


def _interpreter_rooms():
    interpreter = current_interpreter()
    return [f"interpreter:{interpreter.event_id}"] if interpreter else []


def _tablet_rooms(token):
    """A table tablet hears its table's cards and the event's state (its page
    leaves polls alone: a tablet does not vote); tablet:<table id> lets a
    revocation cut it off."""
    if not token:
        return []
    table = _named_by(select(Table).where(Table.tablet_token == str(token)))
    if table is None:
        return []
    return [f"event:{table.event_id}", f"table:{table.id}", f"tablet:{table.id}"]


def _named_by(statement):
    """What a secret token names, counted as links are; an address that guessed
    too often is refused like anyone unknown."""
    try:
        return found_by_secret(statement)
    except DomainError:
        return None
