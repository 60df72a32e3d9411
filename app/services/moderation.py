from flask import current_app

from app.extensions import db
from app.live import broadcast
from app.services import runsheet
from app.services.voting import polls


def start_phase(event, phase, confirmed=False, shown_running=runsheet.UNCHECKED):
    """Start a work phase; with a run-sheet step, that step starts with it (out of
    order only once confirmed, see runsheet.start_step)."""
    step = event.step_of(phase)
    if step is not None:
        return runsheet.start_step(event, step, confirmed, shown_running)
    event.start_phase(phase)
    db.session.commit()
    current_app.logger.info("event %s: phase %s started", event.id, phase.id)
    broadcast.state_changed(event)


def close_phase(event, phase):
    event.close_phase(phase)
    db.session.commit()
    current_app.logger.info("event %s: phase %s closed", event.id, phase.id)
    broadcast.state_changed(event)


def close_event(event):
    """Closing ends the running step and phase and closes an open poll."""
    open_polls = [poll for poll in event.polls if poll.is_open]
    event.close()
    db.session.commit()
    current_app.logger.info("event %s closed", event.id)
    broadcast.state_changed(event)
    polls.announce(event, open_polls)


def reopen_event(event):
    event.reopen()
    db.session.commit()
    current_app.logger.info("event %s reopened", event.id)
    broadcast.state_changed(event)


def hide_card(card):
    """Hide an abusive card: it disappears from every phone and screen at once."""
    card.hide()
    _card_done(card, "card %s hidden")


def show_card(card):
    card.show()
    _card_done(card, "card %s shown again")


def _card_done(card, message):
    db.session.commit()
    current_app.logger.info(message, card.id)
    broadcast.card_changed(card)
    if card.praise_count or card.concern_count:  # the gallery totals change
        broadcast.gallery_changed(card.event_id)
