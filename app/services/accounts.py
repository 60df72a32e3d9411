"""Organiser accounts: creating them, passwords, sessions, the second factor's
demand and the reset links an administrator hands out."""

import secrets
from functools import cache
from pathlib import Path

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models import DomainError, Organiser
from app.network import public_url
from app.services import organisations, password_resets
from app.services.audit import record
from app.services.organisations import FIRST_ORGANISATION
from app.services.passwords import password_problem


def organiser_exists():
    return db.session.scalar(select(func.count(Organiser.id))) > 0


def create_organiser(email, name, password):
    """Create an organiser account; e-mail addresses are unique, compared lower-case.

    The installation's first account administers it and a first organisation;
    later accounts join organisations by invitation."""
    email = email.strip().lower()
    if db.session.scalar(select(Organiser).where(Organiser.email == email)):
        raise DomainError(_l("An account with this e-mail address already exists."))
    _refuse_weak(password)
    first = not organiser_exists()
    organiser = Organiser(email=email, name=name.strip(), is_site_admin=first)
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.flush()
    if first:
        organisations.create_organisation(FIRST_ORGANISATION, admin=organiser)
    db.session.flush()
    current_app.logger.info("organiser %s created", organiser.id)
    return organiser


def account_by_email(email):
    return db.session.scalar(
        select(Organiser).where(Organiser.email == email.strip().lower())
    )


def _refuse_weak(password, organiser=None):
    problem = password_problem(password, organiser)
    if problem is not None:
        raise DomainError(problem, status=400)


def organiser_by_session_token(token):
    """The user loader: sessions and remember-me cookies carry the session token."""
    if not token:
        return None
    return db.session.scalar(select(Organiser).where(Organiser.session_token == token))


def authenticate(email, password):
    """The organiser with this address and password, else None. An unknown address
    costs as much time as a wrong password, so timing tells nothing either."""
    organiser = db.session.scalar(
        select(Organiser).where(Organiser.email == email.strip().lower())
    )
    if organiser is None:
        check_password_hash(_stand_in_hash(), password)
        return None
    return organiser if organiser.check_password(password) else None


@cache
def _stand_in_hash():
    return generate_password_hash(secrets.token_hex(16))


def change_password(organiser, password):
    """Set a new password: every session and remember-me cookie of the account
    ends, and reset links not yet used stop working."""
    _refuse_weak(password, organiser)
    organiser.set_password(password)
    organiser.end_sessions()
    password_resets.forget_links(organiser)
    db.session.flush()
    current_app.logger.info("organiser %s changed the password", organiser.id)


def sign_out_everywhere(organiser, by=None):
    """End every session and remember-me cookie of the account at once (logging
    out does this too; an administrator can do it for a lost device)."""
    organiser.end_sessions()
    _record_for_account(organiser, by, "signed_out_everywhere")
    db.session.flush()
    current_app.logger.info("organiser %s signed out everywhere", organiser.id)


def issue_reset_link(organiser, by=None):
    """A one-time link (valid PASSWORD_RESET_HOURS) for an administrator to hand
    to the account holder. Setting a password with it also removes the second
    factor: the way back in for someone who lost the phone with the app.
    An earlier link of the account stops working."""
    _record_for_account(organiser, by, "password_reset_issued")
    token = password_resets.issue(organiser, "admin")  # commits the record too
    return public_url(url_for("auth.reset_password", token=token))


def _record_for_account(organiser, by, action):
    """An administrator's act on an account, in each of its organisations' logs."""
    if by is None:
        return
    for membership in organiser.memberships:
        subject = f"{organiser.name} <{organiser.email}>"
        record(membership.organisation, by, action, subject)


def two_factor_demanded(organiser):
    """Whether the organiser must sign in with a second factor: an organisation
    of theirs requires it. When True and the account has none, the login leads
    to setting one up before letting them in."""
    return any(m.organisation.require_two_factor for m in organiser.memberships)


def setup_token():
    """The token that allows creating the first account from another machine.

    Kept in instance/ so the terminal that started the server can print it.
    """
    path = Path(current_app.config["SETUP_TOKEN_FILE"])
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(16))
        path.chmod(0o600)
    return path.read_text().strip()


def setup_token_matches(candidate):
    return bool(candidate) and secrets.compare_digest(candidate, setup_token())
