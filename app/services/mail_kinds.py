"""What each kind of mailing sends, and what a sent mail means for its address."""

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import ReportDocument
from app.services.mail_messages import feedback_message, report_message


class ReportMail:
    """An event's report, attached or linked. Once it is sent, the address is
    kept for ADDRESS_RETENTION_DAYS more and then deleted."""

    @staticmethod
    def message(mail, address, sender):
        return report_message(mail, address, _document(mail), sender)

    @staticmethod
    def delivered(address, now):
        address.mailed(now, current_app.config["ADDRESS_RETENTION_DAYS"])


class FeedbackMail:
    """The link to a process's feedback page. The address keeps the keeping
    period its report gave it (or gets one when its report goes out)."""

    @staticmethod
    def message(mail, address, sender):
        return feedback_message(mail, address, sender)

    @staticmethod
    def delivered(address, now):
        """Nothing changes: the feedback is no reason to keep it longer."""


KINDS = {"report": ReportMail, "feedback": FeedbackMail}


def kind_of(mail):
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
