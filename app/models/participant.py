from datetime import datetime

from sqlalchemy import ForeignKey, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

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
    # Shown only as counts per category and action field, never next to a card.
    perspective: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # The table this phone hosts (Tischpate), if any.
    hosts_table_id: Mapped[int | None] = mapped_column(ForeignKey("table.id"))
    # The seating round that gave this phone its seat: its page says "go to table".
    seated_round: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # The phone's personal link to follow its own ideas ("my contributions"):
    # random, bound to this participant, made when the phone asks for it.
    follow_token: Mapped[str | None] = mapped_column(String(32), unique=True)

    event = relationship("Event")
    table = relationship("Table", foreign_keys=[table_id])
    hosted_table = relationship("Table", foreign_keys=[hosts_table_id])

    @property
    def display_name(self):
        return self.first_name or f"#{self.id}"

    @validates("table", "table_id")
    def _leave_hosting(self, _key, table):
        """Hosting ends when the host leaves the table, whoever seats them
        elsewhere (a scanned code, the moderator, a re-seating)."""
        table_id = getattr(table, "id", table)
        if self.hosts_table_id is not None and table_id != self.hosts_table_id:
            self.hosts_table_id = None
        return table
