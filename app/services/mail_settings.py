"""The mail server an organisation's mails go out through.

The environment wins: when MAIL_SERVER is set, the MAIL_* variables are used as
they are and the settings page only shows them. Otherwise the settings an
organisation's admin entered in the app are used; they are read for every mail,
so a change applies at once, without a restart."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import DomainError, MailSettings
from app.models.base import utcnow
from app.services import secret_box, smtp
from app.services.audit import record
from app.services.mail_messages import test_message

FIELDS = ("server", "port", "security", "username", "sender")


def current(organisation):
    """The smtp.MailServer to send the organisation's mails through now, or None
    when none is set up. organisation None: the environment's only."""
    config = current_app.config
    if config["MAIL_SERVER"]:
        return _from_environment(config)
    settings = stored(organisation) if organisation else None
    return _from_settings(settings, config["MAIL_TIMEOUT"]) if settings else None


def for_account(organiser):
    """The server for a mail to an account (a password reset): the
    environment's, else that of the first of its organisations that has one."""
    memberships = sorted(organiser.memberships, key=lambda m: m.organisation_id)
    servers = (current(m.organisation) for m in memberships)
    return next((server for server in servers if server), current(None))


def any_set_up():
    """Whether mails can go out for some account at all."""
    if current_app.config["MAIL_SERVER"]:
        return True
    return db.session.scalar(select(MailSettings.id).limit(1)) is not None


def stored(organisation):
    query = select(MailSettings).where(MailSettings.organisation_id == organisation.id)
    return db.session.scalar(query)


def _from_environment(config):
    security = "ssl" if config["MAIL_USE_SSL"] else "none"
    if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
        security = "starttls"
    return smtp.MailServer(
        host=config["MAIL_SERVER"],
        port=config["MAIL_PORT"],
        security=security,
        username=config["MAIL_USERNAME"],
        password=config["MAIL_PASSWORD"],
        sender=config["MAIL_SENDER"],
        timeout=config["MAIL_TIMEOUT"],
        source="environment",
    )


def _from_settings(settings, timeout):
    token = settings.password_token
    password = (secret_box.open_sealed(token) if token else None) or ""
    return smtp.MailServer(
        host=settings.server,
        port=settings.port,
        security=settings.security,
        username=settings.username,
        password=password,
        sender=settings.sender,
        timeout=timeout,
    )


def password_lost(settings):
    """True when a stored password no longer opens (SECRET_KEY was changed)."""
    token = settings.password_token if settings else None
    return token is not None and secret_box.open_sealed(token) is None


def save(organisation, organiser, values):
    """Store the settings from the form. values: server, port, security, username,
    sender, password (empty: keep the stored one) and forget_password."""
    if current_app.config["MAIL_SERVER"]:
        raise DomainError(
            _l("This installation takes its mail server from MAIL_SERVER."), 409
        )
    settings = stored(organisation) or MailSettings(organisation_id=organisation.id)
    changed = [name for name in FIELDS if getattr(settings, name) != values[name]]
    for name in FIELDS:
        setattr(settings, name, values[name])
    changed += _set_password(settings, values["password"], values["forget_password"])
    settings.updated_at, settings.updated_by = utcnow(), organiser
    db.session.add(settings)
    record(organisation, organiser, "mail_settings_changed", settings.server)
    db.session.flush()
    current_app.logger.info(
        "mail settings changed by organiser %s <%s>: %s (server %s:%s)",
        organiser.id,
        organiser.email,
        ", ".join(changed) or "nothing",
        settings.server,
        settings.port,
    )
    return settings


def _set_password(settings, password, forget):
    if password:
        settings.password_token = secret_box.seal(password)
        return ["password"]
    if forget and settings.password_token is not None:
        settings.password_token = None
        return ["password removed"]
    return []


def send_test_mail(organisation, address, language):
    """Send a test mail through the organisation's server at once; a failure
    says what went wrong in the user's language."""
    server = current(organisation)
    if server is None:
        raise DomainError(_l("No mail server is set up yet."), 409)
    try:
        smtp.send(test_message(address, language, server.from_address), server)
    except (smtp.TemporaryFailure, smtp.PermanentFailure) as failure:
        raise DomainError(smtp.explain(failure, server), 502) from failure
    current_app.logger.info("test mail sent through %s:%s", server.host, server.port)
