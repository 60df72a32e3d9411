import secrets
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import DomainError, Organiser
from app.services import organisations
from app.services.organisations import FIRST_ORGANISATION


def organiser_exists():
    return db.session.scalar(select(func.count(Organiser.id))) > 0


def create_organiser(email, name, password):
    """Create an organiser account; e-mail addresses are unique, compared lower-case.

    The installation's first account administers it and a first organisation;
    later accounts join organisations by invitation."""
    email = email.strip().lower()
    if db.session.scalar(select(Organiser).where(Organiser.email == email)):
        raise DomainError(_l("An account with this e-mail address already exists."))
    first = not organiser_exists()
    organiser = Organiser(email=email, name=name.strip(), is_site_admin=first)
    organiser.set_password(password)
    db.session.add(organiser)
    db.session.flush()
    if first:
        organisations.create_organisation(FIRST_ORGANISATION, admin=organiser)
    db.session.commit()
    current_app.logger.info("organiser %s created", organiser.id)
    return organiser


def account_by_email(email):
    return db.session.scalar(
        select(Organiser).where(Organiser.email == email.strip().lower())
    )


def authenticate(email, password):
    organiser = db.session.scalar(
        select(Organiser).where(Organiser.email == email.strip().lower())
    )
    if organiser and organiser.check_password(password):
        return organiser
    return None


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
