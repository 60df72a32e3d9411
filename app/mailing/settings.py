"""The mail server settings page: an organisation's admin enters the SMTP server
in the app and sends a test mail, instead of setting environment variables and
restarting."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.authorise import authorised, organisation_route
from app.mailing import bp
from app.mailing.forms import MailSettingsForm, TestMailForm
from app.models import DomainError, Event
from app.ratelimit import limit_test_mails
from app.services import mail_settings

PREFIX = "/organisations/<int:organisation_id>/mail"


@bp.route(PREFIX, methods=["GET", "POST"])
@organisation_route("admin")
def settings(organisation):
    stored = mail_settings.stored(organisation)
    form = MailSettingsForm(obj=stored)
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        test_form = TestMailForm(address=current_user.email)
        return _page(organisation, form, test_form, stored, status)
    saved = mail_settings.save(organisation, current_user, form.values())
    flash(_("Saved. Mails now go out through %(server)s.", server=saved.server))
    return redirect(_here(organisation))


@bp.route(PREFIX + "/test", methods=["POST"])
@organisation_route("admin")
def send_test_mail(organisation):
    form = TestMailForm()
    try:
        limit_test_mails(current_user.id)
        if not form.validate_on_submit():
            raise DomainError(_("Please enter a valid e-mail address."))
        language = str(get_locale())
        mail_settings.send_test_mail(organisation, form.address.data, language)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_here(organisation))
    flash(_("The test mail was sent. Please check the inbox."))
    return redirect(_here(organisation))


def _page(organisation, form, test_form, stored, status):
    page = render_template(
        "mailing/settings.html",
        organisation=organisation,
        form=form,
        test_form=test_form,
        stored=stored,
        current=mail_settings.current(organisation),
        password_lost=mail_settings.password_lost(stored),
        event=_event(),
    )
    return page, status


def _event():
    """The event whose mailing page led here, for the way back."""
    event_id = request.args.get("event", type=int)
    return authorised(Event, event_id, "view") if event_id else None


def _here(organisation):
    event_id = request.args.get("event", type=int)
    return url_for("mailing.settings", organisation_id=organisation.id, event=event_id)
