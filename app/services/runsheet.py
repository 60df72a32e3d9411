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

# A start the console posts without saying which step it showed as running.
UNCHECKED = object()


def start_step(event, step, confirmed=False, shown_running=UNCHECKED):
    """Start a step; out of order only once confirmed, and only while the step the
    console showed as running still runs. A work phase starting for the first time
    seats people."""
    if shown_running is not UNCHECKED:
        event.require_current(shown_running)
    previous, seat = event.current_step, _first_start(step)
    event.start_step(step, confirmed)
    _moved(event, previous, step, seat, "step %s started")


def next_step(event, ending, starting):
    """The console's main action: end the running step and start the next one, in
    one commit; `ending` and `starting` are what the console showed, so a stale
    click is refused instead of skipping a step."""
    seat = _first_start(starting)
    if event.advance(ending, starting):
        _moved(event, ending, starting, seat, "next step %s")


def _first_start(step):
    phase = step.phase if step is not None and step.kind == "phase" else None
    return phase if phase is not None and phase.started_at is None else None


def _moved(event, ended, started, seat, message):
    if seat is not None:
        seat_for_phase(event, seat)
    changed = polls.follow_steps(event, ended=ended, started=started)
    if started is not None and started.kind == "gallery":
        translation_requests.for_gallery(event)
    _done(event, message, started or ended)
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
    db.session.flush()
    current_app.logger.info("event %s: " + message, event.id, step.id)
    broadcast.state_changed(event)
    if event.spotlight_table_id:
        tell_projector(event)  # a plenary shows the marked cards only
