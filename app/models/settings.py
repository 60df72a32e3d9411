from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow
from app.models.user import Organiser

# How the connection to the SMTP server is encrypted: STARTTLS (port 587), TLS
# from the start (port 465) or not at all (a relay inside a trusted network).
SECURITY = ("starttls", "ssl", "none")


class MailSettings(db.Model):
    """The SMTP server an organisation's admin entered in the app: one row per
    organisation. The password is kept only encrypted (app/services/secret_box.py)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), unique=True
    )
    server: Mapped[str] = mapped_column(String(253))
    port: Mapped[int]
    security: Mapped[str] = mapped_column(String(16))
    username: Mapped[str] = mapped_column(String(254), default="")
    password_token: Mapped[str | None] = mapped_column(Text)
    sender: Mapped[str] = mapped_column(String(254))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("organiser.id", ondelete="SET NULL")
    )
    updated_by: Mapped[Organiser | None] = relationship()

    @property
    def has_password(self):
        return self.password_token is not None
