from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import new_token, utcnow

MAX_REPORT_TEXT = 20000


class ReportText(db.Model):
    """The organiser's introduction and closing words, per event and report language."""

    __table_args__ = (UniqueConstraint("event_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    introduction: Mapped[str] = mapped_column(Text, default="")
    closing: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReportDocument(db.Model):
    """A report PDF as mailed; downloadable through its token until it expires."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    mailing_id: Mapped[int] = mapped_column(ForeignKey("mailing.id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    token: Mapped[str] = mapped_column(
        String(64), unique=True, default=lambda: new_token(32)
    )
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    event = relationship("Event")

    @property
    def size(self):
        return len(self.pdf)

    def is_expired(self, now=None):
        return (now or utcnow()) >= self.expires_at
