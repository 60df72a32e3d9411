"""The moderator runs the run-sheet: start, pause, resume, extend and end steps.

Every change is stored as timestamps and pushed as state; phones and projector
count down from it themselves."""

from flask import current_app

from app.extensions import db
from app.live import broadcast
from app.services import translation_requests
from app.services.seating import seat_for_phase
from app.services.spotlight import tell_projector
from app.services.voting import polls


def start_step(event, step):
    """Start a step; a work phase starting for the first time seats people."""
    phase = step.phase if step.kind == "phase" else None
    first_start = phase is not None and phase.started_at is None
    previous = event.current_step
    event.start_step(step)
    if first_start:
        seat_for_phase(event, phase)
    changed = polls.follow_steps(event, ended=previous, started=step)
    if step.kind == "gallery":
        translation_requests.for_gallery(event)
    _done(event, "step %s started", step)
    polls.announce(event, changed)
    translation_requests.hand_over()


def pause_step(event, step):
    step.pause()
    _done(event, "step %s paused", step)


def resume_step(event, step):
    step.resume()
    _done(event, "step %s resumed", step)


def extend_step(event, step, minutes):
    step.extend(minutes)
    _done(event, "step %s extended", step)


def end_step(event, step):
    event.end_step(step)
    changed = polls.follow_steps(event, ended=step)
    _done(event, "step %s ended", step)
    polls.announce(event, changed)


def _done(event, message, step):
    db.session.commit()
    current_app.logger.info("event %s: " + message, event.id, step.id)
    broadcast.state_changed(event)
    if event.spotlight_table_id:
        tell_projector(event)  # a plenary shows the marked cards only
