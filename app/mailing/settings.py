"""The mail server settings page: an organiser enters the SMTP server in the app
and sends a test mail, instead of setting environment variables and restarting."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.access import (
    get_event_for_moderator,
    organiser_required,
    require_mail_settings_access,
)
from app.mailing import bp
from app.mailing.forms import MailSettingsForm, TestMailForm
from app.models import DomainError
from app.ratelimit import limit_test_mails
from app.services import mail_settings


@bp.route("/settings/mail", methods=["GET", "POST"])
@organiser_required
def settings():
    organiser = require_mail_settings_access()
    stored = mail_settings.stored()
    form = MailSettingsForm(obj=stored)
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return _page(form, TestMailForm(address=organiser.email), stored, status)
    saved = mail_settings.save(organiser, form.values())
    flash(_("Saved. Mails now go out through %(server)s.", server=saved.server))
    return redirect(_here())


@bp.route("/settings/mail/test", methods=["POST"])
@organiser_required
def send_test_mail():
    organiser = require_mail_settings_access()
    form = TestMailForm()
    try:
        limit_test_mails(organiser.id)
        if not form.validate_on_submit():
            raise DomainError(_("Please enter a valid e-mail address."))
        mail_settings.send_test_mail(form.address.data, str(get_locale()))
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_here())
    flash(_("The test mail was sent. Please check the inbox."))
    return redirect(_here())


def _page(form, test_form, stored, status):
    page = render_template(
        "mailing/settings.html",
        form=form,
        test_form=test_form,
        stored=stored,
        current=mail_settings.current(),
        password_lost=mail_settings.password_lost(stored),
        event=_event(),
    )
    return page, status


def _event():
    """The event whose mailing page led here, for the way back."""
    event_id = request.args.get("event", type=int)
    return get_event_for_moderator(event_id) if event_id else None


def _here():
    event_id = request.args.get("event", type=int)
    return url_for("mailing.settings", event=event_id)
