"""Setting a new password with a one-time link, and asking for one by mail."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.auth import bp
from app.auth.forms import ForgotPasswordForm, NewPasswordForm
from app.authorise import public_route
from app.ratelimit import limit_reset_requests, reset_mail_allowed
from app.services import password_resets


@bp.route("/forgot", methods=["GET", "POST"])
@public_route("public")
def forgot_password():
    available = password_resets.mail_available()
    form = ForgotPasswordForm()
    if available and form.validate_on_submit():
        limit_reset_requests(request.remote_addr)
        email = form.email.data
        if reset_mail_allowed(email):
            password_resets.mail_reset_link(email, str(get_locale()))
        flash(
            _(
                "If an account has this address, a link to set a new password is "
                "on its way to it. Please check the inbox (and the spam folder)."
            )
        )
        return redirect(url_for("auth.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("auth/forgot.html", form=form, available=available), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public_route("public")
def reset_password(token):
    reset = password_resets.find(token)
    form = NewPasswordForm(account=reset.organiser)
    if form.validate_on_submit():
        password_resets.set_new_password(reset, form.password.data)
        flash(_("Your new password is saved. Please log in with it."))
        return redirect(url_for("auth.login"))
    status = 400 if form.is_submitted() else 200
    page = render_template("auth/reset.html", form=form, reset=reset)
    # The token is in this page's address: no other site learns it as referrer.
    return page, status, {"Referrer-Policy": "no-referrer"}
