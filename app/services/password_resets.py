"""One-time links to set a new password: handed out by an administrator, or
mailed to the account holder who forgot it."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from app.extensions import db, socketio
from app.models import DomainError, Organiser, PasswordReset
from app.models.base import utcnow
from app.network import mail_base_url
from app.services import mail_settings, smtp
from app.services.mail_messages import password_reset_message
from app.services.passwords import password_problem
from app.unit_of_work import after_commit


def _hashed(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue(organiser, kind):
    """A new link's token (kind: admin or mail); the account's earlier links and
    everyone's expired ones are deleted. Only the token's hash is stored."""
    now = utcnow()
    forget_links(organiser)
    db.session.execute(delete(PasswordReset).where(PasswordReset.expires_at <= now))
    token = secrets.token_urlsafe(32)
    hours = current_app.config["PASSWORD_RESET_HOURS"]
    db.session.add(
        PasswordReset(
            organiser=organiser,
            token_hash=_hashed(token),
            kind=kind,
            expires_at=now + timedelta(hours=hours),
        )
    )
    db.session.flush()
    current_app.logger.info("reset link (%s) for organiser %s", kind, organiser.id)
    return token


def forget_links(organiser):
    db.session.execute(
        delete(PasswordReset).where(PasswordReset.organiser_id == organiser.id)
    )


def find(token):
    """The link's reset if it is still valid, else a refusal that says so."""
    reset = db.session.scalar(
        select(PasswordReset).where(PasswordReset.token_hash == _hashed(token))
    )
    if reset is None or reset.expires_at <= utcnow():
        message = _l(
            "This link to set a new password is not valid: it has expired or was "
            "already used. Please ask for a new one."
        )
        raise DomainError(message, status=404)
    return reset


def set_new_password(reset, password):
    """Use the link: the new password, every session ended, the link gone (and,
    from an administrator, the second factor removed)."""
    organiser = reset.organiser
    problem = password_problem(password, organiser)
    if problem is not None:
        raise DomainError(problem, status=400)
    organiser.set_password(password)
    organiser.end_sessions()
    if reset.clears_second_factor:
        organiser.remove_second_factor()
    forget_links(organiser)
    db.session.flush()
    current_app.logger.info(
        "organiser %s set a new password with a reset link (%s)",
        organiser.id,
        reset.kind,
    )


def mail_available():
    return mail_settings.any_set_up()


def mail_reset_link(email, language):
    """Mail a link to the account with this address, if there is one. The mail
    goes out in the background, so the answer takes as long either way."""
    organiser = db.session.scalar(
        select(Organiser).where(Organiser.email == email.strip().lower())
    )
    server = mail_settings.for_account(organiser) if organiser else None
    if server is None:
        return
    token = issue(organiser, "mail")
    link = mail_base_url() + url_for("auth.reset_password", token=token)
    hours = current_app.config["PASSWORD_RESET_HOURS"]
    message = password_reset_message(
        organiser, language, server.from_address, link, hours
    )
    app = current_app._get_current_object()
    after_commit(
        socketio.start_background_task, _send, app, message, server, organiser.id
    )


def _send(app, message, server, organiser_id):
    with app.app_context():
        try:
            smtp.send(message, server)
        except (smtp.TemporaryFailure, smtp.PermanentFailure) as failure:
            app.logger.warning(
                "reset mail to organiser %s failed: %s", organiser_id, failure
            )
            return
        app.logger.info("reset mail to organiser %s sent", organiser_id)
