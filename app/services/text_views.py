"""Organisers' texts and table topics as a reader of one language sees them: the
translation with the original beneath, else the original (TextView), and for
scripts every translation at once (payloads, as cards carry theirs)."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale, pgettext
from sqlalchemy import select

from app.extensions import db
from app.formats import (
    ACTION_FIELD_CONTEXT,
    ACTION_FIELD_LANGUAGE,
    builtin_field_name,
)
from app.models import EventText
from app.models.translation import TextView, digest_of, text_key
from app.services.event_texts import dot_cards

# msgids are English: the English catalogue may leave them as they are.
SOURCE_LOCALE = "en"


@dataclass(frozen=True)
class PollViews:
    """What a phone reads of a poll: the question, each option (a dot vote's
    card in its own translation) and each scale label, by option id and value."""

    question: TextView
    options: dict
    scale: dict


class Wording:
    """The event's texts for readers of one language; loads them once."""

    def __init__(self, event, language):
        self.event = event
        self.language = language
        rows = db.session.scalars(
            select(EventText).where(EventText.event_id == event.id)
        )
        self._texts = {(row.language, row.digest): row for row in rows}

    def stored(self, text, language=None):
        return self._texts.get((language or self.event.language, digest_of(text)))

    def view(self, text, language=None):
        """An organiser's text (written in the event language) for this reader."""
        language = language or self.language
        found = self.stored(text)
        if found is not None:
            return found.view_in(language)
        return original_view(text, self.event.language, language)

    def topic(self, table, language=None):
        return topic_view(table, language or self.language, self)

    def poll(self, poll):
        options = {
            option.id: option.card.view_in(self.language)
            if option.card is not None
            else self.view(option.label)
            for option in poll.options
        }
        scale = {value: self.view(label) for value, label in poll.labels.items()}
        return PollViews(self.view(poll.question), options, scale)


def text_payload(source):
    """A card or an event text as scripts put it into [data-tx] elements."""
    return {
        "key": source.view_key,
        "text": source.shown_text,
        "language": source.language,
        "translations": {
            t.language: {"text": t.text, "state": t.state} for t in source.translations
        },
    }


def poll_texts_payload(poll):
    """A poll's question, options (by id), scale labels (by value) and the topics
    of a dot vote's tables (by id) with their translations, for the projector in
    any language."""
    wording = Wording(poll.event, poll.event.language)

    def payload(text):
        found = wording.stored(text)
        if found is not None:
            return text_payload(found)
        return {"key": text_key(text), "text": text, "language": poll.event.language}

    options = {
        option.id: text_payload(option.card) if option.card else payload(option.label)
        for option in poll.options
    }
    scale = {value: payload(label) for value, label in poll.labels.items()}
    tables = {card.table for card in dot_cards(poll)}
    return {
        "question": payload(poll.question),
        "options": options,
        "scale": scale,
        "topics": {table.id: topic_payload(table) for table in tables},
    }


def original_view(text, source, reader):
    return TextView(
        text, source, untranslated=reader != source, source=source, key=text_key(text)
    )


def topic_view(table, language, wording=None):
    """What the table works on, in language where a translation exists: a
    built-in action field through the catalogues, the organisers' own names
    through their translations."""
    name = table.topic
    msgid = None if table.name else _builtin(table)
    if msgid is not None:
        return catalogue_view(name, msgid, language)
    if not name:
        return original_view("", language, language)
    wording = wording or Wording(table.event, language)
    return wording.view(name, language)


def _builtin(table):
    field = table.action_field
    return builtin_field_name(table.event.catalogue, field.name) if field else None


def catalogue_view(name, msgid, language):
    if language == ACTION_FIELD_LANGUAGE:
        return original_view(name, ACTION_FIELD_LANGUAGE, language)
    with force_locale(language):
        text = pgettext(ACTION_FIELD_CONTEXT, msgid)
    if text == msgid and language != SOURCE_LOCALE:
        return original_view(name, ACTION_FIELD_LANGUAGE, language)
    return TextView(
        text,
        language,
        "catalogue",
        name,
        source=ACTION_FIELD_LANGUAGE,
        key=text_key(name),
    )


def topic_payload(table):
    """The topic with its translation into every language, for scripts that
    show it in their reader's language (live.js: cardView)."""
    wording = Wording(table.event, table.event.language)
    views = [
        wording.topic(table, language) for language in current_app.config["LANGUAGES"]
    ]
    translations = {
        view.language: {"text": view.text, "state": view.mark}
        for view in views
        if view.original is not None
    }
    return {
        "key": text_key(table.topic),
        "text": table.topic,
        "language": views[0].source,
        "translations": translations,
    }
