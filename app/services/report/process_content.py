"""What the process report and the process exports say, read from the database
once: every contribution of the process with its event, its action field, its
text in the process language and its current review decision."""

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.formats import builtin_field_name
from app.models import Card, Idea, ReviewDecision, Table
from app.models.process import TAKEN_UP
from app.models.translation import TextView
from app.services.processes import event_numbers
from app.services.review import contributions, current_decisions
from app.services.text_views import catalogue_view


@dataclass
class Contribution:
    """A card of the process as the review left it. view: read in the process
    language (a finished translation with the original beneath, or the card as
    the host left it); field: its table's action field as stored, "" for none."""

    card: Card
    event: object
    field: str
    view: TextView
    decision: ReviewDecision | None = None
    idea: str = ""

    @property
    def outcome(self):
        return self.decision.outcome if self.decision else None


@dataclass
class FieldGroup:
    """The contributions of one action field ("" for tables without one)."""

    name: str
    items: list = field(default_factory=list)

    @property
    def counts(self):
        """{outcome: contributions}; None counts those not reviewed yet."""
        return Counter(item.outcome for item in self.items)

    @property
    def taken_up(self):
        return taken_up(self.counts)


def taken_up(counts):
    """Of {outcome: contributions}, those adopted or already planned."""
    return sum(counts[outcome] for outcome in TAKEN_UP)


def process_contributions(process):
    """Every contribution of the process in the order of its events, phases and
    categories, each with its current decision; a handful of queries, whatever
    the number of cards."""
    order = {event.id: n for n, event in enumerate(process.events)}
    events = {event.id: event for event in process.events}
    cards = db.session.scalars(
        contributions(process).options(
            selectinload(Card.table).selectinload(Table.action_field),
            selectinload(Card.phase),
            selectinload(Card.category),
        )
    ).all()
    cards.sort(
        key=lambda c: (order[c.event_id], c.phase.position, c.category.position, c.id)
    )
    decisions = current_decisions(process)
    ideas = _idea_titles(process)
    return [
        _contribution(card, events[card.event_id], process.language, decisions, ideas)
        for card in cards
    ]


def _contribution(card, event, language, decisions, ideas):
    field = card.table.action_field
    decision = decisions.get(card.id)
    return Contribution(
        card,
        event,
        field.name if field else "",
        card.view_in(language),
        decision,
        ideas.get(decision.idea_id, "") if decision else "",
    )


def _idea_titles(process):
    rows = db.session.execute(
        select(Idea.id, Idea.title).where(Idea.process_id == process.id)
    )
    return dict(rows.all())


def field_groups(process, items):
    """The contributions by action field, in the order of the catalogue; those
    from tables without an action field last."""
    groups = {name: FieldGroup(name) for name in field_names(process)}
    for item in items:
        groups.setdefault(item.field, FieldGroup(item.field)).items.append(item)
    ordered = sorted(groups.values(), key=lambda group: group.name == "")
    return [group for group in ordered if group.items]


def field_names(process):
    """The action fields of the process's events, each once, in their order."""
    names = [f.name for event in process.events for f in event.action_fields]
    return list(dict.fromkeys(names))


def field_title(process, name, language):
    """An action field's name for a reader of language: a built-in one through
    the catalogue's translation, the organisers' own as they wrote it."""
    msgid = builtin_field_name(process.catalogue, name)
    return catalogue_view(name, msgid, language).text if msgid else name


def outcome_totals(groups):
    """{outcome or None: contributions} over all groups."""
    return sum((group.counts for group in groups), Counter())


def event_rows(process):
    """(event, {participants, contributions, votes}) in the process's order."""
    numbers = event_numbers(process)
    return [(event, numbers[event.id]) for event in process.events]


def polled_events(process):
    """(event, its polls that were opened) for events that voted."""
    found = [
        (event, [poll for poll in event.polls if poll.state != "draft"])
        for event in process.events
    ]
    return [(event, polls) for event, polls in found if polls]


def goal_counts(process):
    """{goal state: goals}, in no particular order."""
    return Counter(goal.state for goal in process.goals)
