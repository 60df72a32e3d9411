from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import new_token, utcnow
from app.models.errors import DomainError

MAX_TRANSLATION_LENGTH = 1000


class CardTranslation(db.Model):
    """A card's text in another language: asked for, made by a machine, or typed
    by an interpreter. A human translation is never replaced by a machine one."""

    __table_args__ = (UniqueConstraint("card_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="requested")
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("interpreter.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    card = relationship("Card", back_populates="translations")
    interpreter = relationship("Interpreter")

    @property
    def is_human(self):
        return self.state == "human"

    @property
    def is_done(self):
        """Has a text to show (machine or human)."""
        return self.state in ("machine", "human")

    def record_machine(self, text):
        if self.is_human:
            raise DomainError(_l("An interpreter has already translated this card."))
        self.text = text
        self.state = "machine"
        self.updated_at = utcnow()

    def record_human(self, text, interpreter):
        self.text = text
        self.state = "human"
        self.interpreter = interpreter
        self.updated_at = utcnow()


class Interpreter(db.Model):
    """A person translating cards at one event; their token lives in their session.

    languages: the codes they cover besides the event language, space separated.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    name: Mapped[str] = mapped_column(String(60), default="")
    languages: Mapped[str] = mapped_column(String(100), default="")
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    event = relationship("Event")

    @property
    def language_list(self):
        return self.languages.split()

    def covers(self, translation):
        return self.can_translate(translation.card, translation.language)

    def can_translate(self, card, target):
        """Whether this interpreter can translate the card into target.

        Into the event language: from a language they cover. Into another of
        their languages: from the original, or relayed through the event-language
        version once one exists.
        """
        event_language = self.event.language
        if target == event_language:
            return card.language in self.language_list
        if target not in self.language_list or target == card.language:
            return False
        if card.language in (*self.language_list, event_language):
            return True
        return card.translation_into(event_language) is not None
