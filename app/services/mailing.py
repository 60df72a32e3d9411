"""Mailing the report: queue one mail per recipient in the outbox; the outbox
worker (app/services/outbox.py) sends them. A process's feedback mailing
(services/feedback_mailing.py) shares the outbox; the mailing page of an event
counts and lists its report mails only."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.live import broadcast
from app.models import DomainError, MailAddress, Mailing, OutboxMail, ReportDocument
from app.models.base import utcnow
from app.services import mail_settings
from app.services.audit import record_for_event
from app.services.report import build_report, report_languages

STATES = ("queued", "sending", "sent", "failed", "cancelled")
UNFINISHED = ("queued", "sending")


def _report_mails():
    reports = select(Mailing.id).where(Mailing.kind == "report")
    return OutboxMail.mailing_id.in_(reports)


def waiting_addresses(event):
    """Addresses of the event with no report sent, queued or failed yet."""
    busy = select(OutboxMail.address_id).where(
        OutboxMail.event_id == event.id,
        OutboxMail.state != "cancelled",
        OutboxMail.address_id.is_not(None),
        _report_mails(),
    )
    return db.session.scalars(
        select(MailAddress)
        .where(
            MailAddress.event_id == event.id,
            MailAddress.status == "waiting",
            MailAddress.id.not_in(busy),
        )
        .order_by(MailAddress.id)
    ).all()


def start_mailing(event):
    """Build the report in each recipient's language and queue one mail each;
    returns how many were queued."""
    require_mail_server(event.organisation)
    recipients = waiting_addresses(event)
    if not recipients:
        raise DomainError(_l("Every address has been sent the report already."))
    mailing = Mailing(event_id=event.id)
    db.session.add(mailing)
    db.session.flush()
    for language in {_language(event, r.language) for r in recipients}:
        db.session.add(_document(event, mailing, language))
    for recipient in recipients:
        db.session.add(_outbox_mail(event, mailing, recipient))
    subject = f"{event.title}: {len(recipients)}"
    record_for_event(event, "mailing_started", subject)
    db.session.flush()
    current_app.logger.info("event %s: %s mails queued", event.id, len(recipients))
    broadcast.mailing_changed(event.id, progress(event.id))
    return len(recipients)


def require_mail_server(organisation):
    if mail_settings.current(organisation) is None:
        raise DomainError(
            _l("No mail server is set up yet. Please enter it in the mail settings.")
        )


def _language(event, language):
    return mail_language(event.language, language)


def mail_language(fallback, language):
    """The recipient's language when mails can be written in it, else fallback."""
    return language if language in report_languages() else fallback


def _document(event, mailing, language):
    days = current_app.config["REPORT_LINK_DAYS"]
    return ReportDocument(
        event_id=event.id,
        mailing_id=mailing.id,
        language=language,
        pdf=build_report(event, language),
        expires_at=utcnow() + timedelta(days=days),
    )


def _outbox_mail(event, mailing, recipient):
    return OutboxMail(
        event_id=event.id,
        mailing_id=mailing.id,
        address_id=recipient.id,
        language=_language(event, recipient.language),
    )


def retry_mail(mail):
    mail.retry()
    db.session.flush()
    current_app.logger.info("outbox mail %s queued again", mail.id)
    broadcast.mailing_changed(mail.event_id, progress(mail.event_id), mail)


def retry_failed(event):
    failed = db.session.scalars(
        select(OutboxMail).where(
            OutboxMail.event_id == event.id,
            OutboxMail.state == "failed",
            OutboxMail.address_id.is_not(None),
            _report_mails(),
        )
    ).all()
    for mail in failed:
        mail.retry()
    db.session.flush()
    current_app.logger.info("event %s: %s mails queued again", event.id, len(failed))
    broadcast.mailing_changed(event.id, progress(event.id))
    return len(failed)


def progress(event_id):
    """{state: count, total, done, percent} over the event's mails."""
    rows = db.session.execute(
        select(OutboxMail.state, func.count(OutboxMail.id))
        .where(OutboxMail.event_id == event_id, _report_mails())
        .group_by(OutboxMail.state)
    )
    counts = dict.fromkeys(STATES, 0) | dict(rows.all())
    total = sum(counts.values())
    done = counts["sent"] + counts["cancelled"] + counts["failed"]
    percent = round(100 * done / total) if total else 0
    return counts | {"total": total, "done": done, "percent": percent}


def outbox_rows(event_id):
    return db.session.scalars(
        select(OutboxMail)
        .where(OutboxMail.event_id == event_id, _report_mails())
        .order_by(OutboxMail.id.desc())
    ).all()
