"""Interpreters: joining an event with their languages, and their work queue."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import Card, CardTranslation, DomainError, Interpreter


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
    db.session.commit()
    current_app.logger.info(
        "interpreter %s joined event %s for %s", interpreter.id, event.id, chosen
    )
    return interpreter


def translation_queue(interpreter):
    """The unfinished translations of visible cards this interpreter can make,
    oldest first; machine translations wait here for a human to check them."""
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
    return [translation for translation in pending if interpreter.covers(translation)]


def interpreters_of(event):
    return db.session.scalars(
        select(Interpreter)
        .where(Interpreter.event_id == event.id)
        .order_by(Interpreter.id)
    ).all()
