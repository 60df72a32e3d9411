"""The organiser's own account: name and address, password, second factor."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import bp
from app.auth.enrolment import confirm_enrolment, enrolment_page
from app.auth.forms import CodeForm, DisableTwoFactorForm, PasswordChangeForm
from app.auth.sessions import enrolment_secret, start_session
from app.authorise import member_route
from app.errors import refusal_flashed
from app.models import DomainError
from app.ratelimit import limit_password_checks
from app.services import accounts, two_factor


def _me():
    return current_user._get_current_object()


@bp.route("/account")
@member_route
def account():
    return render_template(
        "auth/account.html",
        disable_form=DisableTwoFactorForm(),
        demanded=accounts.two_factor_demanded(_me()),
    )


@bp.route("/account/password", methods=["GET", "POST"])
@member_route
def change_password():
    organiser = _me()
    form = PasswordChangeForm(account=organiser)
    if form.is_submitted():
        limit_password_checks(organiser.id)
    if form.validate_on_submit():
        accounts.change_password(organiser, form.password.data)
        start_session(organiser)
        flash(_("Your new password is saved. Other devices are logged out."))
        return redirect(url_for("auth.account"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/password.html", form=form), status


@bp.route("/account/two-factor", methods=["GET", "POST"])
@member_route
def enrol_two_factor():
    organiser = _me()
    if organiser.has_two_factor:
        return redirect(url_for("auth.account"))
    secret, form = enrolment_secret(), CodeForm()
    if form.validate_on_submit():
        limit_password_checks(organiser.id)
        done = _("Two-factor sign-in is on. Other devices are logged out.")
        return confirm_enrolment(organiser, secret, form, done, url_for("auth.account"))
    return enrolment_page(organiser, secret, form)


@bp.route("/account/two-factor/off", methods=["POST"])
@member_route
def disable_two_factor():
    organiser = _me()
    form = DisableTwoFactorForm()
    limit_password_checks(organiser.id)
    with refusal_flashed():
        if not form.validate_on_submit():
            raise DomainError(_("Please enter your password or a current code."))
        two_factor.disable(organiser, form.proof.data)
        flash(_("Two-factor sign-in is off."))
    return redirect(url_for("auth.account"))
