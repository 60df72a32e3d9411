"""Phones write over the live socket they hold: a card or a vote as an event with
an acknowledgement. The answer is the HTTP path's (app/phone_writes.py):
{"ok": true, ...the same JSON} or {"ok": false, "status": 4xx, "error": message
in the phone's language}.

Protocol (namespace /live, sockets that connected with role "phone" only):
    emit("card", {uuid, category, text, language?, section?, <SMART fields>?}, ack)
    emit("vote", {poll, uuid?, fields: [[name, value], ...]}, ack)
The socket was authenticated when it connected (the session cookie, the origin
checked by Engine.IO); no CSRF token. The participant is looked up again for
every event: one who was removed meanwhile is refused."""

from functools import wraps

from flask import current_app, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import (
    BadRequest,
    Forbidden,
    HTTPException,
    NotFound,
    Unauthorized,
)

from app import phone_writes
from app.access import current_participant
from app.errors import refusal, status_message
from app.extensions import socketio
from app.live.broadcast import NAMESPACE
from app.live.handlers import connected_as
from app.models import DomainError
from app.unit_of_work import finish


def socket_write(write):
    """One socket event as one unit of work: write(participant, payload) returns
    (answer, status) as the HTTP path does; the unit commits before the answer
    goes out (its pushes follow the commit) and rolls back on any error. The
    acknowledgement always gets an answer."""

    @wraps(write)
    def handler(payload=None, *_ignored):
        try:
            answer, _status = write(_writing_phone(), _payload_object(payload))
            finish()
        except (DomainError, HTTPException) as error:
            finish(succeeded=False)
            message, status = refusal(error)
            return {"ok": False, "status": status, "error": message}
        except Exception:
            finish(succeeded=False)
            current_app.logger.exception("live %s failed", request.event["message"])
            return {"ok": False, "status": 500, "error": status_message(500)}
        return {"ok": True, **answer}

    return handler


def _writing_phone():
    """The participant of a phone's socket, read afresh; other sockets (console,
    projector, host tools, tablets, interpreters) are refused."""
    if connected_as() != "phone":
        raise Forbidden()
    # The socket keeps the session it connected with: the same participant, or
    # none once it was removed.
    participant = current_participant()
    if participant is None:
        raise Unauthorized()
    return participant


def _payload_object(payload):
    if not isinstance(payload, dict):
        raise BadRequest()
    return payload


def _fields(pairs):
    """Form fields as the HTTP path reads them: names with text values."""
    if not isinstance(pairs, list):
        raise BadRequest()
    fields = MultiDict()
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2 and _scalar(pair[1])):
            raise BadRequest()
        fields.add(str(pair[0]), str(pair[1]))
    return fields


def _scalar(value):
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _poll_id(value):
    """As the HTTP route's <int:poll_id>: anything else names no poll."""
    if isinstance(value, bool) or not str(value).isdigit():
        raise NotFound()
    return int(value)


@socketio.on("card", namespace=NAMESPACE)
@socket_write
def card(participant, payload):
    fields = [[name, value] for name, value in payload.items() if value is not None]
    sent = _fields(fields)
    return phone_writes.send_card(participant, sent)


@socketio.on("vote", namespace=NAMESPACE)
@socket_write
def vote(participant, payload):
    sent = _fields(payload.get("fields", []))
    if payload.get("uuid") is not None:
        sent["uuid"] = str(payload["uuid"])
    return phone_writes.cast_vote(participant, _poll_id(payload.get("poll")), sent)
