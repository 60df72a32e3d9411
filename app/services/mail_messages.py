"""The mails themselves, each in its recipient's language."""

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime as rfc_date
from email.utils import make_msgid

from flask import current_app, render_template, url_for
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from app.network import public_url
from app.services.accessibility import statement_of


def report_message(mail, address, document, sender):
    """The report mail from sender: the PDF attached, or a link when it is too
    large."""
    event = document.event
    attach = document.size <= current_app.config["MAIL_ATTACHMENT_MAX_BYTES"]
    with force_locale(mail.language):
        subject = _("Results: %(title)s", title=event.title)
        body = _report_body(event, document, address, attach)
        key = f"tischrunde-{mail.mailing_id}-{mail.id}"
        message = _message(sender, address.address, subject, body, key)
    if attach:
        message.add_attachment(
            document.pdf, "application", "pdf", filename=_filename(event, mail)
        )
    return message


def _report_body(event, document, address, attach):
    return render_template(
        "mail/report.txt",
        event=event,
        date=format_date(event.starts_at, "long"),
        attached=attach,
        link=public_url(url_for("mailing.download", token=document.token)),
        expires=format_date(document.expires_at, "long"),
        forget=public_url(url_for("mailing.forget", token=address.token)),
        keep_days=current_app.config["ADDRESS_RETENTION_DAYS"],
    )


def feedback_message(mail, address, sender):
    """The link to the process's feedback page, which opens in the mail's
    language."""
    process = mail.mailing.process
    page = url_for("feedback.page", token=process.feedback_token, lang=mail.language)
    with force_locale(mail.language):
        subject = _("What became of the ideas: %(title)s", title=process.title)
        body = render_template(
            "mail/feedback.txt",
            process=process,
            link=public_url(page),
            deleted_on=address.delete_after and format_date(address.delete_after),
            forget=public_url(url_for("mailing.forget", token=address.token)),
        )
        key = f"tischrunde-feedback-{mail.mailing_id}-{mail.id}"
        return _message(sender, address.address, subject, body, key)


def _filename(event, mail):
    return f"report-{event.id}-{mail.language}.pdf"


def test_message(address, language, sender):
    with force_locale(language):
        subject = _("Tischrunde: test mail")
        return _message(sender, address, subject, render_template("mail/test.txt"))


def password_reset_message(organiser, language, sender, link, hours):
    with force_locale(language):
        subject = _("Tischrunde: set a new password")
        body = render_template(
            "mail/password_reset.txt", organiser=organiser, link=link, hours=hours
        )
        return _message(sender, organiser.email, subject, body)


def _message(sender, to, subject, body, key=None):
    """key makes the Message-ID stable, so a mail sent twice is recognisably one."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = " ".join(subject.split())  # a title may hold a line break
    message["Date"] = rfc_date(datetime.now(UTC))
    domain = sender.rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<{key}@{domain}>" if key else make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message


def invitation_message(invitation, link, language, sender):
    with force_locale(language):
        subject = _(
            "Invitation to %(organisation)s on Tischrunde",
            organisation=invitation.organisation.name,
        )
        body = render_template("mail/invitation.txt", invitation=invitation, link=link)
        return _message(sender, invitation.email, subject, body)


def barrier_report_message(mail, report, sender):
    """A reported barrier to the organisation's feedback contact; an answer
    goes to the reporter when they left an address."""
    organisation = report.organisation
    to = statement_of(organisation).contact_email
    link = url_for("accessibility.reports", organisation_id=organisation.id)
    with force_locale(mail.language):
        subject = _(
            "Tischrunde: a barrier was reported (%(organisation)s)",
            organisation=organisation.name,
        )
        body = render_template(
            "mail/barrier_report.txt", report=report, link=public_url(link)
        )
        message = _message(sender, to, subject, body, f"tischrunde-barrier-{report.id}")
    if report.email:
        message["Reply-To"] = report.email
    return message
