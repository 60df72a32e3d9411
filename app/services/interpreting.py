"""Interpreters: joining an event with their languages, and their work queue."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import (
    Card,
    CardTranslation,
    DomainError,
    EventText,
    Interpreter,
    TextTranslation,
)
from app.services import translation_requests
from app.services.event_texts import dot_cards, texts_in_use


def join_as_interpreter(event, interpreter, name, languages):
    """Register an interpreter of the event, or update the one this browser is.

    languages: the codes they cover besides the event language.
    """
    offered = current_app.config["LANGUAGES"]
    chosen = [code for code in offered if code in languages and code != event.language]
    if not chosen:
        raise DomainError(
            _l("Please choose at least one language you translate."), status=400
        )
    if interpreter is None or interpreter.event_id != event.id:
        interpreter = Interpreter(event=event)
        db.session.add(interpreter)
    interpreter.name = name.strip()[:60]
    interpreter.languages = " ".join(chosen)
    translation_requests.for_languages(event, chosen)
    db.session.flush()
    translation_requests.hand_over()
    current_app.logger.info(
        "interpreter %s joined event %s for %s", interpreter.id, event.id, chosen
    )
    return interpreter


def translation_queue(interpreter):
    """[(translation, UsedText or None)] this interpreter can make: the texts of
    the polls first (they are read now, the open poll's before the others), then
    the names of tables, then the cards. Machine translations wait here for a
    human to check them."""
    return _text_queue(interpreter) + [(t, None) for t in _card_queue(interpreter)]


def _text_queue(interpreter):
    """Unfinished translations of the event texts in use, in the order of
    texts_in_use (the open poll's first, each poll's lines in their order)."""
    event = interpreter.event
    used = texts_in_use(event)
    pending = db.session.scalars(
        select(TextTranslation)
        .join(EventText)
        .where(
            EventText.event_id == event.id,
            EventText.language == event.language,
            TextTranslation.state != "human",
        )
        .order_by(TextTranslation.id)
    ).all()
    found = [
        (translation, used[translation.source.digest])
        for translation in pending
        if translation.source.digest in used and interpreter.covers(translation)
    ]
    order = {digest: index for index, digest in enumerate(used)}
    return sorted(found, key=lambda entry: order[entry[0].source.digest])


def _card_queue(interpreter):
    """Unfinished translations of visible cards: those of an open dot vote
    first, then oldest first."""
    pending = db.session.scalars(
        select(CardTranslation)
        .join(Card)
        .where(
            Card.event_id == interpreter.event_id,
            Card.state == "visible",
            CardTranslation.state != "human",
        )
        .order_by(CardTranslation.id)
    ).all()
    voted_on = {card.id for poll in interpreter.event.polls for card in open_dots(poll)}
    found = [t for t in pending if interpreter.covers(t)]
    return sorted(found, key=lambda translation: translation.card_id not in voted_on)


def open_dots(poll):
    return dot_cards(poll) if poll.is_open else []


def interpreters_of(event):
    return db.session.scalars(
        select(Interpreter)
        .where(Interpreter.event_id == event.id)
        .order_by(Interpreter.id)
    ).all()
