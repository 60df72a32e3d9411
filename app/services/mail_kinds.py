"""What each kind of mailing sends, and what a sent mail means for its address."""

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Event, ReportDocument
from app.services.mail_messages import (
    barrier_report_message,
    feedback_message,
    report_message,
)


class MailingMail:
    """A mail of a mailing: to an address an event keeps, through the event's
    organisation's mail server."""

    @staticmethod
    def recipient(mail):
        return mail.address

    @staticmethod
    def organisation(mail):
        return db.session.get(Event, mail.event_id).organisation


class ReportMail(MailingMail):
    """An event's report, attached or linked. Once it is sent, the address is
    kept for ADDRESS_RETENTION_DAYS more and then deleted."""

    @staticmethod
    def message(mail, address, sender):
        return report_message(mail, address, _document(mail), sender)

    @staticmethod
    def delivered(address, now):
        address.mailed(now, current_app.config["ADDRESS_RETENTION_DAYS"])


class FeedbackMail(MailingMail):
    """The link to a process's feedback page. The address keeps the keeping
    period its report gave it (or gets one when its report goes out)."""

    @staticmethod
    def message(mail, address, sender):
        return feedback_message(mail, address, sender)

    @staticmethod
    def delivered(address, now):
        """Nothing changes: the feedback is no reason to keep it longer."""


class BarrierReportMail:
    """A reported barrier, to the contact address of the organisation's
    accessibility statement as it is when the mail goes out."""

    @staticmethod
    def recipient(mail):
        from app.services.accessibility import statement_of

        report = mail.barrier_report
        return report if statement_of(report.organisation).contact_email else None

    @staticmethod
    def organisation(mail):
        return mail.barrier_report.organisation

    @staticmethod
    def message(mail, report, sender):
        return barrier_report_message(mail, report, sender)

    @staticmethod
    def delivered(report, now):
        """The report stays listed for the organisers, mailed or not."""


KINDS = {"report": ReportMail, "feedback": FeedbackMail}


def kind_of(mail):
    if mail.barrier_report_id is not None:
        return BarrierReportMail
    return KINDS[mail.mailing.kind]


def _document(mail):
    document = db.session.scalar(
        select(ReportDocument).where(
            ReportDocument.mailing_id == mail.mailing_id,
            ReportDocument.language == mail.language,
        )
    )
    if document is None:
        raise LookupError("the report of this mailing has expired")
    return document
