"""The assistant on the laptop: after cards change, it compares an event's cards
in the background and stores its suggestions (likely duplicates, proposed
themes); the console and the hosts hear of them. Off unless the organiser
switched it on for the event: while it is off, nothing is computed."""

from flask import current_app
from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.extensions import db, socketio
from app.live import broadcast
from app.models import Card, CardTranslation, DuplicateSuggestion, Event, Theme
from app.offload import lane, run_blocking
from app.services.assistant import engine
from app.services.assistant.storage import store_suggestions, store_themes
from app.services.audit import record_for_event
from app.unit_of_work import after_commit, unit

_NOTED = "assistant_events"
_due = set()


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
    for found in db.session.scalars(
        select(DuplicateSuggestion).where(
            DuplicateSuggestion.event_id == event.id,
            DuplicateSuggestion.state == "open",
        )
    ):
        db.session.delete(found)
    for theme in db.session.scalars(
        select(Theme).where(Theme.event_id == event.id, Theme.state == "proposed")
    ):
        db.session.delete(theme)
    broadcast.assistant_changed(event.id)


def refresh_event(event):
    """Compare the event's cards now and store what changed in the suggestions;
    the console and the hosts are told. Returns whether anything changed."""
    changed = compare_and_store(event)
    if changed:
        broadcast.assistant_changed(event.id)
    return changed


def compare_and_store(event):
    """refresh_event without telling anyone (a thread of its own may run it)."""
    if not event.assistant:
        return False
    cards = _cards(event)
    items = {scope: [_item(card) for card in found] for scope, found in cards.items()}
    computed = compute(items, accepted_cards(event), event.language)
    changed = store_suggestions(event, computed["pairs"])
    changed |= store_themes(event, computed["themes"])
    if changed:
        current_app.logger.info("event %s: assistant suggestions renewed", event.id)
    return changed


def compute(items_by_scope, accepted, language):
    """{"pairs": [(id, id, score)], "themes": {scope: [ProposedTheme]}}: the
    duplicate pairs within each category of each scope, and themes among the
    cards not yet in an accepted theme. Pure arithmetic, run off the loop."""
    pairs, themes = [], {}
    for scope, items in items_by_scope.items():
        alike = engine.similarity(items)
        pairs += engine.duplicate_pairs(items, alike=alike)
        free = [i for i, item in enumerate(items) if item.id not in accepted]
        if len(free) >= 2:
            sub = alike[free][:, free]
            themes[scope] = engine.themes([items[i] for i in free], language, alike=sub)
    return {"pairs": pairs, "themes": themes}


def accepted_cards(event):
    return set(
        db.session.scalars(
            select(Card.id)
            .join(Theme.cards)
            .where(Theme.event_id == event.id, Theme.state == "accepted")
        )
    )


def _cards(event):
    found = db.session.scalars(
        select(Card)
        .where(Card.event_id == event.id, Card.state == "visible")
        .order_by(Card.id)
    ).all()
    by_scope = {}
    for card in found:
        by_scope.setdefault(card.table.theme_scope, []).append(card)
    return by_scope


def _item(card):
    texts = {card.language: card.shown_text}
    for translation in card.translations:
        if translation.is_done and translation.text:
            texts.setdefault(translation.language, translation.text)
    weight = 1 + card.merged_count + card.praise_count
    return engine.Item(card.id, texts, card.category_id, weight)


def refresh_later(app, event_id):
    """Refresh the event's suggestions in the background, once for any number of
    card changes within ASSISTANT_DELAY seconds."""
    delay = app.config["ASSISTANT_DELAY"]
    if delay < 0 or event_id in _due:
        return
    _due.add(event_id)
    socketio.start_background_task(_refresh_in_background, app, event_id, delay)


def _refresh_in_background(app, event_id, delay):
    """Read, compare and store in a thread of the pool (its own app context and
    database session), so the server's loop keeps serving the phones meanwhile;
    tell the screens from the loop."""
    socketio.sleep(delay)
    _due.discard(event_id)  # a change from now on is compared again
    try:
        with lane("assistant", 1):
            changed = run_blocking(_compare_in_thread, app, event_id)
        if changed:
            with app.app_context():
                broadcast.assistant_changed(event_id)
    except Exception:  # a failed refresh must not end the server's task
        app.logger.exception("event %s: assistant refresh failed", event_id)


def _compare_in_thread(app, event_id):
    with app.app_context(), unit():
        event = db.session.get(Event, event_id)
        return event is not None and compare_and_store(event)


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
