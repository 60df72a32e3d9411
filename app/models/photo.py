from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow
from app.models.errors import DomainError

MAX_CAPTION_LENGTH = 200


class Photo(db.Model):
    """A photo of a table's poster, stored as a display JPEG and a thumbnail.

    file_id names the files on disk: random, never the uploaded file name.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    file_id: Mapped[str] = mapped_column(String(32), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("table.id"), index=True)
    phase_id: Mapped[int | None] = mapped_column(ForeignKey("phase.id"))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("organiser.id"))
    caption: Mapped[str] = mapped_column(String(MAX_CAPTION_LENGTH), default="")
    width: Mapped[int]
    height: Mapped[int]
    faces_blurred: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(16), default="visible")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    table = relationship("Table")
    phase = relationship("Phase")

    @property
    def is_removed(self):
        return self.state == "removed"

    def remove(self):
        if self.is_removed:
            raise DomainError(_l("This photo has already been removed."))
        self.state = "removed"
