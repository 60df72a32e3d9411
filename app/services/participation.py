from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.live import broadcast
from app.models import Card, Category, DomainError, Event, Participant, Phase
from app.models.card import (
    APPROVED_ON_ENTRY,
    MAX_CARD_LENGTH,
    MAX_SECTION_LENGTH,
    MAX_SMART_LENGTH,
    SMART_FIELDS,
)
from app.plain_text import clean_text
from app.ratelimit import limit_cards
from app.services import card_language, machine_translation, translation_requests
from app.services.seating import assigns_tables, emptiest_table, require_free_seat
from app.services.translations import requests_for_new_card
from app.services.uuids import valid_uuid

SEND_FAILED = _l("This card could not be sent. Please try again.")


def join_event(event, participant, table, first_name="", locale="de", **extra):
    """Seat a phone at a table of the event; the same phone keeps its participant.

    table None while a mixed phase runs: the seat the phone has, else the
    emptiest table. extra: perspective (one of the event's, else none), hosting
    (seat as the table's host)."""
    event.require_open()
    if participant is None or participant.event_id != event.id:
        participant = Participant(event=event)
        db.session.add(participant)
    hosted = participant.hosts_table_id
    if table is None and assigns_tables(event):
        table = participant.table or emptiest_table(event)
    if table is not None and table.id != participant.table_id:
        require_free_seat(table)
    participant.table = table
    name = first_name.strip()[:60]
    if name or not extra.get("hosting"):  # taking the host role keeps the name
        participant.first_name = name
    participant.locale = locale
    participant.seated_round = event.seating_round
    _set_perspective(participant, extra.get("perspective"))
    if extra.get("hosting"):
        participant.hosts_table_id = table.id
    _ask_for_translations(participant)
    db.session.flush()
    current_app.logger.info("participant %s joined event %s", participant.id, event.id)
    broadcast.participants_changed(event)
    broadcast.host_left(participant, hosted)
    translation_requests.hand_over()
    card_language.warm_up_later(current_app.config["LANGUAGES"])
    return participant


def _ask_for_translations(participant):
    """What this phone will read in its language: the event's texts (when it is
    the first to read that language), a host's table cards."""
    translation_requests.for_new_reader(participant, participant.locale)
    if participant.hosts_table_id is not None:
        translation_requests.for_host(participant)


def _set_perspective(participant, perspective):
    if perspective is None:
        return
    choices = participant.event.perspective_choices()
    participant.perspective = perspective if perspective in choices else ""


@dataclass(frozen=True)
class CardWriter:
    """Who sends a card: a phone for its own participant, or the table's host, the
    moderator or a table tablet for someone without a phone. Cards entered on
    someone's behalf belong to no participant and are marked with who entered them.
    rate_key: whose card budget the card counts against."""

    event: Event
    table_id: int | None
    language: str
    entered_by: str = "phone"
    participant_id: int | None = None
    rate_key: object = None
    # The table's host writing at their own table: seen by the host already.
    hosting: bool = False

    @classmethod
    def phone(cls, participant):
        return cls(
            participant.event,
            participant.table_id,
            participant.locale,
            participant_id=participant.id,
            rate_key=participant.id,
            hosting=participant.hosts_table_id == participant.table_id,
        )

    @property
    def premoderated(self):
        """Cards wait for approval at pre-moderated events, unless the table's host
        or the moderator wrote them."""
        approved = self.hosting or self.entered_by in APPROVED_ON_ENTRY
        return self.event.premoderation and not approved

    @classmethod
    def for_table(cls, table, entered_by, language, rate_key):
        """A host, the moderator or a tablet entering a card at table."""
        return cls(table.event, table.id, language, entered_by, rate_key=rate_key)

    def owns(self, card):
        """Whether a stored card is this writer's: a resend returns it, nobody
        else learns of it."""
        if self.participant_id is not None:
            return card.participant_id == self.participant_id
        return (
            card.participant_id is None
            and card.entered_by == self.entered_by
            and card.table_id == self.table_id
        )


def add_card(writer, card_uuid, category_id, text, language=None, details=None):
    """Store a card from a CardWriter; a resend with the same UUID returns the
    stored card.

    language: what the writer says the card is written in (empty: automatic);
    the language detected from the text wins when the detector is sure, else the
    writer's choice, else the writer's language.
    details: the section of the draft it points at and, for goal proposals, the
    SMART fields (indicator, actor, deadline, resources); all optional.
    Returns (card, created).
    """
    card_uuid = valid_uuid(card_uuid, SEND_FAILED)
    existing = _card_by_uuid(card_uuid)
    if existing is not None:
        return _resent(existing, writer), False
    card = _new_card(writer, category_id, text, language, details or {})
    card.uuid = card_uuid
    if writer.premoderated:
        card.hold_for_approval()  # translations are asked for once approved
    else:
        card.translations = requests_for_new_card(card, writer.event.language)
    db.session.add(card)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return _resent(_card_by_uuid(card_uuid), writer), False
    current_app.logger.info(
        "card %s added at table %s (%s, %s)",
        card.id,
        card.table_id,
        card.entered_by,
        card.state,
    )
    broadcast.card_added(card)
    if card.is_waiting:
        broadcast.waiting_changed(card.table_id)
    machine_translation.translate_later(card.translations)
    return card, True


def add_sent_card(writer, sent):
    """add_card with the fields of a card form as sent (a mapping): the one way
    phones, tablets, hosts and the moderator store cards."""
    return add_card(
        writer,
        sent.get("uuid"),
        sent.get("category"),
        sent.get("text"),
        sent.get("language"),
        {name: sent.get(name) for name in ("section", *SMART_FIELDS)},
    )


def _new_card(writer, category_id, text, language, details):
    category = _writable_category(writer, category_id)
    text = valid_text(text)
    chosen = _valid_language(language) if language else None
    limit_cards(writer.rate_key)
    language = card_language.language_of_card(text, chosen, writer.language)
    return Card(
        event_id=writer.event.id,
        table_id=writer.table_id,
        phase_id=category.phase_id,
        category=category,
        participant_id=writer.participant_id,
        entered_by=writer.entered_by,
        text=text,
        language=language,
        **card_details(category, details),
    )


def _card_by_uuid(card_uuid):
    return db.session.scalar(select(Card).where(Card.uuid == card_uuid))


def _resent(card, writer):
    if card is None or not writer.owns(card):
        raise DomainError(SEND_FAILED, status=400) from None
    return card


def valid_text(text):
    text = clean_text(text or "").strip()
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


def _writable_category(writer, category_id):
    writer.event.require_open()
    if writer.table_id is None:
        raise DomainError(_l("Please choose your table first."), status=400)
    category = _running_category(writer.event.id, category_id)
    if category is not None:
        return category
    if writer.event.running_phase is None:
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
    """The phone's language: new cards whose language cannot be detected are
    recorded as written in it."""
    participant.locale = locale
    _ask_for_translations(participant)
    db.session.flush()
    translation_requests.hand_over()
