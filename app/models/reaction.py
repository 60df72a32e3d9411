from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import utcnow

REACTION_KINDS = ("praise", "concern")


class Reaction(db.Model):
    """Praise or a concern a phone adds to another table's card in the gallery
    walk; one of each kind per phone and card."""

    __table_args__ = (UniqueConstraint("card_id", "participant_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"))
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
