from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow
from app.models.errors import DomainError
from app.models.translation import TextView, Translatable

MAX_CARD_LENGTH = 500
MAX_HEADING_LENGTH = 100
MAX_SECTION_LENGTH = 40
MAX_SMART_LENGTH = 300
SMART_FIELDS = ("indicator", "actor", "deadline", "resources")
SMART_LABELS = {
    "indicator": _l("Indicator"),
    "actor": _l("Responsible"),
    "deadline": _l("Deadline"),
    "resources": _l("Resources"),
}
# Who entered a card: the writer on their own phone, or someone for a person without
# a phone — the table's host, the moderator or the table's shared tablet.
ENTERED_BY = ("phone", "host", "moderator", "tablet")
ON_BEHALF = ("host", "moderator", "tablet")
# Pre-moderation holds phone and tablet cards for approval; a card the host or the
# moderator entered was seen by them already.
APPROVED_ON_ENTRY = ("host", "moderator")
ENTERED_BY_LABELS = {
    "phone": _l("the writer's phone"),
    "host": _l("table host"),
    "moderator": _l("moderator"),
    "tablet": _l("table tablet"),
}
# Pre-moderation: a card waits for approval; a rejected one stays hidden. Only its
# writer, the table's host and the moderator ever see these two.
WITHHELD_STATES = ("waiting", "rejected")


# What a reader sees of a card (the same for every translatable text).
CardView = TextView


class Card(Translatable, db.Model):
    """A contribution written at a table. Anonymous: shown without its author."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("table.id"), index=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    # None when the card was entered on someone's behalf: it belongs to nobody.
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))
    entered_by: Mapped[str] = mapped_column(
        String(16), default="phone", server_default="phone"
    )
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="de")
    state: Mapped[str] = mapped_column(String(16), default="visible")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # A host's correction; the text as written stays in `text`.
    edited_text: Mapped[str | None] = mapped_column(Text)
    heading: Mapped[str] = mapped_column(
        String(MAX_HEADING_LENGTH), default="", server_default=""
    )
    # Marked to be presented in the plenary, in this order; None: not marked.
    present_position: Mapped[int | None]
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"))
    # Running counters, so lists never count rows per card.
    merged_count: Mapped[int] = mapped_column(default=0, server_default=sql_text("0"))
    praise_count: Mapped[int] = mapped_column(default=0, server_default=sql_text("0"))
    concern_count: Mapped[int] = mapped_column(default=0, server_default=sql_text("0"))
    # Which section of the concept draft the card points at ("2.3").
    section: Mapped[str] = mapped_column(
        String(MAX_SECTION_LENGTH), default="", server_default=""
    )
    indicator: Mapped[str] = mapped_column(Text, default="", server_default="")
    actor: Mapped[str] = mapped_column(Text, default="", server_default="")
    deadline: Mapped[str] = mapped_column(Text, default="", server_default="")
    resources: Mapped[str] = mapped_column(Text, default="", server_default="")

    table = relationship("Table")
    phase = relationship("Phase")
    category = relationship("Category")
    translations = relationship(
        "CardTranslation",
        back_populates="card",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="CardTranslation.id",
    )

    @property
    def on_behalf(self):
        """Entered for someone without a phone (host, moderator or table tablet)."""
        return self.entered_by in ON_BEHALF

    @property
    def approved_on_entry(self):
        return self.entered_by in APPROVED_ON_ENTRY

    @property
    def is_hidden(self):
        """Hidden from the room: by the moderator, or not approved."""
        return self.state in ("hidden", "rejected")

    @property
    def is_waiting(self):
        return self.state == "waiting"

    @property
    def is_withheld(self):
        """Waiting for approval or rejected: seen only by its writer, the table's
        host and the moderator."""
        return self.state in WITHHELD_STATES

    @property
    def is_public(self):
        """Reaches the table's phones (a merged one shows inside its card)."""
        return self.state in ("visible", "merged")

    @property
    def view_key(self):
        return f"c:{self.id}"

    @property
    def shown_text(self):
        """The text as the table's host corrected it, else as written."""
        return self.edited_text or self.text

    @property
    def is_merged(self):
        return self.state == "merged"

    def smart_criteria(self):
        """Which of the five SMART criteria a goal proposal meets: specific (a
        sentence of at least four words), measurable (an indicator), assigned
        (a responsible actor), realistic (resources named), time-bound (deadline)."""
        return {
            "specific": len(self.shown_text.split()) >= 4,
            "measurable": bool(self.indicator.strip()),
            "assigned": bool(self.actor.strip()),
            "realistic": bool(self.resources.strip()),
            "time_bound": bool(self.deadline.strip()),
        }

    def merge_into(self, target):
        if target.id == self.id or target.table_id != self.table_id:
            raise DomainError(
                _l("Only two different cards of one table can be merged.")
            )
        if self.is_merged or target.is_merged:
            raise DomainError(_l("This card has already been merged."))
        if self.state != "visible" or target.state != "visible":
            raise DomainError(_l("Only cards shown at the table can be merged."))
        self.state = "merged"
        self.merged_into_id = target.id
        self.present_position = None
        target.merged_count += 1 + self.merged_count

    def unmerge(self, target):
        if not self.is_merged or target.id != self.merged_into_id:
            raise DomainError(_l("This card is not merged."))
        self.state = "visible"
        self.merged_into_id = None
        target.merged_count -= 1 + self.merged_count

    def hold_for_approval(self):
        """A new card of a pre-moderated event waits until it is approved."""
        if self.id is not None:
            raise DomainError(_l("Only a new card can wait for approval."))
        self.state = "waiting"

    def approve(self):
        self._require_waiting()
        self.state = "visible"

    def reject(self):
        self._require_waiting()
        self.state = "rejected"

    def _require_waiting(self):
        if not self.is_waiting:
            raise DomainError(_l("This card is not waiting for approval."))

    def move_to(self, table, category):
        """File the card under another category of its phase, or at another table
        of its event. A mark to present and a heading belong to the old table."""
        if self.state not in ("visible", "waiting"):
            raise DomainError(_l("This card cannot be moved."))
        if table.event_id != self.event_id or category.phase_id != self.phase_id:
            raise DomainError(
                _l("A card moves only to a table of its event, within its phase."),
                status=400,
            )
        if (table.id, category.id) == (self.table_id, self.category_id):
            raise DomainError(_l("The card is already there."), status=400)
        if table.id != self.table_id:
            self.present_position = None
            self.heading = ""
        self.table = table
        self.category = category

    def follow(self, target):
        """A merged duplicate goes where the card it was merged into went: the same
        table, and the same category when it belongs to the same phase."""
        if not self.is_merged:
            raise DomainError(_l("This card is not merged."))
        self.table = target.table
        if self.phase_id == target.phase_id:
            self.category = target.category

    def hide(self):
        if self.is_hidden:
            raise DomainError(_l("This card is already hidden."))
        if self.is_waiting:
            raise DomainError(_l("This card is waiting for approval: reject it."))
        self.state = "hidden"

    def show(self):
        if not self.is_hidden:
            raise DomainError(_l("This card is not hidden."))
        self.state = "visible"
