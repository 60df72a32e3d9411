"""The feedback mailing: the link to a process's feedback page, through the
outbox, to the addresses its events still store, each in its recipient's language.

Addresses are kept only for the report of their event and deleted a set number
of days after it went out (ADDRESS_RETENTION_DAYS); whoever's address is gone by
now cannot be told. Each feedback mailing writes once to every address still
stored: an address left at several events of the process gets one mail, in the
language it was left in last. A second feedback mailing can follow later (when
the review has moved on), but not while one is still being sent, and not from a
page that had not seen the one before (a second click)."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import DomainError, Event, MailAddress, Mailing, OutboxMail
from app.services.audit import record
from app.services.mailing import UNFINISHED, mail_language, require_mail_server


def recipients(process):
    """One stored address per person, of all the process's events: the one
    left last (its language is the latest)."""
    rows = db.session.scalars(
        select(MailAddress)
        .join(Event, MailAddress.event_id == Event.id)
        .where(Event.process_id == process.id)
        .order_by(MailAddress.id)
    ).all()
    latest = {row.address: row for row in rows}
    return sorted(latest.values(), key=lambda row: row.id)


def feedback_mailings(process):
    """The process's feedback mailings, newest first."""
    return db.session.scalars(
        select(Mailing)
        .where(Mailing.process_id == process.id, Mailing.kind == "feedback")
        .order_by(Mailing.id.desc())
    ).all()


def start_feedback_mailing(process, seen_mailing_id):
    """Queue one mail per recipient; returns how many. seen_mailing_id: the
    newest feedback mailing the organiser's page showed (0: none), so a second
    click does not send it twice."""
    require_mail_server(process.organisation)
    _require_new(process, seen_mailing_id)
    found = recipients(process)
    if not found:
        raise DomainError(_l("No e-mail address of this process is stored."))
    mailing = Mailing(process_id=process.id, kind="feedback")
    db.session.add(mailing)
    db.session.flush()
    db.session.add_all(_outbox_mail(process, mailing, row) for row in found)
    subject = f"{process.title}: {len(found)}"
    record(process.organisation, None, "mailing_started", subject)
    db.session.flush()
    current_app.logger.info(
        "process %s: %s feedback mails queued", process.id, len(found)
    )
    return len(found)


def _require_new(process, seen_mailing_id):
    mailings = feedback_mailings(process)
    if mailings and mailings[0].id != seen_mailing_id:
        raise DomainError(
            _l("A feedback mailing has just been started. Please reload the page.")
        )
    if mailings and progress(process).get(mailings[0].id, {}).get("unfinished"):
        raise DomainError(_l("The last feedback mailing is still being sent."))


def _outbox_mail(process, mailing, row):
    return OutboxMail(
        event_id=row.event_id,
        mailing_id=mailing.id,
        address_id=row.id,
        language=mail_language(process.language, row.language),
    )


def progress(process):
    """{mailing id: {state: count, "total", "unfinished"}} of the feedback
    mailings."""
    rows = db.session.execute(
        select(OutboxMail.mailing_id, OutboxMail.state, func.count(OutboxMail.id))
        .join(Mailing, OutboxMail.mailing_id == Mailing.id)
        .where(Mailing.process_id == process.id, Mailing.kind == "feedback")
        .group_by(OutboxMail.mailing_id, OutboxMail.state)
    )
    found = {}
    for mailing_id, state, count in rows:
        counts = found.setdefault(mailing_id, {"total": 0, "unfinished": 0})
        counts[state] = count
        counts["total"] += count
        counts["unfinished"] += count if state in UNFINISHED else 0
    return found


def retry_failed(process):
    """Send the failed feedback mails again (to addresses still stored)."""
    failed = db.session.scalars(
        select(OutboxMail)
        .join(Mailing, OutboxMail.mailing_id == Mailing.id)
        .where(
            Mailing.process_id == process.id,
            Mailing.kind == "feedback",
            OutboxMail.state == "failed",
            OutboxMail.address_id.is_not(None),
        )
    ).all()
    for mail in failed:
        mail.retry()
    db.session.flush()
    current_app.logger.info(
        "process %s: %s feedback mails queued again", process.id, len(failed)
    )
    return len(failed)
