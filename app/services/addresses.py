"""E-mail addresses that asked for the report: stored apart from contributions."""

import re

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import DomainError, Event, MailAddress, OutboxMail, Participant
from app.models.base import utcnow
from app.ratelimit import enforce
from app.services.audit import record_for_event

MAX_PASTED = 2000


def normalise(text):
    """The address in a comparable form, or None when it is not one."""
    try:
        valid = validate_email(text.strip(), check_deliverability=False)
    except (EmailNotValidError, UnicodeError):
        return None
    return valid.normalized.lower()


def leave_address(event, text, language, consent, client_key, people=1):
    """A participant asks for the report. Nothing links the address to them.
    people: how many people share the device (a table tablet): each gets the
    rate limit of a phone."""
    enforce(
        ("email", client_key),
        current_app.config["EMAIL_RATE_LIMIT"] * people,
        3600,
        _l("Too many addresses from this phone. Please try again later."),
    )
    address = normalise(text or "")
    if address is None:
        raise DomainError(_l("Please enter a valid e-mail address."), status=400)
    if not consent:
        message = _l("Please confirm that we may send you the results.")
        raise DomainError(message, status=400)
    _store(event, address, language, "participant")
    db.session.flush()
    current_app.logger.info("event %s: a participant left an address", event.id)


def add_addresses(event, pasted, language):
    """Addresses pasted by the organiser. Returns (added, already there, invalid)."""
    entries = [e for e in re.split(r"[\s,;]+", pasted or "") if e][:MAX_PASTED]
    added, known, invalid = [], [], []
    for entry in entries:
        address = normalise(entry.strip("<>\"'()"))
        if address is None:
            invalid.append(entry)
        elif _store(event, address, language, "organiser"):
            added.append(address)
        else:
            known.append(address)
    db.session.flush()
    current_app.logger.info("event %s: %s addresses added", event.id, len(added))
    return added, known, invalid


def _store(event, address, language, source):
    """Add the address unless the event has it; the later language wins."""
    found = db.session.scalar(
        select(MailAddress).where(
            MailAddress.event_id == event.id, MailAddress.address == address
        )
    )
    if found is not None:
        found.language = language
        return False
    db.session.add(
        MailAddress(
            event_id=event.id, address=address, language=language, source=source
        )
    )
    db.session.flush()
    return True


def delete_address(address):
    _forget([address.id])
    event = db.session.get(Event, address.event_id)
    record_for_event(event, "personal_data_deleted", f"{event.title}: 1")
    db.session.flush()
    current_app.logger.info(
        "event %s: address %s deleted", address.event_id, address.id
    )


def forget_by_token(token):
    """The recipient's own deletion link; False when the address is gone already."""
    address = db.session.scalar(select(MailAddress).where(MailAddress.token == token))
    if address is None:
        return False
    delete_address(address)
    return True


def delete_expired(now=None):
    """Delete the addresses whose keeping period after the mailing has passed."""
    ids = db.session.scalars(
        select(MailAddress.id).where(MailAddress.delete_after <= (now or utcnow()))
    ).all()
    if ids:
        _forget(ids)
        db.session.flush()
        current_app.logger.info("%s addresses deleted after the mailing", len(ids))
    return len(ids)


def delete_personal_data(event):
    """Every address of the event and the participants' first names."""
    ids = db.session.scalars(
        select(MailAddress.id).where(MailAddress.event_id == event.id)
    ).all()
    _forget(ids)
    db.session.execute(
        update(Participant)
        .where(Participant.event_id == event.id)
        .values(first_name="")
    )
    record_for_event(event, "personal_data_deleted", f"{event.title}: {len(ids)}")
    db.session.flush()
    current_app.logger.info("event %s: personal data deleted", event.id)


def _forget(ids):
    """Unsent mails to these addresses are cancelled; sent ones keep their status."""
    for mail in db.session.scalars(
        select(OutboxMail).where(OutboxMail.address_id.in_(ids))
    ):
        mail.cancel()
    db.session.flush()
    db.session.execute(delete(MailAddress).where(MailAddress.id.in_(ids)))
