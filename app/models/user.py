import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.base import utcnow


def new_session_token():
    return secrets.token_urlsafe(32)


class Organiser(UserMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What sessions and remember-me cookies carry instead of the id (get_id):
    # a new token ends all of them at once.
    session_token: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_session_token
    )
    # The authenticator app's key (base32); None: no second factor.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The time step of the last code accepted: a code works only once.
    totp_last_step: Mapped[int | None]
    # Installation administrators create organisations; nothing else.
    is_site_admin: Mapped[bool] = mapped_column(default=False, server_default=false())

    memberships = relationship(
        "Membership", back_populates="member", cascade="all, delete-orphan"
    )

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def get_id(self):
        return self.session_token

    def end_sessions(self):
        """Every session and remember-me cookie of this account stops working."""
        self.session_token = new_session_token()

    @property
    def has_two_factor(self):
        return self.totp_secret is not None

    def remove_second_factor(self):
        self.totp_secret = self.totp_last_step = None
