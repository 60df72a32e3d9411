"""Translations of cards and event texts: what a new card needs, phones asking,
interpreters typing."""

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
    wanted = _readers_languages(card.table_id, event_language) - {card.language}
    return [CardTranslation(language=language) for language in sorted(wanted)]


def replan_for_language(card, event_language):
    """The card's language was corrected: translations into its own language go,
    machine translations (made from the wrong language) are asked for again, the
    event language and the table's languages are asked for; an interpreter's work
    stays. Returns the open requests, for the machine translator."""
    for translation in list(card.translations):
        if translation.language == card.language:
            card.translations.remove(translation)
        elif translation.state == "machine":
            translation.state, translation.text = "requested", ""
    have = {t.language for t in card.translations} | {card.language}
    for language in sorted(_readers_languages(card.table_id, event_language) - have):
        card.translations.append(CardTranslation(language=language))
    db.session.flush()
    return [t for t in card.translations if t.state == "requested"]


def request_missing(card):
    """Requests for the readers a card reaches now (approved, shown again, moved
    to another table) that it has none for yet. Returns the new ones: they go to
    the machine translator after the commit."""
    have = {t.language for t in card.translations} | {card.language}
    event_language = card.table.event.language
    wanted = _readers_languages(card.table.id, event_language) - have
    added = [CardTranslation(language=language) for language in sorted(wanted)]
    card.translations.extend(added)
    return added


def _readers_languages(table_id, event_language):
    at_table = db.session.scalars(
        select(Participant.locale).where(Participant.table_id == table_id).distinct()
    )
    return {event_language, *at_table}


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
        db.session.flush()
    except IntegrityError:  # another phone asked in the same moment
        db.session.rollback()
        return card
    current_app.logger.info("card %s: translation into %s asked", card.id, language)
    broadcast.card_translated(card)
    machine_translation.translate_later([translation])
    return card


def translate(interpreter, source, language, text):
    """An interpreter's translation of a card or an event text; it replaces a
    machine one and is marked human."""
    text = _valid_translation(text)
    _require_language(language)
    if not interpreter.can_translate(source, language):
        raise DomainError(
            _l("This translation is not in your languages. Please change them first."),
            status=403,
        )
    _limit_interpreter(interpreter)
    try:
        translation = _save_human(source, language, text, interpreter)
    except IntegrityError:  # another interpreter saved the first one just now
        db.session.rollback()
        translation = _save_human(source, language, text, interpreter)
    current_app.logger.info("%s translated into %s", source.view_key, language)
    broadcast.translation_changed(source)
    return translation


def _save_human(source, language, text, interpreter):
    translation = _translation(source, language)
    if translation is None:
        model = type(source).translations.property.mapper.class_
        translation = model(language=language)
        source.translations.append(translation)
    translation.record_human(text, interpreter)
    db.session.flush()
    return translation


def _translation(source, language):
    return next((t for t in source.translations if t.language == language), None)


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
