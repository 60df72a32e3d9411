"""The assistant on the laptop: after cards change, it compares an event's cards
in the background (the arithmetic in a process of its own, worker.py) and
stores its suggestions (likely duplicates, proposed themes); the console and
the hosts hear of them. Off unless the organiser switched it on for the event:
while it is off, nothing is computed."""

import time

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from app.extensions import db, socketio
from app.live import broadcast
from app.models import Card, CardTranslation, DuplicateSuggestion, Event, Table, Theme
from app.offload import lane, run_blocking
from app.services.assistant.storage import (
    scope_key,
    store_suggestions,
    store_themes,
)
from app.services.assistant.worker import Worker
from app.services.audit import record_for_event
from app.unit_of_work import after_commit, unit

_NOTED = "assistant_events"
SETTLE_SECONDS = 1.0
_due = set()
_last_run = {}
worker = Worker()


def switch_assistant(event, enabled):
    """Switch the assistant on or off for an event. Switched off, its open
    suggestions and proposed themes go; accepted themes stay headings."""
    event.assistant = bool(enabled)
    if not event.assistant:
        forget_suggestions(event)
    db.session.flush()
    record_for_event(event, "assistant_on" if event.assistant else "assistant_off")
    current_app.logger.info("event %s: assistant %s", event.id, event.assistant)
    if event.assistant:
        after_commit(refresh_later, current_app._get_current_object(), event.id)


def forget_suggestions(event):
    db.session.execute(
        delete(DuplicateSuggestion).where(
            DuplicateSuggestion.event_id == event.id,
            DuplicateSuggestion.state == "open",
        )
    )
    for theme in db.session.scalars(
        select(Theme).where(Theme.event_id == event.id, Theme.state == "proposed")
    ):
        db.session.delete(theme)
    broadcast.assistant_changed(event.id)


def refresh_event(event):
    """Compare the event's cards now and store what changed in the suggestions;
    the console and the hosts are told. Returns whether anything changed."""
    if not event.assistant:
        return False
    with lane("assistant", 1):
        computed = worker.compute(comparison_request(event))
    changed = store_comparison(event, computed)
    if changed:
        broadcast.assistant_changed(event.id)
    return changed


def store_comparison(event, computed):
    """Store the worker's answer; whether the suggestions changed. One store
    per event at a time (the event's row locked till commit, in SQLite the
    database): two refreshes at once, in one process or two, would each add
    what the other had not yet committed."""
    db.session.execute(
        update(Event).where(Event.id == event.id).values(assistant=Event.assistant)
    )
    changed = store_suggestions(event, computed["pairs"])
    changed |= store_themes(event, computed["themes"])
    if changed:
        current_app.logger.info("event %s: assistant suggestions renewed", event.id)
    return changed


def comparison_request(event):
    """What the worker compares (engine.compute): the event's shown cards by
    scope, each with its text and finished translations; read as plain rows."""
    texts = {}
    for card_id, language, text in db.session.execute(
        select(CardTranslation.card_id, CardTranslation.language, CardTranslation.text)
        .join(Card)
        .where(
            Card.event_id == event.id,
            Card.state == "visible",
            CardTranslation.state.in_(("machine", "human")),
        )
    ):
        if text:
            texts.setdefault(card_id, {})[language] = text
    scopes = {}
    for row in db.session.execute(_shown_cards(event)):
        own = {row.language: row.edited_text or row.text}
        weight = 1 + row.merged_count + row.praise_count
        key = scope_key(Table.scope_of(row.action_field_id, row.table_id))
        item = [row.id, texts.get(row.id, {}) | own, row.category_id, weight]
        scopes.setdefault(key, []).append(item)
    return {
        "language": event.language,
        "accepted": list(accepted_cards(event)),
        "scopes": scopes,
    }


def _shown_cards(event):
    return (
        select(
            Card.id, Card.table_id, Card.category_id, Card.language, Card.text,
            Card.edited_text, Card.merged_count, Card.praise_count,
            Table.action_field_id,
        )
        .join(Table, Card.table_id == Table.id)
        .where(Card.event_id == event.id, Card.state == "visible")
        .order_by(Card.id)
    )  # fmt: skip


def accepted_cards(event):
    return set(
        db.session.scalars(
            select(Card.id)
            .join(Theme.cards)
            .where(Theme.event_id == event.id, Theme.state == "accepted")
        )
    )


def refresh_later(app, event_id):
    """Compare the event's cards again in the background: a second after the
    first change (a burst of changes is compared once), yet at most once per
    ASSISTANT_INTERVAL seconds while cards keep coming."""
    interval = app.config["ASSISTANT_INTERVAL"]
    if interval < 0 or event_id in _due:
        return
    _due.add(event_id)
    settle = min(SETTLE_SECONDS, interval)
    delay = max(settle, _last_run.get(event_id, 0.0) + interval - time.monotonic())
    socketio.start_background_task(_refresh_in_background, app, event_id, delay)


def _refresh_in_background(app, event_id, delay):
    """Read and store in a thread of the pool, compare in the worker process:
    the server's loop only waits, and keeps serving the phones meanwhile."""
    socketio.sleep(delay)
    _due.discard(event_id)  # a change from now on is compared again
    _last_run[event_id] = time.monotonic()
    try:
        request = run_blocking(_with_event, app, event_id, comparison_request)
        if request is None:
            return
        with lane("assistant", 1):
            computed = worker.compute(request)
        if run_blocking(_with_event, app, event_id, store_comparison, computed):
            with app.app_context():
                broadcast.assistant_changed(event_id)
    except Exception:  # a failed refresh must not end the server's task
        app.logger.exception("event %s: assistant refresh failed", event_id)


def _with_event(app, event_id, function, *args):
    """function(event, *args) in a unit of its own, if the assistant is (still)
    on for the event; else None."""
    with app.app_context(), unit():
        event = db.session.get(Event, event_id)
        if event is None or not event.assistant:
            return None
        return function(event, *args)


@sa_event.listens_for(Session, "after_flush")
def _note_card_changes(session, _flush_context):
    """Any card written, changed or translated: its event is compared again once
    the change is committed (if the assistant is on for it)."""
    noted = session.info.setdefault(_NOTED, set())
    before = len(noted)
    for changed in (*session.new, *session.dirty):
        if isinstance(changed, Card) and changed.event_id:
            noted.add(changed.event_id)
        elif isinstance(changed, CardTranslation):
            card = changed.__dict__.get("card")  # never loaded here: a query
            if card is not None and card.event_id:
                noted.add(card.event_id)
    if noted and not before and current_app:
        after_commit(_schedule_noted, current_app._get_current_object(), session)


def _schedule_noted(app, session):
    for event_id in session.info.pop(_NOTED, ()):
        refresh_later(app, event_id)
