"""One unit of work per request, socket event or background job.

Services change the session and flush; nothing in them commits. The unit commits
once at its end: a request before its answer leaves, anything else (a socket
event, a background job, a command) when its app context ends without an
exception (`register`); `with unit():` makes a smaller unit inside one.

What must only happen once the data is stored (pushes to screens, translations
and mails started) is handed to `after_commit` during the work and runs after
the commit succeeded; a rollback drops it, so no screen ever shows what was
never stored. That work must not query: payloads are built during the unit,
from the flushed state.

A refusal (DomainError) raised while the unit has changed something marks the
unit refused: even when a view catches the refusal to show a message, the
half-done change is rolled back at the end instead of committed."""

import logging

from flask import g, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db

log = logging.getLogger(__name__)

_PENDING = "after_commit"
_UNDO = "after_rollback"
_FLUSHED = "flushed"


def after_commit(callback, *args):
    """Run callback(*args) once the unit's changes are committed; at once when the
    unit has changed nothing (a push from a page that only reads, or from a
    background task after its own commit)."""
    session = db.session()
    if not _changed(session):
        callback(*args)
        return
    session.info.setdefault(_PENDING, []).append((callback, args))


def after_rollback(callback, *args):
    """Run callback(*args) if the unit ends without a commit: what it did outside
    the database (files written) is undone with it."""
    db.session().info.setdefault(_UNDO, []).append((callback, args))


def _changed(session):
    return bool(
        session.info.get(_FLUSHED) or session.new or session.dirty or session.deleted
    )


def changed():
    """Whether the current unit has changed anything yet."""
    return _changed(db.session())


def statement_changed():
    """A statement that writes went past the session (database.upsert): the unit
    has changed something all the same."""
    db.session().info[_FLUSHED] = True


def refused():
    """A DomainError was raised: if the unit already changed something, that
    change must not be committed."""
    if has_app_context() and changed():
        g.unit_refused = True


def finish(succeeded=True):
    """End the unit: commit what it changed when it succeeded and was not refused
    on the way, else roll it back. A unit that changed nothing is left alone: its
    objects stay readable until the session closes."""
    refused_on_the_way = g.pop("unit_refused", False)
    if not changed():
        return
    if not succeeded or refused_on_the_way:
        db.session.rollback()
        return
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


class unit:
    """`with unit():` around a background job or a command: one commit at the end
    (and the queued after-commit work), a rollback if it raises."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        finish(succeeded=kind is None)
        return False


def register(app):
    @app.after_request
    def commit_request(response):
        """A request commits its work once, before the answer leaves: an answer
        never says "stored" for data that is not, and a failing commit becomes
        the request's error. Refusals and failures were rolled back by their
        error handlers (or marked by `refused`); a page that answers 400 for
        part of a form keeps the part it stored."""
        finish(succeeded=response.status_code < 500)
        return response

    @app.teardown_appcontext
    def end_unit(error):
        """Every other unit ends with its app context: a socket event (before its
        acknowledgement is sent), a background job, a command."""
        finish(succeeded=error is None)


@event.listens_for(Session, "after_flush")
def _note_flush(session, _flush_context):
    session.info[_FLUSHED] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statement(state):
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_FLUSHED] = True


@event.listens_for(Session, "after_commit")
def _run_pending(session):
    if session.in_nested_transaction():
        return  # a savepoint: the unit goes on
    session.info.pop(_FLUSHED, None)
    session.info.pop(_UNDO, None)
    # The data is stored: a push that failed must not fail the request.
    _run_all(session.info.pop(_PENDING, ()), "after-commit work")


@event.listens_for(Session, "after_transaction_end")
def _forget(session, transaction):
    """The unit's transaction ended without a commit (rolled back or closed):
    what was queued for its commit is dropped, what undoes it runs."""
    if transaction.parent is not None:
        return
    session.info.pop(_FLUSHED, None)
    session.info.pop(_PENDING, None)
    _run_all(session.info.pop(_UNDO, ()), "undoing")


def _run_all(queued, what):
    """Run each queued (callback, args); one that fails is logged, not raised."""
    for callback, args in queued:
        try:
            callback(*args)
        except Exception:
            log.exception("%s %s failed", what, callback)
