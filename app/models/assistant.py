"""What the assistant suggests on the moderator's laptop: likely duplicates and
themes of an action field. Only suggestions: a person merges, dismisses,
accepts, renames or drops them."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow
from app.models.card import MAX_HEADING_LENGTH
from app.models.errors import DomainError

MAX_THEME_LABEL = MAX_HEADING_LENGTH

theme_card = Table(
    "theme_card",
    db.metadata,
    Column("theme_id", ForeignKey("theme.id", ondelete="CASCADE"), primary_key=True),
    Column("card_id", ForeignKey("card.id", ondelete="CASCADE"), primary_key=True),
)


class DuplicateSuggestion(db.Model):
    """Two cards of one category and action field that likely say the same;
    card_id < other_id. A dismissed pair is never suggested again."""

    __table_args__ = (UniqueConstraint("card_id", "other_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    score: Mapped[float]
    state: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    card = relationship("Card", foreign_keys=[card_id])
    other = relationship("Card", foreign_keys=[other_id])

    @property
    def is_open(self):
        return self.state == "open"

    @property
    def cards(self):
        return (self.card, self.other)

    @property
    def same_table(self):
        return self.card.table_id == self.other.table_id

    def dismiss(self):
        self._require_open()
        self.state = "dismissed"

    def merged(self):
        self._require_open()
        self.state = "merged"

    def _require_open(self):
        if not self.is_open:
            raise DomainError(_l("This suggestion has already been dealt with."))


class Theme(db.Model):
    """A group of cards of one action field (or of one table without a field)
    with a short label. Proposed by the assistant; once accepted, its label is
    the heading of its cards. A dropped proposal is kept, so the same group is
    not proposed again."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    action_field_id: Mapped[int | None] = mapped_column(ForeignKey("action_field.id"))
    table_id: Mapped[int | None] = mapped_column(ForeignKey("table.id"))
    label: Mapped[str] = mapped_column(String(MAX_THEME_LABEL))
    state: Mapped[str] = mapped_column(String(16), default="proposed")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    cards = relationship(
        "Card", secondary=theme_card, order_by="Card.id", lazy="selectin"
    )

    @property
    def is_proposed(self):
        return self.state == "proposed"

    @property
    def is_accepted(self):
        return self.state == "accepted"

    @property
    def scope(self):
        return (self.action_field_id, self.table_id)

    def accept(self, label):
        if self.state == "dropped":
            raise DomainError(_l("This theme was dropped."))
        self.label = label
        self.state = "accepted"

    def drop(self):
        if self.state == "dropped":
            raise DomainError(_l("This theme was dropped."))
        self.state = "dropped"
