from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow
from app.models.errors import DomainError

MAX_CARD_LENGTH = 500


class Card(db.Model):
    """A contribution written at a table. Anonymous: shown without its author."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("table.id"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="de")
    state: Mapped[str] = mapped_column(String(16), default="visible")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    table = relationship("Table")
    phase = relationship("Phase")
    category = relationship("Category")

    @property
    def is_hidden(self):
        return self.state == "hidden"

    def hide(self):
        if self.is_hidden:
            raise DomainError(_l("This card is already hidden."))
        self.state = "hidden"

    def show(self):
        if not self.is_hidden:
            raise DomainError(_l("This card is not hidden."))
        self.state = "visible"
