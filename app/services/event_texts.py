"""The short texts organisers write that readers see in their own language: a
poll's question, options and scale labels, and the names of tables and of custom
action fields. The cards of a dot vote are translated as cards; built-in action
fields through the gettext catalogues.

They are written in the event language and translated like cards (EventText,
TextTranslation): into every language present at the event, by interpreters or
the machine translator."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.formats import builtin_field_name
from app.models import Interpreter, Participant
from app.models.translation import digest_of

ROLES = {
    "question": _l("Vote: question"),
    "option": _l("Vote: answer option"),
    "scale": _l("Vote: scale label"),
    "topic": _l("Name of a table or action field"),
}


@dataclass(frozen=True)
class UsedText:
    """A text in use. rank: 0 of the open poll, 1 of another poll, 2 a name."""

    text: str
    role: str
    rank: int


def poll_strings(poll):
    """[(text, role)] of what phones read of a poll, besides a dot vote's cards."""
    found = [(poll.question, "question")]
    if poll.uses_options and poll.kind != "dots":
        found += [(option.label, "option") for option in poll.options]
    if poll.kind == "scale":
        found += [(label, "scale") for label in poll.labels.values()]
    return [(text, role) for text, role in found if text]


def dot_cards(poll):
    """The cards a dot vote votes on: phones read them in their translations."""
    if poll.kind != "dots":
        return []
    return [option.card for option in poll.options if option.card is not None]


def custom_topic(table):
    """The table's topic when the organisers wrote it, else None (no topic, or a
    built-in action field, which the catalogues translate)."""
    if table.name:
        return table.name
    field = table.action_field
    if field is None or builtin_field_name(table.event.catalogue, field.name):
        return None
    return field.name


def texts_in_use(event):
    """{digest: UsedText} of the event's texts readers may see now, those of the
    open poll first."""
    used = {}
    polls = sorted(event.polls, key=lambda poll: (not poll.is_open, poll.position))
    for poll in polls:
        for text, role in poll_strings(poll):
            used.setdefault(
                digest_of(text), UsedText(text, role, 0 if poll.is_open else 1)
            )
    for table in event.tables:
        topic = custom_topic(table)
        if topic:
            used.setdefault(digest_of(topic), UsedText(topic, "topic", 2))
    return used


def present_languages(event):
    """The languages read at the event: its own, the phones', the interpreters'
    and the projector's."""
    locales = db.session.scalars(
        select(Participant.locale).where(Participant.event_id == event.id).distinct()
    )
    covered = db.session.scalars(
        select(Interpreter.languages).where(Interpreter.event_id == event.id)
    )
    languages = {event.language, *locales}
    languages.update(code for codes in covered for code in codes.split())
    if event.projector_language:
        languages.add(event.projector_language)
    return languages


def projector_languages(event):
    return {event.language, event.projector_language or event.language}


def is_read_at(event, language, participant=None):
    """Whether someone besides `participant` already reads the event in language."""
    if language in projector_languages(event):
        return True
    query = select(Participant.id).where(
        Participant.event_id == event.id, Participant.locale == language
    )
    if participant is not None and participant.id is not None:
        query = query.where(Participant.id != participant.id)
    if db.session.scalar(query.limit(1)) is not None:
        return True
    covered = db.session.scalars(
        select(Interpreter.languages).where(Interpreter.event_id == event.id)
    )
    return any(language in codes.split() for codes in covered)
