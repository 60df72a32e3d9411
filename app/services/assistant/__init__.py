"""The assistant on the laptop: after cards change, it compares an event's cards
in the background (the arithmetic in a process of its own, worker.py) and
stores its suggestions (likely duplicates, proposed themes); the console and
the hosts hear of them. Off unless the organiser switched it on for the event:
while it is off, nothing is computed."""

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from app.extensions import db, socketio
from app.live import broadcast
from app.models import Card, CardTranslation, DuplicateSuggestion, Event, Table, Theme
from app.offload import lane
from app.services.assistant.storage import (
    scope_key,
    store_suggestions,
    store_themes,
)
from app.services.assistant.worker import Worker
from app.services.audit import record_for_event
from app.unit_of_work import after_commit, unit

_NOTED = "assistant_events"
_due = set()
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
    changed = store_suggestions(event, computed["pairs"])
    changed |= store_themes(event, computed["themes"])
    if changed:
        current_app.logger.info("event %s: assistant suggestions renewed", event.id)
        broadcast.assistant_changed(event.id)
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
    """Refresh the event's suggestions in the background, once for any number of
    card changes within ASSISTANT_DELAY seconds."""
    delay = app.config["ASSISTANT_DELAY"]
    if delay < 0 or event_id in _due:
        return
    _due.add(event_id)
    socketio.start_background_task(_refresh_in_background, app, event_id, delay)


def _refresh_in_background(app, event_id, delay):
    socketio.sleep(delay)
    _due.discard(event_id)  # a change from now on is compared again
    try:
        with app.app_context(), unit():
            event = db.session.get(Event, event_id)
            if event is not None:
                refresh_event(event)
    except Exception:  # a failed refresh must not end the server's task
        app.logger.exception("event %s: assistant refresh failed", event_id)


@sa_event.listens_for(Session, "after_flush")
def _note_card_changes(session, _flush_context):
    """Any card written, changed or translated: its event is compared again once
    the change is committed (if the assistant is on for it)."""
    noted = session.info.setdefault(_NOTED, set())
    before = len(noted)
    for changed in (*session.new, *session.dirty):
        if isinstance(changed, Card) and changed.event_id:
            noted.add(changed.event_id)
        elif isinstance(changed, CardTranslation) and "card" in changed.__dict__:
            noted.add(changed.card.event_id)
    if noted and not before and current_app:
        after_commit(_schedule_noted, current_app._get_current_object(), session)


def _schedule_noted(app, session):
    for event_id in session.info.pop(_NOTED, ()):
        refresh_later(app, event_id)
