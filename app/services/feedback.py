"""Feedback to the people (Rückkoppelung): what became of a process's
contributions, per action field, as the public feedback page, the projector at a
later event and its report show it.

Never who wrote what: only the texts and the decisions on them; no names,
perspectives, tables, seats or events. Contributions grouped into one idea that
share a decision are one entry. Texts are read in the reader's language from the
translations already stored: a page view asks for none."""

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.formats import CATALOGUES, builtin_field_name
from app.models import (
    ActionField,
    Card,
    Event,
    Goal,
    Idea,
    IdeaCard,
    Phase,
    ReviewDecision,
    Table,
)
from app.models.process import OUTCOME_LABELS, TAKEN_UP
from app.models.translation import TextView
from app.services.review import contributions
from app.services.text_views import Wording, catalogue_view

# Contributions written at mixed or free tables belong to no action field.
FURTHER = _l("Further contributions")
# How counts are listed: taken up, passed on, not adopted, not decided yet.
OUTCOME_ORDER = ("in_draft", "adopted", "new_idea", "passed_on", "not_adopted", None)
# Texts are loaded in slices: a database takes only so many ids at once.
SLICE = 500


class Decision(NamedTuple):
    """The current decision on a contribution, as the public may read it (who
    decided and when stay out). Equal decisions let an idea's contributions be
    one entry."""

    outcome: str
    reason: str = ""
    passed_to: str = ""
    section: str = ""

    @property
    def label(self):
        return OUTCOME_LABELS[self.outcome]


@dataclass
class Entry:
    """One proposal: a contribution, or an idea's contributions that share a
    decision (decision None: not decided yet). views: their texts for a reader."""

    card_ids: list
    decision: Decision | None = None
    idea_title: str = ""
    views: list = field(default_factory=list)

    @property
    def outcome(self):
        return self.decision.outcome if self.decision else None


@dataclass
class FieldFeedback:
    """The entries of one action field; name as stored (None: contributions at
    mixed or free tables), view: the name for the reader."""

    name: str | None
    view: TextView | None
    entries: list
    number: int = 0

    @cached_property
    def counts(self):
        return Counter(entry.outcome for entry in self.entries)

    @property
    def total(self):
        return len(self.entries)

    @property
    def taken_up(self):
        return sum(self.counts[outcome] for outcome in TAKEN_UP)

    @property
    def undecided(self):
        return self.counts[None]

    @property
    def decided(self):
        return [entry for entry in self.entries if entry.decision is not None]


def field_feedback(process, language, before=None):
    """[FieldFeedback] of the process in the catalogue's order, names for a
    reader of language; before: only the events that started before that one."""
    rows = _read(_rows(process, before))
    grouped = _group(rows, _decisions(process), _ideas(process))
    events = {event.id: event for event in process.events}
    wordings = {}
    return [
        FieldFeedback(
            name,
            _field_view(events[first], name, language, wordings),
            entries,
            number,
        )
        for number, (name, (first, entries)) in enumerate(
            _ordered(process, grouped), start=1
        )
    ]


def overall(fields):
    """All entries of the fields as one, for the totals."""
    return FieldFeedback(None, None, [e for f in fields for e in f.entries])


def taken_up_text(found):
    """'42 of 57 proposals adopted or already planned' of a field (or overall)."""
    return ngettext(
        "%(done)s of %(num)s proposal adopted or already planned",
        "%(done)s of %(num)s proposals adopted or already planned",
        found.total,
        done=found.taken_up,
    )


def outcome_counts(found):
    """[(outcome, count)] of a field's entries, in OUTCOME_ORDER, none left 0."""
    counts = found.counts
    return [(outcome, counts[outcome]) for outcome in OUTCOME_ORDER if counts[outcome]]


def outcome_name(outcome):
    return str(OUTCOME_LABELS[outcome]) if outcome else _("Still under review")


def _rows(process, before):
    """(card id, event id, the phase's seating, the table's action field and
    own name) of every contribution, oldest first."""
    query = (
        contributions(process)
        .with_only_columns(
            Card.id, Card.event_id, Phase.seating, ActionField.name, Table.name
        )
        .join(Table, Card.table_id == Table.id)
        .join(Phase, Card.phase_id == Phase.id)
        .outerjoin(ActionField, Table.action_field_id == ActionField.id)
        .order_by(Card.id)
    )
    if before is not None:
        query = query.where(Event.starts_at < before.starts_at)
    return query


def _decisions(process):
    query = select(
        ReviewDecision.card_id,
        ReviewDecision.outcome,
        ReviewDecision.reason,
        ReviewDecision.passed_to,
        ReviewDecision.section,
    ).where(ReviewDecision.process_id == process.id, ReviewDecision.current)
    return {row[0]: Decision._make(row[1:]) for row in _read(query)}


def _ideas(process):
    """{card id: (idea id, title)} of the process's ideas."""
    query = (
        select(IdeaCard.card_id, Idea.id, Idea.title)
        .join(Idea, IdeaCard.idea_id == Idea.id)
        .where(Idea.process_id == process.id)
    )
    return {row[0]: (row[1], row[2]) for row in _read(query)}


def _read(query):
    """Plain rows of a query of columns: the ORM's row handling would cost more
    than the query for a process's thousands of contributions."""
    return db.session.connection().execute(query).all()


def _group(rows, decisions, ideas):
    """{field: (first event id, [Entry])}: an idea's contributions with the same
    decision become one entry, in the field of the first of them."""
    entries, fields = {}, {}
    for card_id, event_id, seating, field_name, table_name in rows:
        decision = decisions.get(card_id)
        idea_id, title = ideas.get(card_id, (None, ""))
        key = (idea_id, decision) if idea_id is not None else card_id
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = Entry([], decision, title)
            name = _field_of(seating, field_name or table_name)
            fields.setdefault(name, (event_id, []))[1].append(entry)
        entry.card_ids.append(card_id)
    return fields


def _field_of(seating, name):
    """Tables by action field work on theirs; mixed and free ones on none."""
    return (name or None) if seating == "action_field" else None


def _ordered(process, grouped):
    """The fields in the catalogue's order, others as they came, further last."""
    names = _catalogue_names(process)
    rank = {name: place for place, name in enumerate(names)}
    return sorted(
        grouped.items(),
        key=lambda item: (item[0] is None, rank.get(item[0], len(rank))),
    )


def _catalogue_names(process):
    if process.catalogue in CATALOGUES:
        return CATALOGUES[process.catalogue][1]
    return process.custom_field_names()


def _field_view(event, name, language, wordings):
    """The field's name for a reader of language: a built-in one from the
    catalogues, the organisers' own through the event's translations."""
    if name is None:
        return TextView(str(FURTHER), language)
    msgid = builtin_field_name(event.catalogue, name)
    if msgid is not None:
        return catalogue_view(name, msgid, language)
    if event.id not in wordings:
        wordings[event.id] = Wording(event, language)
    return wordings[event.id].view(name, language)


def with_texts(entries, language):
    """The entries with the texts of their contributions as a reader of
    language sees them: a stored translation with the original beneath, else
    the original."""
    ids = [card_id for entry in entries for card_id in entry.card_ids]
    cards = {}
    for start in range(0, len(ids), SLICE):
        found = select(Card).where(Card.id.in_(ids[start : start + SLICE]))
        cards.update((card.id, card) for card in db.session.scalars(found))
    for entry in entries:
        entry.views = [cards[card_id].view_in(language) for card_id in entry.card_ids]
    return entries


def by_outcome(entries):
    """Taken up first, then passed on and not adopted; undecided ones last."""
    order = {outcome: place for place, outcome in enumerate(OUTCOME_ORDER)}
    return sorted(entries, key=lambda entry: order[entry.outcome])


def public_goals(process):
    """The goals register with each goal's status updates (the latest last)."""
    return db.session.scalars(
        select(Goal)
        .where(Goal.process_id == process.id)
        .options(selectinload(Goal.updates))
        .order_by(Goal.id)
    ).all()
