from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow


class Draft(db.Model):
    """The concept draft participants give feedback on: a PDF file (stored under a
    random file_id outside static/) or a text, plus the sections cards can name."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), unique=True)
    file_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    filename: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    sections: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    event = relationship("Event")

    @property
    def is_pdf(self):
        return self.file_id is not None

    def section_choices(self):
        return [line.strip() for line in self.sections.splitlines() if line.strip()]
