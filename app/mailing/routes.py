from flask import (
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from app.access import get_of_event, get_report_by_token
from app.authorise import event_route, public_route
from app.downloads import file_response
from app.extensions import db
from app.live.payloads import mail_payload
from app.mailing import bp
from app.mailing.forms import AddressListForm
from app.models import DomainError, MailAddress, OutboxMail
from app.services import addresses, mail_settings, mailing


@bp.route("/events/<int:event_id>/mailing")
@event_route("view")
def mailing_page(event):
    return _page(event, AddressListForm(language=event.language))


def _page(event, address_form, invalid=(), status=200):
    known = db.session.scalars(
        select(MailAddress)
        .where(MailAddress.event_id == event.id)
        .order_by(MailAddress.address)
    ).all()
    page = render_template(
        "mailing/mailing.html",
        event=event,
        address_form=address_form,
        invalid=invalid,
        addresses=known,
        waiting=len(mailing.waiting_addresses(event)),
        progress=mailing.progress(event.id),
        mails=mailing.outbox_rows(event.id),
        mail_server=mail_settings.current(event.organisation),
    )
    return page, status


def _back(event, message=None):
    """POST-redirect-GET to the mailing page, with what happened."""
    if message:
        flash(message)
    return redirect(url_for("mailing.mailing_page", event_id=event.id))


@bp.route("/events/<int:event_id>/mailing/addresses", methods=["POST"])
@event_route("manage")
def add_addresses(event):
    form = AddressListForm()
    if not form.validate_on_submit():
        return _page(event, form, status=400)
    added, known, invalid = addresses.add_addresses(
        event, form.addresses.data, form.language.data
    )
    flash(_added_message(len(added), len(known)))
    if not invalid:
        return _back(event)
    form.addresses.data = "\n".join(invalid)
    return _page(event, form, invalid=invalid, status=400)


def _added_message(added, known):
    message = ngettext("%(num)s address added.", "%(num)s addresses added.", added)
    if not known:
        return message
    already = ngettext(
        "%(num)s was already on the list.", "%(num)s were already on the list.", known
    )
    return f"{message} {already}"


@bp.route(
    "/events/<int:event_id>/mailing/addresses/<int:address_id>/delete", methods=["POST"]
)
@event_route("manage")
def delete_address(event, address_id):
    addresses.delete_address(get_of_event(MailAddress, event, address_id))
    return _back(event, _("The address was deleted."))


@bp.route("/events/<int:event_id>/mailing/send", methods=["POST"])
@event_route("manage")
def send(event):
    count = mailing.start_mailing(event)
    return _back(
        event,
        ngettext(
            "The report is on its way to %(num)s recipient.",
            "The report is on its way to %(num)s recipients.",
            count,
        ),
    )


@bp.route("/events/<int:event_id>/mailing/retry", methods=["POST"])
@event_route("manage")
def retry_failed(event):
    count = mailing.retry_failed(event)
    return _back(
        event,
        ngettext(
            "%(num)s mail will be sent again.",
            "%(num)s mails will be sent again.",
            count,
        ),
    )


@bp.route("/events/<int:event_id>/mailing/mails/<int:mail_id>/retry", methods=["POST"])
@event_route("manage")
def retry_mail(event, mail_id):
    mailing.retry_mail(get_of_event(OutboxMail, event, mail_id))
    return _back(event, _("The mail will be sent again."))


@bp.route("/events/<int:event_id>/mailing/status")
@event_route("view")
def status(event):
    mails = [mail_payload(mail) for mail in mailing.outbox_rows(event.id)]
    return jsonify(progress=mailing.progress(event.id), mails=mails)


@bp.route("/events/<int:event_id>/personal-data/delete", methods=["POST"])
@event_route("manage")
def delete_personal_data(event):
    addresses.delete_personal_data(event)
    return _back(
        event, _("All e-mail addresses and first names of this event were deleted.")
    )


@bp.route("/r/<token>")
@public_route("public")
def download(token):
    """The report behind the link in a mail that was too large for an attachment."""
    document = get_report_by_token(token)
    if document.is_expired():
        raise DomainError(_("This link has expired."), status=410)
    name = f"report-{document.event_id}-{document.language}.pdf"
    return file_response(document.pdf, "application/pdf", name, inline=True)


@bp.route("/mail/forget/<token>", methods=["GET", "POST"])
@public_route("public")
def forget(token):
    """The recipient's own link to have the address deleted at once."""
    if request.method == "POST":
        addresses.forget_by_token(token)
        return render_template("mailing/forgotten.html")
    return render_template("mailing/forget.html", token=token)
