from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.formats import category_label, phase_label
from app.models.base import new_token, utcnow
from app.models.errors import DomainError


class Event(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    venue: Mapped[str] = mapped_column(String(200), default="")
    target_group: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(8), default="de")
    format: Mapped[str] = mapped_column(String(40), default="dialogue_forum")
    catalogue: Mapped[str] = mapped_column(String(40), default="custom")
    state: Mapped[str] = mapped_column(String(16), default="open")
    join_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)
    projector_token: Mapped[str] = mapped_column(
        String(64), unique=True, default=lambda: new_token(28)
    )
    # Short enough to type from the projector or a slip of paper.
    interpreter_token: Mapped[str] = mapped_column(
        String(32), unique=True, default=lambda: new_token(10)
    )
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organiser.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    blur_faces: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Which table the projector shows large; no foreign key, so tables and events
    # do not depend on each other in a cycle.
    spotlight_table_id: Mapped[int | None]

    organiser = relationship("Organiser")
    action_fields: Mapped[list["ActionField"]] = relationship(
        back_populates="event",
        order_by="ActionField.position",
        cascade="all, delete-orphan",
    )
    tables: Mapped[list["Table"]] = relationship(
        back_populates="event", order_by="Table.number", cascade="all, delete-orphan"
    )
    phases: Mapped[list["Phase"]] = relationship(
        back_populates="event", order_by="Phase.position", cascade="all, delete-orphan"
    )

    @property
    def is_open(self):
        return self.state == "open"

    @property
    def running_phase(self):
        return next((phase for phase in self.phases if phase.is_running), None)

    def require_open(self):
        if not self.is_open:
            raise DomainError(_l("This event has ended."))

    def start_phase(self, phase):
        """Start a phase; a phase still running is closed first."""
        self.require_open()
        for other in self.phases:
            if other.is_running and other is not phase:
                other.close()
        phase.start()

    @property
    def spotlight_table(self):
        return next((t for t in self.tables if t.id == self.spotlight_table_id), None)

    def spotlight(self, table):
        """Show one table's cards and photos on the projector; None: the join view."""
        self.spotlight_table_id = table.id if table is not None else None

    @property
    def interpreter_code(self):
        """The interpreter token as people type it: abcde-fghij."""
        token = self.interpreter_token
        return f"{token[:5]}-{token[5:]}"

    def close(self):
        self.require_open()
        if self.running_phase:
            self.running_phase.close()
        self.state = "closed"
        self.closed_at = utcnow()

    def reopen(self):
        if self.is_open:
            raise DomainError(_l("This event is already open."))
        self.state = "open"
        self.closed_at = None


class ActionField(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="action_fields")


class Table(db.Model):
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(200), default="")
    action_field_id: Mapped[int | None] = mapped_column(ForeignKey("action_field.id"))
    capacity: Mapped[int] = mapped_column(default=8)
    join_token: Mapped[str] = mapped_column(String(32), unique=True, default=new_token)

    event: Mapped[Event] = relationship(back_populates="tables")
    action_field: Mapped[ActionField | None] = relationship()

    @property
    def topic(self):
        """What the table works on: its own name, else its action field."""
        if self.name:
            return self.name
        return self.action_field.name if self.action_field else ""


class Phase(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    key: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(16), default="pending")
    started_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship(back_populates="phases")
    categories: Mapped[list["Category"]] = relationship(
        back_populates="phase",
        order_by="Category.position",
        cascade="all, delete-orphan",
    )

    @property
    def label(self):
        return phase_label(self.key) or self.name

    @property
    def is_running(self):
        return self.state == "running"

    def start(self):
        if self.is_running:
            raise DomainError(_l("This phase is already running."))
        self.state = "running"
        self.started_at = utcnow()
        self.closed_at = None

    def close(self):
        if not self.is_running:
            raise DomainError(_l("This phase is not running."))
        self.state = "closed"
        self.closed_at = utcnow()


class Category(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    phase_id: Mapped[int] = mapped_column(ForeignKey("phase.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    key: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    colour: Mapped[str] = mapped_column(String(7), default="#888888")
    help_text: Mapped[str] = mapped_column(Text, default="")

    phase: Mapped[Phase] = relationship(back_populates="categories")

    @property
    def label(self):
        return category_label(self.key) or self.name
