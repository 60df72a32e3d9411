"""Invitations: a one-time link that makes whoever opens it a member of an
organisation in the role chosen; mailed when a mail server is set up."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import DomainError, Invitation
from app.models.base import utcnow
from app.network import public_url
from app.services import mail_settings, organisations, smtp
from app.services.audit import record
from app.services.mail_messages import invitation_message

VALID_FOR = timedelta(days=14)


def invite(organisation, role, email, by):
    """A new invitation; returns (invitation, link). Only the token's hash is
    kept, so the link can be shown once and mailed, never read back."""
    organisations.check_role(role)
    token = secrets.token_urlsafe(24)
    invitation = Invitation(
        organisation=organisation,
        role=role,
        email=(email or "").strip().lower(),
        token_hash=_hash(token),
        invited_by=by,
        expires_at=utcnow() + VALID_FOR,
    )
    db.session.add(invitation)
    record(organisation, by, "member_invited", f"{invitation.email or '—'}: {role}")
    db.session.flush()
    return invitation, public_url(url_for("organisations.invitation", token=token))


def mail_invitation(invitation, link, language):
    """Send the link to the invited address now; False when no mail server is
    set up or there is no address. A failure says what went wrong."""
    server = mail_settings.current(invitation.organisation)
    if server is None or not invitation.email:
        return False
    message = invitation_message(invitation, link, language, server.from_address)
    try:
        smtp.send(message, server)
    except (smtp.TemporaryFailure, smtp.PermanentFailure) as failure:
        raise DomainError(smtp.explain(failure, server), 502) from failure
    current_app.logger.info("invitation %s mailed", invitation.id)
    return True


def pending_invitation(token):
    """The invitation this link opens, if it can still be accepted."""
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == _hash(token))
    )
    if invitation is None or not invitation.is_pending:
        raise DomainError(_l("This invitation link is not valid any more."), 404)
    if invitation.expires_at < utcnow():
        raise DomainError(_l("This invitation link has expired."), 410)
    return invitation


def accept(invitation, user):
    """The account becomes a member in the invited role (a member already gets
    the invited role instead of the one it had)."""
    invitation.accepted_at = utcnow()  # committed with the membership
    organisations.add_member(invitation.organisation, user, invitation.role, by=user)


def withdraw(invitation, by):
    if invitation.is_pending:
        invitation.withdrawn_at = utcnow()
        record(invitation.organisation, by, "invitation_withdrawn", invitation.email)
        db.session.flush()


def pending_of(organisation):
    query = (
        select(Invitation)
        .where(
            Invitation.organisation_id == organisation.id,
            Invitation.accepted_at.is_(None),
            Invitation.withdrawn_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .order_by(Invitation.created_at.desc())
    )
    return db.session.scalars(query).all()


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()
