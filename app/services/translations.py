"""Translations of cards: what a new card needs, phones asking, interpreters typing."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.live import broadcast
from app.models import CardTranslation, DomainError, Participant
from app.models.translation import MAX_TRANSLATION_LENGTH
from app.ratelimit import enforce
from app.services import machine_translation


def requests_for_new_card(card, event_language):
    """Translation requests for a card about to be stored: into the event language
    and into the languages of the phones at its table."""
    at_table = db.session.scalars(
        select(Participant.locale)
        .where(Participant.table_id == card.table_id)
        .distinct()
    )
    wanted = {event_language, *at_table} - {card.language}
    return [CardTranslation(language=language) for language in sorted(wanted)]


def ask_for_translation(participant, card, language):
    """A phone asks to read a card of its table in its own language."""
    if language == card.language or _translation(card, language) is not None:
        return card
    config = current_app.config
    enforce(
        ("translation-request", participant.id),
        config["TRANSLATION_REQUEST_LIMIT"],
        60,
        _l("You are asking for many translations at once. Please wait a moment."),
    )
    translation = CardTranslation(card=card, language=language)
    db.session.add(translation)
    try:
        db.session.commit()
    except IntegrityError:  # another phone asked in the same moment
        db.session.rollback()
        return card
    current_app.logger.info("card %s: translation into %s asked", card.id, language)
    broadcast.card_translated(card)
    machine_translation.translate_later([translation])
    return card


def translate_card(interpreter, card, language, text):
    """An interpreter's translation; it replaces a machine one and is marked human."""
    text = _valid_translation(text)
    _require_language(language)
    if not interpreter.can_translate(card, language):
        raise DomainError(
            _l("This translation is not in your languages. Please change them first."),
            status=403,
        )
    _limit_interpreter(interpreter)
    try:
        translation = _save_human(card, language, text, interpreter)
    except IntegrityError:  # another interpreter saved the first one just now
        db.session.rollback()
        translation = _save_human(card, language, text, interpreter)
    current_app.logger.info("card %s translated into %s", card.id, language)
    broadcast.card_translated(card)
    return translation


def _save_human(card, language, text, interpreter):
    translation = _translation(card, language)
    if translation is None:
        translation = CardTranslation(card=card, language=language)
        db.session.add(translation)
    translation.record_human(text, interpreter)
    db.session.commit()
    return translation


def _translation(card, language):
    return next((t for t in card.translations if t.language == language), None)


def _require_language(language):
    if language not in current_app.config["LANGUAGES"]:
        raise DomainError(_l("Please choose one of the offered languages."), 400)


def _valid_translation(text):
    text = (text or "").strip()
    if not text:
        raise DomainError(_l("Please type the translation."), status=400)
    if len(text) > MAX_TRANSLATION_LENGTH:
        message = lazy_ngettext(
            "A translation can hold at most %(num)s character.",
            "A translation can hold at most %(num)s characters.",
            MAX_TRANSLATION_LENGTH,
        )
        raise DomainError(message, status=400)
    return text


def _limit_interpreter(interpreter):
    enforce(
        ("interpreter", interpreter.id),
        current_app.config["INTERPRETER_RATE_LIMIT"],
        60,
        _l("You are saving translations very fast. Please wait a moment."),
    )
