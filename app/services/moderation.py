from flask import current_app

from app.extensions import db
from app.live import broadcast
from app.services import machine_translation, runsheet
from app.services.audit import record_for_card, record_for_event
from app.services.participation import CardWriter
from app.services.spotlight import tell_projector
from app.services.translations import request_missing


def start_phase(event, phase, confirmed=False, shown_running=runsheet.UNCHECKED):
    """Start a work phase; with a run-sheet step, that step starts with it (out of
    order only once confirmed, see runsheet.start_step)."""
    step = event.step_of(phase)
    if step is not None:
        return runsheet.start_step(event, step, confirmed, shown_running)
    event.start_phase(phase)
    db.session.flush()
    current_app.logger.info("event %s: phase %s started", event.id, phase.id)
    broadcast.state_changed(event)


def close_phase(event, phase):
    event.close_phase(phase)
    db.session.flush()
    current_app.logger.info("event %s: phase %s closed", event.id, phase.id)
    broadcast.state_changed(event)


def close_event(event):
    """Closing ends the running step and phase, closes an open poll and takes
    poll and table off the projector, which says thank you."""
    open_polls = [poll for poll in event.polls if poll.is_open]
    event.close()
    record_for_event(event, "event_closed")
    db.session.flush()
    current_app.logger.info("event %s closed", event.id)
    broadcast.state_changed(event)
    for poll in open_polls:
        broadcast.poll_changed(poll)
    tell_projector(event)


def reopen_event(event):
    event.reopen()
    record_for_event(event, "event_opened")
    db.session.flush()
    current_app.logger.info("event %s reopened", event.id)
    broadcast.state_changed(event)


def hide_card(card):
    """Hide an abusive card: it disappears from every phone and screen at once."""
    card.hide()
    record_for_card(card, "card_hidden")
    _card_done(card, "card %s hidden")


def show_card(card):
    """Show a hidden card again; one shown after it was not approved gets the
    translations its readers need now."""
    card.show()
    record_for_card(card, "card_shown")
    asked = request_missing(card)
    _card_done(card, "card %s shown again")
    machine_translation.translate_later(asked)


def _card_done(card, message):
    db.session.flush()
    current_app.logger.info(message, card.id)
    broadcast.card_changed(card)
    if card.praise_count or card.concern_count:  # the gallery totals change
        broadcast.gallery_changed(card.event_id)


def moderator_writer(table, user_id, language):
    """Cards the moderator enters at a table for people without a phone."""
    return CardWriter.for_table(table, "moderator", language, ("moderator", user_id))
