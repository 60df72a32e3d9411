"""The run-sheet: an event's ordered steps, each with a planned duration.

The timer is computed from stored timestamps only, so it stays right across
reconnects and server restarts: nothing ticks on the server."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import ForeignKey, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.formats import STEP_KINDS
from app.models.base import utcnow
from app.models.errors import DomainError

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
