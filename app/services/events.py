from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select

from app.extensions import db
from app.formats import CATALOGUES, FORMATS
from app.models import ActionField, Card, DomainError, Event, Participant, Photo, Table
from app.services import translation_requests
from app.services.audit import record
from app.services.organisations import home_organisation
from app.services.programme import apply_format


def create_event(organiser, details, catalogue, custom_fields=(), organisation=None):
    """Create an event from a format with one table per action field, in the
    organisation (by default the organiser's first in which they may create).

    details: title, starts_at, venue, target_group, language and format (a key of
    FORMATS; the dialogue forum when left out).
    catalogue: a key of CATALOGUES, or "custom" with the custom_fields names.
    """
    names = CATALOGUES[catalogue][1] if catalogue in CATALOGUES else list(custom_fields)
    if not names:
        raise DomainError(_l("Please name at least one action field."), status=400)
    details = {"format": "dialogue_forum", **details}
    if details["format"] not in FORMATS:
        raise DomainError(_l("Please choose a format."), status=400)
    organisation = organisation or home_organisation(organiser)
    event = Event(
        organiser=organiser, organisation=organisation, catalogue=catalogue, **details
    )
    for position, name in enumerate(names):
        field = ActionField(name=name, position=position)
        event.action_fields.append(field)
        event.tables.append(Table(number=position + 1, action_field=field))
    apply_format(event, details["format"])
    db.session.add(event)
    record(organisation, organiser, "event_created", event.title)
    db.session.flush()
    current_app.logger.info("event %s created with %s tables", event.id, len(names))
    return event


def add_table(event, action_field, name="", capacity=8):
    number = (
        db.session.scalar(
            select(func.max(Table.number)).where(Table.event_id == event.id)
        )
        or 0
    ) + 1
    table = Table(
        event=event,
        number=number,
        action_field=action_field,
        name=name.strip(),
        capacity=capacity,
    )
    db.session.add(table)
    db.session.flush()
    translation_requests.for_topic(table)
    db.session.flush()
    current_app.logger.info("table %s added to event %s", table.id, event.id)
    translation_requests.hand_over()
    return table


def update_table(table, name, action_field, capacity, colour=""):
    table.name = name.strip()
    table.action_field = action_field
    table.capacity = capacity
    table.colour = colour
    translation_requests.for_topic(table)
    db.session.flush()
    translation_requests.hand_over()
    return table


def remove_table(table):
    """Remove an empty table; a table with cards or people keeps them by refusing."""
    has_cards = db.session.scalar(select(exists().where(Card.table_id == table.id)))
    if has_cards:
        raise DomainError(_l("This table already has cards, so it cannot be removed."))
    if db.session.scalar(select(exists().where(Photo.table_id == table.id))):
        raise DomainError(_l("This table already has photos, so it cannot be removed."))
    seated = db.session.scalar(select(exists().where(Participant.table_id == table.id)))
    if seated:
        raise DomainError(
            _l("People are seated at this table, so it cannot be removed.")
        )
    db.session.delete(table)
    db.session.flush()
    current_app.logger.info("table %s removed", table.id)


def set_premoderation(event, enabled):
    """Switch pre-moderation on or off. Cards already waiting keep waiting: a
    setting never publishes a card nobody approved."""
    event.premoderation = bool(enabled)
    db.session.flush()
    current_app.logger.info(
        "event %s: pre-moderation %s", event.id, event.premoderation
    )
