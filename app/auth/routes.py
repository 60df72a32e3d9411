from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth import bp
from app.auth.forms import LoginForm, SetupForm
from app.authorise import public_route
from app.network import is_loopback
from app.ratelimit import limit_logins
from app.services import accounts


def _may_set_up(token):
    """The first account may be created from this machine, or with the printed token."""
    if accounts.organiser_exists():
        return False
    return is_loopback(request.remote_addr or "") or accounts.setup_token_matches(token)


@bp.route("/setup", methods=["GET", "POST"])
@public_route("public")
def setup():
    if accounts.organiser_exists():
        return redirect(url_for("auth.login"))
    form = SetupForm(token=request.args.get("token", ""))
    if not _may_set_up(form.token.data):
        abort(403)
    if form.validate_on_submit():
        organiser = accounts.create_organiser(
            form.email.data, form.name.data, form.password.data
        )
        login_user(organiser)
        flash(_("Welcome! Your organiser account is ready."))
        return redirect(url_for("organiser.index"))
    return render_template("auth/setup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@public_route("public")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("organiser.index"))
    if not accounts.organiser_exists():
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    if form.validate_on_submit():
        limit_logins(request.remote_addr)
        organiser = accounts.authenticate(form.email.data, form.password.data)
        if organiser:
            login_user(organiser, remember=True)
            return redirect(url_for("organiser.index"))
        flash(_("E-mail address or password is wrong."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@public_route("public")
def logout():
    logout_user()
    flash(_("You are logged out."))
    return redirect(url_for("auth.login"))
