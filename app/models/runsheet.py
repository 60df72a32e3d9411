"""The run-sheet: an event's ordered steps, each with a planned duration.

The timer is computed from stored timestamps only, so it stays right across
reconnects and server restarts: nothing ticks on the server."""

from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import ForeignKey, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.formats import STEP_KINDS
from app.models.base import utcnow
from app.models.errors import ConfirmationNeeded, DomainError

MAX_EXTENSION_MINUTES = 120


class Step(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    title: Mapped[str] = mapped_column(String(200), default="")
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id"))
    planned_seconds: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    started_at: Mapped[datetime | None]
    paused_at: Mapped[datetime | None]
    paused_seconds: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    extra_seconds: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    ended_at: Mapped[datetime | None]
    # What else the step is about, free: a poll of the televoting ("poll:12").
    reference: Mapped[str] = mapped_column(String(100), default="", server_default="")

    event = relationship("Event", back_populates="steps")
    phase = relationship("Phase")

    @property
    def label(self):
        if self.title:
            return self.title
        if self.kind == "phase" and self.phase is not None:
            return self.phase.label
        kind = STEP_KINDS.get(self.kind, STEP_KINDS["other"])
        if self.phase is not None:  # a plenary after its phase
            return f"{kind}: {self.phase.label}"
        return kind

    @property
    def is_current(self):
        return self.state in ("running", "paused")

    @property
    def is_paused(self):
        return self.state == "paused"

    def start(self, now=None):
        self.state = "running"
        self.started_at = now or utcnow()
        self.paused_at = self.ended_at = None
        self.paused_seconds = self.extra_seconds = 0

    def pause(self, now=None):
        if self.state != "running":
            raise DomainError(_l("Only a running step can be paused."))
        self.state = "paused"
        self.paused_at = now or utcnow()

    def resume(self, now=None):
        if not self.is_paused:
            raise DomainError(_l("This step is not paused."))
        pause = (now or utcnow()) - self.paused_at
        self.paused_seconds += int(pause.total_seconds())
        self.state = "running"
        self.paused_at = None

    def extend(self, minutes):
        if not self.is_current:
            raise DomainError(_l("Only a running step can be extended."))
        if not 1 <= minutes <= MAX_EXTENSION_MINUTES:
            raise DomainError(
                lazy_ngettext(
                    "Extend by 1 to %(num)s minute.",
                    "Extend by 1 to %(num)s minutes.",
                    MAX_EXTENSION_MINUTES,
                ),
                400,
            )
        self.extra_seconds += minutes * 60

    def end(self, now=None):
        if not self.is_current:
            raise DomainError(_l("This step is not running."))
        if self.is_paused:
            self.resume(now)
        self.state = "done"
        self.ended_at = now or utcnow()

    def elapsed(self, now=None):
        """Seconds the step has run, pauses left out."""
        if self.started_at is None:
            return 0
        until = self.paused_at or self.ended_at or now or utcnow()
        return int((until - self.started_at).total_seconds()) - self.paused_seconds

    def remaining(self, now=None):
        """Seconds left of the planned time and its extensions; negative: overtime."""
        return self.planned_seconds + self.extra_seconds - self.elapsed(now)

    @property
    def ends_at(self):
        """When a running step's time is up; None while paused or not running."""
        if self.state != "running":
            return None
        total = self.planned_seconds + self.extra_seconds + self.paused_seconds
        return self.started_at + timedelta(seconds=total)


class RunSheetOrder:
    """The order of an event's run-sheet: which step "Next" starts, and which starts
    need a confirmation. Mixed into Event, which owns the steps."""

    @property
    def current_step(self):
        """The step that is running or paused now, if any."""
        return next((step for step in self.steps if step.is_current), None)

    @property
    def next_step(self):
        """The step "Next" starts: the first pending step after the running one, or
        after the last one that ran; None when the run-sheet is through."""
        later = self.steps[self._anchor_index() + 1 :]
        return next((step for step in later if step.state == "pending"), None)

    @property
    def latest_phase(self):
        """The work phase of the running step or of the last one that ran (a
        plenary belongs to its phase); None before any, or for a step without."""
        anchor = self._anchor_index()
        return self.steps[anchor].phase if anchor >= 0 else None

    def _anchor_index(self):
        """Index of the running step, else of the last one that ran; -1: none ran."""
        ran = [i for i, step in enumerate(self.steps) if step.state != "pending"]
        current = self.current_step
        return self.steps.index(current) if current else (ran[-1] if ran else -1)

    def start_question(self, step):
        """What starting `step` out of order does, asked as a question; None when it
        is in order (the next step, or a later one while nothing runs)."""
        if step is self.next_step or step.is_current:
            return None
        current, name = self.current_step, {"step": isolated(step.label)}
        if step.state == "done":
            question = _("“%(step)s” has already run. Start it again?", **name)
        elif self.steps.index(step) < self._anchor_index():
            question = _("Go back to “%(step)s”?", **name)
        elif current is None:
            return None
        else:
            question = _("Skip ahead to “%(step)s”?", **name)
        if current is None:
            return question
        ends = _("This ends “%(step)s”.", step=isolated(current.label))
        return f"{question} {ends}"

    def require_confirmed(self, step, confirmed):
        question = self.start_question(step)
        if question and not confirmed:
            raise ConfirmationNeeded(question)

    def require_current(self, expected):
        """Refuse when the running step is not the one the console showed: a
        double click or a second moderator must not skip a step."""
        if expected is not self.current_step:
            raise moved_on()

    def advance(self, ending, starting):
        """The console's "Next": end `ending` (None: nothing runs) and start
        `starting` (None: the run-sheet is through), both as the console showed
        them; refused when the run-sheet has moved on otherwise since. The same
        move sent twice (a double click) changes nothing. True when it moved."""
        if ending is None and starting is None:
            raise moved_on()
        if starting is self.current_step and (ending is None or ending.state == "done"):
            return False
        if ending is not self.current_step or starting is not self.next_step:
            raise moved_on()
        if starting is None:
            self.end_step(ending)
        else:
            self.start_step(starting)
        return True


def isolated(name):
    """A name inside a sentence, isolated (Unicode FSI…PDI) so a German step name
    keeps its order in an Arabic sentence and the other way round."""
    return f"\u2068{name}\u2069"


def moved_on():
    """The refusal of a click made on a run-sheet that has moved on since."""
    return DomainError(
        _l(
            "The run-sheet has changed in the meantime. Nothing was changed; "
            "please look at it again."
        )
    )
