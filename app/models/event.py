from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.formats import (
    category_help,
    category_label,
    category_simple_help,
    category_simple_label,
    phase_label,
    table_colour,
)
from app.models.base import new_token, utcnow
from app.models.errors import DomainError
from app.models.runsheet import RunSheetOrder
from app.pictograms import category_pictogram

# ~120 bits: a tablet link writes cards, so it is as hard to guess as a session.
TABLET_TOKEN_LENGTH = 24
PROJECTOR_TOKEN_LENGTH = 28
# Short enough to type from the projector or a slip of paper.
INTERPRETER_TOKEN_LENGTH = 10


class Event(RunSheetOrder, db.Model):
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
        String(64), unique=True, default=lambda: new_token(PROJECTOR_TOKEN_LENGTH)
    )
    interpreter_token: Mapped[str] = mapped_column(
        String(32), unique=True, default=lambda: new_token(INTERPRETER_TOKEN_LENGTH)
    )
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organiser.id"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    blur_faces: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Which table the projector shows large; no foreign key, so tables and events
    # do not depend on each other in a cycle.
    spotlight_table_id: Mapped[int | None]
    # The card the projector shows largest while a table presents in the plenary.
    spotlight_card_id: Mapped[int | None]
    # Counts re-seatings: phones that see a new round load their new seat.
    seating_round: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # The perspectives a participant may name at join, one per line.
    perspectives: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Televoting: only phones that redeemed a printed one-time code may vote.
    vote_with_codes: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The poll the projector shows; no foreign key, like the spotlight table.
    projector_poll_id: Mapped[int | None]
    # Public events: a new card reaches the room only after the table's host or
    # the moderator approved it.
    premoderation: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The language the projector was last opened in (?lang=), when not the event's:
    # texts and spotlighted cards are translated into it ahead of time.
    projector_language: Mapped[str | None] = mapped_column(String(8))
    # The participation process it belongs to, and the concept-draft version that
    # was current when it was created or attached; both None for a lone event.
    process_id: Mapped[int | None] = mapped_column(ForeignKey("process.id"), index=True)
    concept_draft_id: Mapped[int | None] = mapped_column(ForeignKey("concept_draft.id"))
    # The projector shows what became of the process's earlier ideas (a view of
    # its own, like the spotlight; any other view switches it off).
    projector_feedback: Mapped[bool] = mapped_column(
        default=False, server_default=false()
    )
    # The assistant on the laptop: duplicate and theme suggestions. Off unless
    # the organiser switches it on; nothing is computed while it is off.
    assistant: Mapped[bool] = mapped_column(default=False, server_default=false())

    organiser = relationship("Organiser")
    organisation = relationship("Organisation")
    moderators = relationship("Organiser", secondary="event_moderator")
    process = relationship("Process", back_populates="events")
    concept_draft = relationship("ConceptDraft")
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
    steps: Mapped[list["Step"]] = relationship(  # noqa: F821
        back_populates="event", order_by="Step.position", cascade="all, delete-orphan"
    )
    polls: Mapped[list["Poll"]] = relationship(  # noqa: F821
        back_populates="event", order_by="Poll.position", cascade="all, delete-orphan"
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

    def step_of(self, phase):
        return next((s for s in self.steps if s.phase_id == phase.id), None)

    def start_phase(self, phase, confirmed=False):
        """Start a phase through its run-sheet step, when it has one."""
        step = self.step_of(phase)
        if step is not None:
            return self.start_step(step, confirmed)
        self.require_open()
        self._run_only(phase)

    def close_phase(self, phase):
        step = self.step_of(phase)
        if step is not None and step.is_current:
            return self.end_step(step)
        phase.close()

    def start_step(self, step, confirmed=False):
        """Start a run-sheet step: the step before it ends, a work phase opens
        for cards with its step, and any other phase closes. Out of order (again,
        back, or ending the running step early) only once confirmed."""
        self.require_open()
        phase = step.phase if step.kind == "phase" else None
        if step.is_current and (phase is None or phase.is_running):
            raise DomainError(_l("This step is already running."))
        self.require_confirmed(step, confirmed)
        current = self.current_step
        if current is not None:
            current.end()
        step.start()
        self._run_only(phase)

    def end_step(self, step):
        step.end()
        if step.phase is not None and step.phase.is_running:
            step.phase.close()

    def _run_only(self, phase):
        for other in self.phases:
            if other.is_running and other is not phase:
                other.close()
        if phase is not None and not phase.is_running:
            phase.start()

    def perspective_choices(self):
        return [line.strip() for line in self.perspectives.splitlines() if line.strip()]

    @property
    def spotlight_table(self):
        return next((t for t in self.tables if t.id == self.spotlight_table_id), None)

    def spotlight(self, table):
        """Show one table's cards and photos on the projector; None: the join view.
        Either way a poll on the projector makes room."""
        if table is not None:
            self.require_open()  # a closed event's projector says thank you
        self.spotlight_table_id = table.id if table is not None else None
        self.spotlight_card_id = None
        self.projector_poll_id = None
        self.projector_feedback = False

    def project_feedback(self):
        """Show what became of the earlier events' ideas on the projector."""
        self.require_open()
        self.spotlight(None)
        self.projector_feedback = True

    def project_poll(self, poll):
        """Show a poll on the projector in place of a table or the join view."""
        self.require_open()
        self.spotlight(None)
        self.projector_poll_id = poll.id

    def renew_join_links(self):
        """New codes for the event and every table card; the old ones stop working."""
        self.join_token = new_token()
        for table in self.tables:
            table.join_token = new_token()

    def renew_projector_link(self):
        self.projector_token = new_token(PROJECTOR_TOKEN_LENGTH)

    def renew_interpreter_link(self):
        self.interpreter_token = new_token(INTERPRETER_TOKEN_LENGTH)

    @property
    def interpreter_code(self):
        """The interpreter token as people type it: abcde-fghij."""
        token = self.interpreter_token
        return f"{token[:5]}-{token[5:]}"

    def close(self):
        self.require_open()
        if self.current_step:
            self.end_step(self.current_step)
        if self.running_phase:
            self.running_phase.close()
        for poll in self.polls:
            if poll.is_open:
                poll.close()
        self.spotlight(None)  # the projector shows the thank-you screen
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
    # Seats a phone as this table's host; tables made before hosts existed get one
    # in the migration.
    host_token: Mapped[str | None] = mapped_column(
        String(32), unique=True, default=new_token
    )
    colour: Mapped[str] = mapped_column(String(7), default="", server_default="")
    # The table tablet's link: one shared device writes cards for people without a
    # phone. None: no tablet (never issued, or revoked by the moderator).
    tablet_token: Mapped[str | None] = mapped_column(String(32), unique=True)

    event: Mapped[Event] = relationship(back_populates="tables")
    action_field: Mapped[ActionField | None] = relationship()

    @property
    def topic(self):
        """What the table works on: its own name, else its action field."""
        if self.name:
            return self.name
        return self.action_field.name if self.action_field else ""

    @property
    def theme_scope(self):
        """What the assistant compares this table's cards within: its action
        field's tables, or the table alone when it has no field."""
        return Table.scope_of(self.action_field_id, self.id)

    @staticmethod
    def scope_of(action_field_id, table_id):
        return (action_field_id, None) if action_field_id else (None, table_id)

    @property
    def display_colour(self):
        return self.colour or table_colour(self.number)

    def renew_host_link(self):
        """A new host card; the printed one stops working."""
        self.host_token = new_token()

    def issue_tablet(self):
        """A new tablet link; an earlier one stops working."""
        self.tablet_token = new_token(TABLET_TOKEN_LENGTH)

    def revoke_tablet(self):
        if self.tablet_token is None:
            raise DomainError(_l("This table has no tablet link."))
        self.tablet_token = None


class Phase(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    key: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(16), default="pending")
    started_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    seating: Mapped[str] = mapped_column(
        String(16), default="action_field", server_default="action_field"
    )

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
    # Goal proposals: indicator, responsible actor, deadline and resources fold out.
    smart: Mapped[bool] = mapped_column(default=False, server_default=false())
    # A key of app/pictograms.py the organiser chose; "" is its key's default.
    pictogram: Mapped[str] = mapped_column(String(40), default="", server_default="")

    phase: Mapped[Phase] = relationship(back_populates="categories")

    @property
    def label(self):
        return category_label(self.key) or self.name

    @property
    def help(self):
        return category_help(self.key) or self.help_text

    @property
    def pictogram_key(self):
        return category_pictogram(self.key, self.pictogram)

    @property
    def simple_label(self):
        """The msgid of the label in simple mode; None for a custom category."""
        return category_simple_label(self.key)

    @property
    def simple_help(self):
        """The msgid of the help in simple mode, unless the organiser's own help
        is shown."""
        if self.help_text and not category_help(self.key):
            return None
        return category_simple_help(self.key)
