"""Televoting: polls, their options, the ballots phones cast and voting codes.

A poll owns its lifecycle (draft → open → closed, reset, re-open, reveal); what a
ballot may contain is checked in services/voting/ballots.py, the tallies are
counted in services/voting/results.py."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.base import utcnow
from app.models.errors import DomainError

POLL_KINDS = {
    "single": _l("Single choice"),
    "multiple": _l("Multiple choice"),
    "scale": _l("Scale"),
    "ranking": _l("Ranking"),
    "words": _l("Word cloud"),
    "text": _l("Open text"),
    "dots": _l("Dot voting on cards"),
    "consent": _l("Consent check"),
}
# Kinds whose answers are chosen from the poll's options.
OPTION_KINDS = ("single", "multiple", "ranking", "dots")

POLL_STATES = {
    "draft": _l("Draft"),
    "open": _l("Open"),
    "closed": _l("Closed"),
}

VISIBILITY = {
    "live": _l("Results visible live"),
    "closed": _l("Results visible after closing"),
    "reveal": _l("Results visible when the moderator reveals them"),
}

CONSENT_CHOICES = {
    "agree": _l("I agree"),
    "live_with": _l("I can live with it"),
    "veto": _l("Veto"),
}


class Poll(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(16))
    question: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(16), default="draft")
    visibility: Mapped[str] = mapped_column(String(16), default="live")
    revealed: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Multiple choice: how many options a ballot names.
    min_choices: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    max_choices: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    # Scale: the ends and, one per line, optional labels from the lowest up.
    scale_min: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    scale_max: Mapped[int] = mapped_column(default=5, server_default=text("5"))
    scale_labels: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Dot voting: dots per voter and at most per card.
    dots: Mapped[int] = mapped_column(default=5, server_default=text("5"))
    dots_per_card: Mapped[int] = mapped_column(default=3, server_default=text("3"))
    # Word cloud: the words the moderator took off the cloud, one per line.
    hidden_words: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    event = relationship("Event", back_populates="polls")
    options: Mapped[list["PollOption"]] = relationship(
        back_populates="poll",
        order_by="PollOption.position",
        cascade="all, delete-orphan",
    )

    @property
    def kind_label(self):
        return POLL_KINDS[self.kind]

    @property
    def uses_options(self):
        return self.kind in OPTION_KINDS

    @property
    def is_open(self):
        return self.state == "open"

    @property
    def scale_values(self):
        return range(self.scale_min, self.scale_max + 1)

    @property
    def labels(self):
        """Scale labels by value, from the lowest up; values without one: none."""
        lines = [line.strip() for line in self.scale_labels.splitlines()]
        return {
            value: label
            for value, label in zip(self.scale_values, lines, strict=False)
            if label
        }

    @property
    def hidden_word_set(self):
        return {w for w in self.hidden_words.splitlines() if w}

    def results_public(self):
        """Whether the room (projector, phones) may see the results now."""
        if self.visibility == "live":
            return self.state in ("open", "closed")
        if self.visibility == "closed":
            return self.state == "closed"
        return self.revealed

    def open(self, now=None):
        if self.state == "open":
            raise DomainError(_l("This poll is already open."))
        if self.uses_options and len(self.options) < 2 and self.kind != "dots":
            raise DomainError(_l("A poll needs at least two options."))
        if self.kind == "dots" and not self.options:
            raise DomainError(_l("Pick the cards to vote on first."))
        self.state = "open"
        self.opened_at = now or utcnow()
        self.closed_at = None

    def close(self, now=None):
        if self.state != "open":
            raise DomainError(_l("This poll is not open."))
        self.state = "closed"
        self.closed_at = now or utcnow()

    def reveal(self):
        if self.visibility != "reveal":
            raise DomainError(_l("This poll shows its results without revealing."))
        self.revealed = not self.revealed

    def reset(self):
        """Back to a draft without votes: the caller deletes the ballots."""
        self.state = "draft"
        self.revealed = False
        self.opened_at = self.closed_at = None
        self.hidden_words = ""

    def require_editable(self):
        if self.state != "draft":
            raise DomainError(_l("Only a draft poll can be changed. Reset it first."))


class PollOption(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("poll.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(500))
    # Dot voting: the card this option stands for (its table is the card's).
    card_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"))

    poll: Mapped[Poll] = relationship(back_populates="options")
    card = relationship("Card")


class Ballot(db.Model):
    """One participant's answer to one poll; changing it replaces the answer.
    uuid: the phone's name for the latest answer, so a resent vote is
    recognised (votes sent without JavaScript have none)."""

    __table_args__ = (
        UniqueConstraint("poll_id", "participant_id"),
        UniqueConstraint("poll_id", "uuid", name="uq_ballot_poll_id_uuid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("poll.id"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id"))
    answer: Mapped[dict] = mapped_column(JSON)
    uuid: Mapped[str | None] = mapped_column(String(36))
    # Open text answers are moderated like cards.
    hidden: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant = relationship("Participant")


class VotingCode(db.Model):
    """A one-time code from the printed sheet; redeeming it binds a phone to a voter."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    seat: Mapped[int]
    code: Mapped[str] = mapped_column(String(16), unique=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id"), unique=True
    )
    redeemed_at: Mapped[datetime | None]

    event = relationship("Event")
