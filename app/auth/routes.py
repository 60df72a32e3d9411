from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import bp
from app.auth.enrolment import confirm_enrolment, enrolment_page
from app.auth.forms import CodeForm, LoginForm, SetupForm
from app.auth.sessions import (
    begin_second_step,
    end_session,
    enrolment_secret,
    note_wrong_code,
    pending_organiser,
    start_session,
)
from app.authorise import public_route
from app.models import DomainError
from app.network import from_this_machine
from app.ratelimit import limit_logins, note_failed_login, refuse_locked_account
from app.services import accounts, two_factor


def _may_set_up(token):
    """The first account may be created from this machine, or with the printed token."""
    if accounts.organiser_exists():
        return False
    return from_this_machine() or accounts.setup_token_matches(token)


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
        start_session(organiser)
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
        try:
            return _after_password(_password_step(form.email.data, form.password.data))
        except DomainError as refusal:
            flash(refusal.message, "error")
            return render_template("auth/login.html", form=form), refusal.status
    return render_template("auth/login.html", form=form)


def _password_step(email, password):
    """The organiser whose password this is; a wrong one counts against the
    address typed, whether an account has it or not."""
    refuse_locked_account(email)
    organiser = accounts.authenticate(email, password)
    if organiser is None:
        note_failed_login(email)
        raise DomainError(_("E-mail address or password is wrong."), status=200)
    return organiser


def _after_password(organiser):
    if organiser.has_two_factor or accounts.two_factor_demanded(organiser):
        begin_second_step(organiser)
        return redirect(url_for("auth.login_code"))
    start_session(organiser)
    return redirect(url_for("organiser.index"))


@bp.route("/login/code", methods=["GET", "POST"])
@public_route("public")
def login_code():
    organiser = _pending_or_none()
    if organiser is None:
        return redirect(url_for("auth.login"))
    if not organiser.has_two_factor:
        return redirect(url_for("auth.login_enrol"))
    form = CodeForm()
    if form.validate_on_submit():
        refuse_locked_account(organiser.email)
        if two_factor.check_code(organiser, form.code.data):
            start_session(organiser)
            return redirect(url_for("organiser.index"))
        return _wrong_code(organiser, form)
    return render_template("auth/code.html", form=form)


def _pending_or_none():
    organiser = pending_organiser()
    if organiser is None and request.method == "POST":
        flash(_("Please log in again: the time for this step is over."), "error")
    return organiser


def _wrong_code(organiser, form):
    note_failed_login(organiser.email)
    if note_wrong_code():
        flash(_("That was the wrong code too often. Please log in again."), "error")
        return redirect(url_for("auth.login"))
    flash(two_factor.wrong_code_message(), "error")
    return render_template("auth/code.html", form=form), 400


@bp.route("/login/enrol", methods=["GET", "POST"])
@public_route("public")
def login_enrol():
    """Setting up the app before getting in, when two-factor sign-in is required."""
    organiser = _pending_or_none()
    if organiser is None or organiser.has_two_factor:
        return redirect(url_for("auth.login"))
    secret, form = enrolment_secret(), CodeForm()
    if form.validate_on_submit():
        done = _("Two-factor sign-in is on. Welcome!")
        return confirm_enrolment(
            organiser, secret, form, done, url_for("organiser.index")
        )
    return enrolment_page(organiser, secret, form)


@bp.route("/logout", methods=["POST"])
@public_route("public")
def logout():
    if current_user.is_authenticated:
        accounts.sign_out_everywhere(current_user._get_current_object())
    end_session()
    flash(_("You are logged out."))
    return redirect(url_for("auth.login"))
