from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow
from app.models.errors import DomainError

MAX_CARD_LENGTH = 500


@dataclass(frozen=True)
class CardView:
    """A card as one reader sees it; `mark` is "human" or "machine" when the text
    is a translation and `original` then holds the card as written."""

    text: str
    language: str
    mark: str | None = None
    original: str | None = None
    untranslated: bool = False
    requested: bool = False


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
    translations = relationship(
        "CardTranslation",
        back_populates="card",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="CardTranslation.id",
    )

    @property
    def is_hidden(self):
        return self.state == "hidden"

    def translation_into(self, language):
        """The finished translation into language, or None."""
        return next(
            (t for t in self.translations if t.language == language and t.is_done),
            None,
        )

    def view_in(self, language):
        """What a reader of language sees: the finished translation with the
        original beneath, else the original alone — never nothing."""
        translation = self.translation_into(language)
        if translation is not None:
            return CardView(translation.text, language, translation.state, self.text)
        return CardView(
            self.text,
            self.language,
            untranslated=language != self.language,
            requested=any(t.language == language for t in self.translations),
        )

    def hide(self):
        if self.is_hidden:
            raise DomainError(_l("This card is already hidden."))
        self.state = "hidden"

    def show(self):
        if not self.is_hidden:
            raise DomainError(_l("This card is not hidden."))
        self.state = "visible"
