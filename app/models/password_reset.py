from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow
from app.models.user import Organiser

# Who asked for the link: an administrator (it also removes the second factor,
# the way back for a lost phone) or the account holder by mail (it does not).
RESET_KINDS = ("admin", "mail")


class PasswordReset(db.Model):
    """A one-time link to set a new password. Only the SHA-256 of its token is
    kept, so a copy of the database opens no account."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int] = mapped_column(
        ForeignKey("organiser.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]

    organiser: Mapped[Organiser] = relationship()

    @property
    def clears_second_factor(self):
        return self.kind == "admin"
