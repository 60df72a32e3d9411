from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import new_token, utcnow

# What each role may do, widest first; capabilities are checked in app/access.py.
ROLES = ("admin", "organiser", "moderator", "reviewer")
ROLE_LABELS = {
    "admin": _l("Administrator"),
    "organiser": _l("Organiser"),
    "moderator": _l("Moderator"),
    "reviewer": _l("Reviewer"),
}

# Moderators run the events they are assigned to; reviewers review processes.
event_moderators = Table(
    "event_moderator",
    db.metadata,
    Column("event_id", ForeignKey("event.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "organiser_id", ForeignKey("organiser.id", ondelete="CASCADE"), primary_key=True
    ),
)
process_reviewers = Table(
    "process_reviewer",
    db.metadata,
    Column(
        "process_id", ForeignKey("process.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "organiser_id", ForeignKey("organiser.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Organisation(db.Model):
    """A county, a town or an association: its events, processes and members
    are seen by nobody outside it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Members must sign in with a second factor (an authenticator app).
    require_two_factor: Mapped[bool] = mapped_column(
        default=False, server_default=false()
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Names the organisation in its public accessibility statement's link, so
    # its pages cannot be listed by counting ids.
    public_token: Mapped[str] = mapped_column(
        String(32), unique=True, default=lambda: new_token(16)
    )

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )


class Membership(db.Model):
    """An account's role in one organisation."""

    __table_args__ = (UniqueConstraint("organisation_id", "organiser_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    organiser_id: Mapped[int] = mapped_column(
        ForeignKey("organiser.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="memberships")
    member = relationship("Organiser", back_populates="memberships")

    @property
    def role_label(self):
        return ROLE_LABELS[self.role]


class Invitation(db.Model):
    """A one-time link that makes whoever opens it a member; only a hash of
    its token is kept."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organiser.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    invited_by = relationship("Organiser")

    @property
    def is_pending(self):
        return self.accepted_at is None and self.withdrawn_at is None

    @property
    def role_label(self):
        return ROLE_LABELS[self.role]


class AuditEntry(db.Model):
    """Who did what in an organisation; never changed once written. The
    actor's name is kept as it was, so the entry survives the account."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("organiser.id", ondelete="SET NULL")
    )
    actor_name: Mapped[str] = mapped_column(String(120), default="")
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
