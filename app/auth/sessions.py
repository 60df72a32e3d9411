"""What a login keeps in the browser's session: a fresh session for each login,
and the half-way state between the password and the second factor."""

import time

from flask import session
from flask_login import login_user, logout_user

from app.ratelimit import forget_failed_logins
from app.services import accounts, secret_box, two_factor

# What outlives a login or logout: the language the person chose.
KEPT = ("locale", "_permanent")
PENDING = "login_pending"
ENROLMENT = "totp_enrolment"
PENDING_SECONDS = 600
WRONG_CODES = 5


def _fresh_session():
    kept = {key: session[key] for key in KEPT if key in session}
    session.clear()
    session.update(kept)


def start_session(organiser):
    """Log in with a fresh session: nothing from before carries over."""
    _fresh_session()
    login_user(organiser, remember=True)
    forget_failed_logins(organiser.email)


def end_session():
    _fresh_session()
    logout_user()


def begin_second_step(organiser):
    """The password was right; the code (or setting up the app) comes next. The
    session token is kept, not the id: ending all sessions ends this too."""
    _fresh_session()
    session[PENDING] = {
        "token": organiser.session_token,
        "until": time.time() + PENDING_SECONDS,
        "wrong": 0,
    }


def pending_organiser():
    """The organiser half-way through logging in, or None (none, or too late)."""
    pending = session.get(PENDING)
    if not pending or pending["until"] < time.time():
        return None
    return accounts.organiser_by_session_token(pending["token"])


def note_wrong_code():
    """Count a wrong code; True when that was the last try of this login."""
    pending = session[PENDING]
    pending["wrong"] += 1
    session.modified = True
    if pending["wrong"] >= WRONG_CODES:
        session.pop(PENDING)
        return True
    return False


def enrolment_secret():
    """The new secret being set up, kept until the first code confirms it;
    sealed, as anyone holding the cookie can read a Flask session."""
    sealed = session.get(ENROLMENT)
    secret = sealed and secret_box.open_sealed(sealed)
    if not secret:
        secret = two_factor.new_secret()
        session[ENROLMENT] = secret_box.seal(secret)
    return secret
