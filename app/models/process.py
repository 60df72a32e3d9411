"""A participation process (Beteiligungsprozess): events over months, the versions
of its concept draft, the coordination group's review of every contribution, the
goals register, and the feedback to the people on what became of their ideas."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import new_token, utcnow
from app.models.errors import DomainError

# What became of a contribution (the seeds' Koordinierungsgruppe).
OUTCOMES = ("in_draft", "adopted", "new_idea", "not_adopted", "passed_on")
OUTCOME_LABELS = {
    "in_draft": _l("Already in the draft"),
    "adopted": _l("Adopted into the draft"),
    "new_idea": _l("New idea, adopted"),
    "not_adopted": _l("Not adopted"),
    "passed_on": _l("Passed on"),
}
# Counted as "adopted or already planned" on the feedback page.
TAKEN_UP = ("in_draft", "adopted", "new_idea")
MAX_REASON_LENGTH = 2000

GOAL_STATES = ("not_started", "under_way", "reached", "dropped")
GOAL_STATE_LABELS = {
    "not_started": _l("Not started"),
    "under_way": _l("Under way"),
    "reached": _l("Reached"),
    "dropped": _l("Dropped"),
}


class Process(db.Model):
    """Events over months on one concept; an event without a process works alone."""

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    language: Mapped[str] = mapped_column(String(8), default="de")
    catalogue: Mapped[str] = mapped_column(String(40), default="custom")
    # The organisers' own action fields when catalogue is "custom", one per line.
    custom_fields: Mapped[str] = mapped_column(Text, default="")
    # The public feedback page: a secret link, no account.
    feedback_token: Mapped[str] = mapped_column(
        String(32), unique=True, default=lambda: new_token(24)
    )
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organiser.id"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organiser = relationship("Organiser")
    organisation = relationship("Organisation")
    reviewers = relationship("Organiser", secondary="process_reviewer")
    events: Mapped[list["Event"]] = relationship(  # noqa: F821
        back_populates="process", order_by="(Event.starts_at, Event.id)"
    )
    drafts: Mapped[list["ConceptDraft"]] = relationship(
        back_populates="process",
        order_by="ConceptDraft.number",
        cascade="all, delete-orphan",
    )
    goals: Mapped[list["Goal"]] = relationship(
        back_populates="process", order_by="Goal.id", cascade="all, delete-orphan"
    )

    @property
    def current_draft(self):
        return self.drafts[-1] if self.drafts else None

    def custom_field_names(self):
        lines = self.custom_fields.splitlines()
        return [line.strip() for line in lines if line.strip()]


class ConceptDraft(db.Model):
    """One version of the process's concept draft (draft 1…n): a PDF stored under
    a random file_id outside static/, a text, and its numbered sections."""

    __table_args__ = (UniqueConstraint("process_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id"), index=True)
    number: Mapped[int]
    note: Mapped[str] = mapped_column(String(200), default="")
    file_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    filename: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    # One section per line: "2.3 Sprachkurse für Eltern".
    sections: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    process = relationship("Process", back_populates="drafts")

    @property
    def is_pdf(self):
        return self.file_id is not None

    def section_choices(self):
        return [line.strip() for line in self.sections.splitlines() if line.strip()]


class Idea(db.Model):
    """Similar contributions from different events, decided once."""

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    process = relationship("Process")
    members: Mapped[list["IdeaCard"]] = relationship(
        back_populates="idea", cascade="all, delete-orphan"
    )


class IdeaCard(db.Model):
    """A contribution grouped into an idea; a card belongs to one idea at most."""

    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"), index=True)

    idea = relationship("Idea", back_populates="members")
    card = relationship("Card")


class ReviewDecision(db.Model):
    """What became of one contribution, with who decided and when. Decisions are
    data about a card, never changes to it; a new decision supersedes the card's
    current one, which stays as history."""

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id"), index=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id"))
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    passed_to: Mapped[str] = mapped_column(String(200), default="")
    # The draft section the decision points at ("2.3").
    section: Mapped[str] = mapped_column(String(40), default="")
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("concept_draft.id"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("organiser.id"))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    current: Mapped[bool] = mapped_column(default=True, index=True)

    card = relationship("Card")
    reviewer = relationship("Organiser")

    @property
    def outcome_label(self):
        return OUTCOME_LABELS[self.outcome]

    @property
    def taken_up(self):
        return self.outcome in TAKEN_UP

    @staticmethod
    def check(outcome, reason, passed_to):
        if outcome not in OUTCOMES:
            raise DomainError(_l("Please choose a decision."), status=400)
        if outcome == "not_adopted" and not reason.strip():
            raise DomainError(
                _l("Please give the reason why it is not adopted."), status=400
            )
        if outcome == "passed_on" and not passed_to.strip():
            raise DomainError(_l("Please say to whom it is passed on."), status=400)
        if len(reason) > MAX_REASON_LENGTH:
            raise DomainError(_l("The reason is too long."), status=400)


class Goal(db.Model):
    """A goal of the process (goals register), SMART: specific text, indicator and
    target value, responsible actor, deadline, resources."""

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("process.id"), index=True)
    # The adopted goal proposal it came from, if any.
    card_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"), unique=True)
    action_field: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str] = mapped_column(Text, default="")
    target_value: Mapped[str] = mapped_column(String(200), default="")
    actor: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[date | None]
    resources: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="not_started")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    process = relationship("Process", back_populates="goals")
    card = relationship("Card")
    updates: Mapped[list["GoalUpdate"]] = relationship(
        back_populates="goal",
        order_by="GoalUpdate.on, GoalUpdate.id",
        cascade="all, delete-orphan",
    )

    @property
    def state_label(self):
        return GOAL_STATE_LABELS[self.state]

    def record(self, state, on, note, by):
        """A status update, dated: the goal's state follows the latest one."""
        if state not in GOAL_STATES:
            raise DomainError(_l("Please choose a status."), status=400)
        if on is None:
            raise DomainError(_l("Please give the date of the status."), status=400)
        update = GoalUpdate(state=state, on=on, note=note.strip(), recorded_by=by)
        self.updates.append(update)
        # In date order as the relationship loads them, the newest entry last.
        self.updates.sort(key=lambda u: (u.on, u.id or float("inf")))
        latest = self.updates[-1]
        self.state = latest.state
        return update


class GoalUpdate(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("organiser.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    goal = relationship("Goal", back_populates="updates")
    recorded_by = relationship("Organiser")

    @property
    def state_label(self):
        return GOAL_STATE_LABELS[self.state]
