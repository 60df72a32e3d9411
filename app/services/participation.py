from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.live import broadcast
from app.models import Card, Category, DomainError, Participant, Phase
from app.models.card import (
    MAX_CARD_LENGTH,
    MAX_SECTION_LENGTH,
    MAX_SMART_LENGTH,
    SMART_FIELDS,
)
from app.ratelimit import limit_cards
from app.services import machine_translation
from app.services.seating import assigns_tables, emptiest_table, require_free_seat
from app.services.translations import requests_for_new_card
from app.services.uuids import valid_uuid

SEND_FAILED = _l("This card could not be sent. Please try again.")


def join_event(event, participant, table, first_name="", locale="de", **extra):
    """Seat a phone at a table of the event; the same phone keeps its participant.

    table None while a mixed phase runs: the emptiest table. extra: perspective
    (one of the event's, else none), hosting (seat as the table's host)."""
    event.require_open()
    if participant is None or participant.event_id != event.id:
        participant = Participant(event=event)
        db.session.add(participant)
    if table is None and assigns_tables(event):
        table = emptiest_table(event)
    if table is not None and table.id != participant.table_id:
        require_free_seat(table)
    participant.table = table
    participant.first_name = first_name.strip()[:60]
    participant.locale = locale
    participant.seated_round = event.seating_round
    _set_perspective(participant, extra.get("perspective"))
    if extra.get("hosting"):
        participant.hosts_table_id = table.id
    db.session.commit()
    current_app.logger.info("participant %s joined event %s", participant.id, event.id)
    broadcast.participants_changed(event)
    return participant


def _set_perspective(participant, perspective):
    if perspective is None:
        return
    choices = participant.event.perspective_choices()
    participant.perspective = perspective if perspective in choices else ""


def add_card(participant, card_uuid, category_id, text, language=None, details=None):
    """Store a card from a phone; a resend with the same UUID returns the stored card.

    language: what the card is written in; the phone's language when not given.
    details: the section of the draft it points at and, for goal proposals, the
    SMART fields (indicator, actor, deadline, resources); all optional.
    Returns (card, created).
    """
    card_uuid = valid_uuid(card_uuid, SEND_FAILED)
    existing = _card_by_uuid(card_uuid)
    if existing is not None:
        return _resent(existing, participant), False
    card = _new_card(participant, category_id, text, language, details or {})
    card.uuid = card_uuid
    card.translations = requests_for_new_card(card, participant.event.language)
    db.session.add(card)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return _resent(_card_by_uuid(card_uuid), participant), False
    current_app.logger.info("card %s added at table %s", card.id, card.table_id)
    broadcast.card_added(card)
    machine_translation.translate_later(card.translations)
    return card, True


def _new_card(participant, category_id, text, language, details):
    category = _writable_category(participant, category_id)
    text = valid_text(text)
    language = _valid_language(language or participant.locale)
    limit_cards(participant.id)
    return Card(
        event_id=participant.event_id,
        table_id=participant.table_id,
        phase_id=category.phase_id,
        category_id=category.id,
        participant_id=participant.id,
        text=text,
        language=language,
        **card_details(category, details),
    )


def _card_by_uuid(card_uuid):
    return db.session.scalar(select(Card).where(Card.uuid == card_uuid))


def _resent(card, participant):
    if card is None or card.participant_id != participant.id:
        raise DomainError(SEND_FAILED, status=400) from None
    return card


def valid_text(text):
    text = (text or "").strip()
    if not text:
        raise DomainError(_l("Please write something on the card."), status=400)
    if len(text) > MAX_CARD_LENGTH:
        raise DomainError(
            lazy_ngettext(
                "A card can hold at most %(num)s character.",
                "A card can hold at most %(num)s characters.",
                MAX_CARD_LENGTH,
            ),
            status=400,
        )
    return text


def _valid_language(language):
    if language not in current_app.config["LANGUAGES"]:
        raise DomainError(_l("Please choose the language of your card."), status=400)
    return language


def card_details(category, details):
    """The optional extras of a card, trimmed and checked."""
    found = {"section": _short(details.get("section"), MAX_SECTION_LENGTH)}
    if category.smart:
        for name in SMART_FIELDS:
            found[name] = _short(details.get(name), MAX_SMART_LENGTH)
    return found


def _short(value, limit):
    value = (value or "").strip()
    if len(value) > limit:
        raise DomainError(
            lazy_ngettext(
                "A detail can hold at most %(num)s character.",
                "A detail can hold at most %(num)s characters.",
                limit,
            ),
            status=400,
        )
    return value


def _writable_category(participant, category_id):
    participant.event.require_open()
    if participant.table_id is None:
        raise DomainError(_l("Please choose your table first."), status=400)
    category = _running_category(participant.event_id, category_id)
    if category is not None:
        return category
    if participant.event.running_phase is None:
        raise DomainError(
            _l("No work phase is running right now, so cards cannot be sent.")
        )
    raise DomainError(_l("Please choose what kind of card this is."), status=400)


def _running_category(event_id, category_id):
    """The category if it belongs to the event's running phase: one query per card."""
    if not str(category_id).isdigit():
        return None
    return db.session.scalar(
        select(Category)
        .join(Phase)
        .where(
            Category.id == int(category_id),
            Phase.event_id == event_id,
            Phase.state == "running",
        )
    )


def set_locale(participant, locale):
    """The phone's language: new cards are recorded as written in it."""
    participant.locale = locale
    db.session.commit()
