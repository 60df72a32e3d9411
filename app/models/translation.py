"""Translations: of cards, and of the short texts organisers write for an event
(a poll's question, options and scale labels, names of tables and action fields).

Both kinds share their states (requested → machine → human; a human translation
is never replaced by a machine one), the interpreters' queue and the machine
translator; readers see a finished translation with the original beneath."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.extensions import db
from app.models.base import new_token, utcnow
from app.models.errors import DomainError

MAX_TRANSLATION_LENGTH = 1000


@dataclass(frozen=True)
class TextView:
    """A text as one reader sees it; `mark` is "human" or "machine" (or "catalogue")
    when the text is a translation, and `original` then holds the text as written.
    `source`: the language it was written in; `key` names it for live updates."""

    text: str
    language: str
    mark: str | None = None
    original: str | None = None
    untranslated: bool = False
    requested: bool = False
    source: str = ""
    key: str = ""


class Translatable:
    """Something readers see in their language: a card or an event's text.
    The class has `text`, `language` and a `translations` relationship."""

    @property
    def shown_text(self):
        return self.text

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
            return TextView(
                translation.text,
                language,
                translation.state,
                self.shown_text,
                source=self.language,
                key=self.view_key,
            )
        return TextView(
            self.shown_text,
            self.language,
            untranslated=language != self.language,
            requested=any(t.language == language for t in self.translations),
            source=self.language,
            key=self.view_key,
        )


class TranslationState:
    """What card and text translations share: asked for, by a machine, by a person."""

    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="requested")
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("interpreter.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @declared_attr
    def interpreter(cls):
        return relationship("Interpreter")

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


class CardTranslation(TranslationState, db.Model):
    """A card's text in another language."""

    __table_args__ = (UniqueConstraint("card_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)

    card = relationship("Card", back_populates="translations")

    @property
    def source(self):
        return self.card


def digest_of(text):
    return hashlib.sha256(text.encode()).hexdigest()


def text_key(text):
    """How pages name an event text for live updates: by its wording."""
    return "t:" + digest_of(text)[:16]


class EventText(Translatable, db.Model):
    """A short text organisers wrote for the event, in the language it is written
    in. Identified by its wording: the same words anywhere in the event share one
    set of translations, and editing a poll keeps those of unchanged lines."""

    __table_args__ = (UniqueConstraint("event_id", "language", "digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    translations = relationship(
        "TextTranslation",
        back_populates="source",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="TextTranslation.id",
    )

    @property
    def view_key(self):
        return text_key(self.text)


class TextTranslation(TranslationState, db.Model):
    """An event text in another language."""

    __table_args__ = (UniqueConstraint("text_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("event_text.id"), index=True)

    source = relationship("EventText", back_populates="translations")


class Interpreter(db.Model):
    """A person translating cards and texts at one event; their token lives in
    their session.

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

    def sign_out(self):
        """The browser's session no longer names this interpreter."""
        self.token = new_token()

    def covers(self, translation):
        return self.can_translate(translation.source, translation.language)

    def can_translate(self, source, target):
        """Whether this interpreter can translate source (a card or an event text)
        into target.

        Into the event language: from a language they cover. Into another of
        their languages: from the original, or relayed through the event-language
        version once one exists.
        """
        event_language = self.event.language
        if target == event_language:
            return source.language in self.language_list
        if target not in self.language_list or target == source.language:
            return False
        if source.language in (*self.language_list, event_language):
            return True
        return source.translation_into(event_language) is not None
