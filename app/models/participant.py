from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import new_token, utcnow


class Participant(db.Model):
    """A phone that joined an event; its token lives in that phone's session."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("table.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(60), default="")
    locale: Mapped[str] = mapped_column(String(8), default="de")
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    event = relationship("Event")
    table = relationship("Table")
