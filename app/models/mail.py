from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import new_token, utcnow
from app.models.errors import DomainError


class MailAddress(db.Model):
    """An address that asked for the report. Deliberately without any link to a
    participant, card or vote; consent_at is kept to the hour so it cannot be
    matched to a join time either."""

    __table_args__ = (UniqueConstraint("event_id", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    address: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(16))  # participant | organiser
    consent_at: Mapped[datetime] = mapped_column(
        default=lambda: utcnow().replace(minute=0, second=0, microsecond=0)
    )
    token: Mapped[str] = mapped_column(
        String(64), unique=True, default=lambda: new_token(32)
    )
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    mailed_at: Mapped[datetime | None]
    delete_after: Mapped[datetime | None]

    def mailed(self, now, keep_days):
        self.status = "mailed"
        self.mailed_at = now
        self.delete_after = now + timedelta(days=keep_days)


# What a mailing sends: an event's report, or a process's feedback (what became
# of the ideas) to the addresses of all its events.
MAILING_KINDS = ("report", "feedback")


class Mailing(db.Model):
    """One sending of the report to the event's addresses that had none yet, or
    of a process's feedback to the addresses of its events (event_id None)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"), index=True)
    process_id: Mapped[int | None] = mapped_column(ForeignKey("process.id"), index=True)
    kind: Mapped[str] = mapped_column(
        String(16), default="report", server_default="report"
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    process = relationship("Process")


class OutboxMail(db.Model):
    """One mail to one recipient. Rows are claimed with a lease, so a restarted or
    second worker never sends a mail that another one is sending or has sent.
    A mailing's mail names its event and mailing; a barrier report's mail to
    its organisation names the report instead."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id"), index=True)
    mailing_id: Mapped[int | None] = mapped_column(ForeignKey("mailing.id"), index=True)
    barrier_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("barrier_report.id", ondelete="CASCADE"), index=True
    )
    address_id: Mapped[int | None] = mapped_column(
        ForeignKey("mail_address.id", ondelete="SET NULL"), index=True
    )
    language: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None]

    address: Mapped[MailAddress | None] = relationship()
    mailing: Mapped[Mailing | None] = relationship()
    barrier_report = relationship("BarrierReport")

    @property
    def is_done(self):
        return self.state in ("sent", "cancelled")

    def sent(self, now):
        self.state = "sent"
        self.sent_at = now
        self.lease_until = None
        self.last_error = ""

    def attempt_failed(self, error, now, permanent, policy):
        """Retry later with growing pauses, or give up: policy is (max attempts,
        first pause in seconds, longest pause in seconds)."""
        max_attempts, first_pause, longest_pause = policy
        self.last_error = str(error)[:1000]
        self.lease_until = None
        if permanent or self.attempts >= max_attempts:
            self.state = "failed"
            return
        pause = min(first_pause * 2 ** (self.attempts - 1), longest_pause)
        self.state = "queued"
        self.next_attempt_at = now + timedelta(seconds=pause)

    def retry(self):
        if self.state != "failed":
            raise DomainError(_l("Only a failed mail can be sent again."))
        if self.address_id is None:
            raise DomainError(_l("This address has been deleted."))
        self.state = "queued"
        self.attempts = 0
        self.next_attempt_at = utcnow()

    def cancel(self):
        if self.state in ("queued", "failed"):
            self.state = "cancelled"
        self.address_id = None
