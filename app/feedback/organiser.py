"""The organiser's side of the feedback: the page's link and QR code to print,
and the feedback mailing to the addresses the process's events still store."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.authorise import process_route
from app.feedback import bp
from app.models import DomainError
from app.network import public_url
from app.services import feedback_mailing, mail_settings
from app.services.qr import qr_svg


@bp.route("/processes/<int:process_id>/feedback-link")
@process_route("view")
def feedback_link(process):
    return _page(process)


def _page(process, status=200):
    link = public_url(url_for("feedback.page", token=process.feedback_token))
    mailings = feedback_mailing.feedback_mailings(process)
    page = render_template(
        "feedback/link.html",
        process=process,
        link=link,
        qr=qr_svg(link, _("QR code of the feedback page: %(link)s", link=link)),
        recipients=len(feedback_mailing.recipients(process)),
        mailings=mailings,
        progress=feedback_mailing.progress(process),
        mail_server=mail_settings.current(process.organisation),
    )
    return page, status


@bp.route("/processes/<int:process_id>/feedback-mailing", methods=["POST"])
@process_route("manage")
def send_feedback(process):
    try:
        count = feedback_mailing.start_feedback_mailing(process, _seen_mailing())
    except DomainError as error:
        flash(error.message, "error")
        return _page(process, error.status)
    flash(
        ngettext(
            "The feedback mail is on its way to %(num)s recipient.",
            "The feedback mail is on its way to %(num)s recipients.",
            count,
        )
    )
    return redirect(url_for("feedback.feedback_link", process_id=process.id))


def _seen_mailing():
    seen = request.form.get("seen", "")
    if not seen.isdigit():
        raise DomainError(_l("The request could not be understood."), status=400)
    return int(seen)


@bp.route("/processes/<int:process_id>/feedback-mailing/retry", methods=["POST"])
@process_route("manage")
def retry_feedback(process):
    count = feedback_mailing.retry_failed(process)
    flash(
        ngettext(
            "%(num)s mail will be sent again.",
            "%(num)s mails will be sent again.",
            count,
        )
    )
    return redirect(url_for("feedback.feedback_link", process_id=process.id))
