"""Participation processes: created by organisers, holding events over months."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.formats import CATALOGUES
from app.models import DomainError, Process
from app.services import events


def create_process(organiser, details, catalogue, custom_fields=()):
    """A new process; details: title, description, starts_on, ends_on, language.
    catalogue: a key of CATALOGUES, or "custom" with the custom_fields names."""
    names = [name.strip() for name in custom_fields if name.strip()]
    if catalogue not in CATALOGUES and not names:
        raise DomainError(_l("Please name at least one action field."), status=400)
    process = Process(
        organiser=organiser,
        catalogue=catalogue if catalogue in CATALOGUES else "custom",
        custom_fields="\n".join(dict.fromkeys(names)),
        **details,
    )
    db.session.add(process)
    db.session.commit()
    current_app.logger.info("process %s created", process.id)
    return process


def create_event_in(process, organiser, details):
    """An event of the process with its action fields and language."""
    details = {"language": process.language, **details}
    event = events.create_event(
        organiser, details, process.catalogue, process.custom_field_names()
    )
    return attach_event(process, event)


def attach_event(process, event):
    """Make an existing event part of the process; it works on the draft version
    current now."""
    if event.process_id not in (None, process.id):
        raise DomainError(_l("This event belongs to another process."))
    event.process = process
    event.concept_draft = process.current_draft
    db.session.commit()
    current_app.logger.info("event %s attached to process %s", event.id, process.id)
    return event
