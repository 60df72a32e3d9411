"""Participation processes: created by organisers, holding events over months."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select

from app.extensions import db
from app.formats import CATALOGUES
from app.models import (
    Ballot,
    Card,
    DomainError,
    Event,
    Participant,
    Poll,
    Process,
    ReviewDecision,
)
from app.services import events
from app.services.audit import record
from app.services.organisations import home_organisation


def create_process(organiser, details, catalogue, custom_fields=(), organisation=None):
    """A new process; details: title, description, starts_on, ends_on, language.
    catalogue: a key of CATALOGUES, or "custom" with the custom_fields names.
    organisation: by default the organiser's first in which they may create."""
    organisation = organisation or home_organisation(organiser)
    process = Process(organiser=organiser, organisation=organisation)
    _apply(process, details, catalogue, custom_fields)
    db.session.add(process)
    record(organisation, organiser, "process_created", process.title)
    db.session.flush()
    current_app.logger.info("process %s created", process.id)
    return process


def update_process(process, details, catalogue, custom_fields=()):
    """Change a process; its events keep their action fields and language, events
    created in it afterwards get the new ones."""
    _apply(process, details, catalogue, custom_fields)
    db.session.flush()
    current_app.logger.info("process %s changed", process.id)
    return process


def _apply(process, details, catalogue, custom_fields):
    names = [name.strip() for name in custom_fields if name.strip()]
    if catalogue not in CATALOGUES and not names:
        raise DomainError(_l("Please name at least one action field."), status=400)
    starts_on, ends_on = details.get("starts_on"), details.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError(_l("The end cannot be before the start."), status=400)
    process.catalogue = catalogue if catalogue in CATALOGUES else "custom"
    process.custom_fields = "\n".join(dict.fromkeys(names))
    for key, value in details.items():
        setattr(process, key, value)


def create_event_in(process, organiser, details):
    """An event of the process with its action fields and language."""
    details = {"language": process.language, **details}
    event = events.create_event(
        organiser,
        details,
        process.catalogue,
        process.custom_field_names(),
        organisation=process.organisation,
    )
    return attach_event(process, event)


def attach_event(process, event):
    """Make an existing event part of the process; it works on the draft version
    current now."""
    if event.process_id == process.id:
        raise DomainError(_l("This event is already part of the process."))
    if event.process_id is not None:
        raise DomainError(_l("This event belongs to another process."))
    if event.organisation_id != process.organisation_id:
        raise DomainError(_l("This event belongs to another organisation."), 404)
    event.process = process
    event.concept_draft = process.current_draft
    db.session.flush()
    current_app.logger.info("event %s attached to process %s", event.id, process.id)
    return event


def detach_event(process, event):
    """The event stands alone again, on its own draft. Once contributions of it
    are reviewed, it stays: the review and the feedback count them."""
    if event.process_id != process.id:
        raise DomainError(_l("This event is not part of the process."), status=404)
    if _has_decisions(process, event):
        raise DomainError(
            _l("Contributions of this event have been reviewed, so it stays.")
        )
    event.process, event.concept_draft = None, None
    db.session.flush()
    current_app.logger.info("event %s detached from process %s", event.id, process.id)


def _has_decisions(process, event):
    reviewed = (
        exists()
        .where(ReviewDecision.process_id == process.id)
        .where(ReviewDecision.card_id == Card.id, Card.event_id == event.id)
    )
    return db.session.scalar(select(reviewed))


def all_processes(visible):
    """[(process, number of its events)] of the select `visible` (the processes
    a member sees), the newest first; one query."""
    rows = db.session.execute(
        visible.add_columns(func.count(Event.id))
        .outerjoin(Event, Event.process_id == Process.id)
        .group_by(Process.id)
        .order_by(Process.created_at.desc(), Process.id.desc())
    )
    return rows.all()


def lone_events(process):
    """Events of the process's organisation without a process, the newest
    first: those that can be attached."""
    query = select(Event).where(
        Event.process_id.is_(None), Event.organisation_id == process.organisation_id
    )
    return db.session.scalars(query.order_by(Event.starts_at.desc())).all()


def event_numbers(process):
    """{event id: {"participants", "contributions", "votes"}} of the process's
    events in one query: contributions are visible cards, votes are ballots."""
    rows = db.session.execute(
        select(
            Event.id,
            _count(Participant.id, Participant.event_id == Event.id),
            _count(Card.id, Card.event_id == Event.id, Card.state == "visible"),
            _count(Ballot.id, Poll.event_id == Event.id, join=Poll),
        ).where(Event.process_id == process.id)
    )
    keys = ("participants", "contributions", "votes")
    return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in rows}


def _count(column, *where, join=None):
    query = select(func.count(column))
    if join is not None:
        query = query.join(join)
    return query.where(*where).correlate(Event).scalar_subquery()


def totals(numbers):
    """The sums over the events of event_numbers()."""
    keys = ("participants", "contributions", "votes")
    return {key: sum(row[key] for row in numbers.values()) for key in keys}
