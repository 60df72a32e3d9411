"""The review workspace as the coordination group reads it: a process's
contributions by action field, filtered on the server and a page at a time, with
their current and earlier decisions, their ideas and the progress per action
field. A fixed handful of queries, however many cards the process has."""

from dataclasses import dataclass, field
from math import ceil

from flask_babel import get_locale
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.formats import builtin_field_name
from app.models import (
    ActionField,
    Card,
    Category,
    Event,
    Goal,
    Idea,
    IdeaCard,
    Phase,
    ReviewDecision,
    Table,
)
from app.models.process import OUTCOMES
from app.services.review import contributions
from app.services.text_views import catalogue_view

PAGE_SIZE = 100
UNDECIDED = "undecided"
STATES = (UNDECIDED, *OUTCOMES)
FILTERS = ("event", "group", "phase", "category", "language", "state")


@dataclass
class Catalogue:
    """What the cards of the process's events refer to, loaded once: afterwards
    card.table, card.phase, card.category and table.action_field cost no query."""

    events: dict
    tables: dict
    phases: dict
    categories: dict
    languages: list


@dataclass
class Item:
    """One entry of the list: a single contribution, or an idea with its cards."""

    kind: str
    id: int
    field_name: str | None
    card: Card | None = None
    idea: Idea | None = None
    cards: list = field(default_factory=list)
    decision: object = None
    following: str = ""  # the next item's anchor, where the list goes on

    @property
    def anchor(self):
        return f"{self.kind}-{self.id}"

    @property
    def key(self):
        return f"{self.kind[0]}{self.id}"


@dataclass
class Progress:
    name: str | None
    label: str
    anchor: str
    decided: int
    total: int


@dataclass
class Group:
    progress: Progress
    items: list


@dataclass
class ReviewPage:
    catalogue: Catalogue
    progress: list
    current: dict
    history: dict
    goals: dict
    groups: list = field(default_factory=list)
    matches: int = 0
    page: int = 1
    pages: int = 1


def load_catalogue(process):
    events = {event.id: event for event in process.events}
    ids = list(events)
    phases = _by_id(select(Phase).where(Phase.event_id.in_(ids)))
    categories = select(Category).where(Category.phase_id.in_(list(phases)))
    _by_id(select(ActionField).where(ActionField.event_id.in_(ids)))
    languages = contributions(process).with_only_columns(Card.language).distinct()
    return Catalogue(
        events=events,
        tables=_by_id(select(Table).where(Table.event_id.in_(ids))),
        phases=phases,
        categories=_by_id(categories),
        languages=sorted(db.session.scalars(languages)),
    )


def _by_id(query):
    return {row.id: row for row in db.session.scalars(query)}


def review_page(process, catalogue, filters, page=1):
    """One page of the review list; filters: {name in FILTERS: value} as the
    filter form checked them against the catalogue."""
    progress = progress_of(process)
    anchors = {entry.name: entry for entry in progress}
    items = _items(db.session.execute(_listing(process, filters)))
    pages = max(1, ceil(len(items) / PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    for item, after in zip(shown, shown[1:], strict=False):
        item.following = after.anchor
    view = _view(process, catalogue, progress, shown)
    view.groups, view.matches = _groups(shown, anchors), len(items)
    view.page, view.pages = page, pages
    return view


def item_view(process, catalogue, kind, item_id):
    """One card or idea as the list shows it, after a decision on it."""
    item = Item(kind, item_id, None)
    view = _view(process, catalogue, progress_of(process), [item])
    view.groups = [Group(None, [item])]
    return view


def _view(process, catalogue, progress, items):
    current, history = _fill(process, items)
    shown = [card.id for item in items for card in item.cards]
    return ReviewPage(
        catalogue=catalogue,
        progress=progress,
        current=current,
        history=history,
        goals=goals_of(shown),
    )


def _current_decision(process):
    return and_(
        ReviewDecision.card_id == Card.id,
        ReviewDecision.current,
        ReviewDecision.process_id == process.id,
    )


def _joined(process, *columns):
    """The process's contributions with their table's action field, phase,
    category, idea and current decision, as columns."""
    return (
        contributions(process)
        .with_only_columns(*columns)
        .join(Table, Card.table_id == Table.id)
        .outerjoin(ActionField, Table.action_field_id == ActionField.id)
        .outerjoin(ReviewDecision, _current_decision(process))
    )


def _listing(process, filters):
    query = (
        _joined(process, Card.id, ActionField.name, IdeaCard.idea_id)
        .join(Phase, Card.phase_id == Phase.id)
        .join(Category, Card.category_id == Category.id)
        .outerjoin(IdeaCard, IdeaCard.card_id == Card.id)
        .where(*_conditions(filters))
    )
    return query.order_by(
        ActionField.id.is_(None),
        ActionField.position,
        ActionField.name,
        Event.starts_at,
        Card.id,
    )


def _conditions(filters):
    found = []
    if "event" in filters:
        found.append(Card.event_id == int(filters["event"]))
    if "group" in filters:
        found.append(Event.target_group == filters["group"])
    if "phase" in filters:
        found.append(_named(Phase, filters["phase"]))
    if "category" in filters:
        found.append(_named(Category, filters["category"]))
    if "language" in filters:
        found.append(Card.language == filters["language"])
    if "state" in filters:
        state = filters["state"]
        decided = ReviewDecision.outcome == state
        found.append(ReviewDecision.id.is_(None) if state == UNDECIDED else decided)
    return found


def _named(model, value):
    """A phase or category by its built-in key, else by its own name."""
    return or_(model.key == value, and_(model.key == "", model.name == value))


def option_value(thing):
    return thing.key or thing.name


def _items(rows):
    """Cards in order; the cards of an idea become one item where its first
    card stands."""
    items, ideas = [], set()
    for card_id, field_name, idea_id in rows:
        if idea_id is None:
            items.append(Item("card", card_id, field_name))
        elif idea_id not in ideas:
            ideas.add(idea_id)
            items.append(Item("idea", idea_id, field_name))
    return items


def _fill(process, items):
    """Load the shown cards, ideas and decisions into the items."""
    ideas = _by_id(
        select(Idea)
        .where(Idea.id.in_([item.id for item in items if item.kind == "idea"]))
        .options(selectinload(Idea.members))
    )
    members = [m.card_id for idea in ideas.values() for m in idea.members]
    singles = [item.id for item in items if item.kind == "card"]
    cards = _by_id(
        contributions(process).where(Card.id.in_(singles + members)).order_by(Card.id)
    )
    current, history = decisions_of(process, list(cards))
    for item in items:
        if item.kind == "card":
            item.card = cards[item.id]
            item.cards = [item.card]
            item.decision = current.get(item.id)
        else:
            item.idea = ideas[item.id]
            item.cards = [
                cards[m.card_id] for m in item.idea.members if m.card_id in cards
            ]
            item.decision = idea_decision(item.idea, current)
    return current, history


def decisions_of(process, card_ids):
    """({card id: current decision}, {card id: earlier decisions, newest first})."""
    rows = db.session.scalars(
        select(ReviewDecision)
        .where(
            ReviewDecision.process_id == process.id,
            ReviewDecision.card_id.in_(card_ids),
        )
        .options(joinedload(ReviewDecision.reviewer))
        .order_by(ReviewDecision.decided_at.desc(), ReviewDecision.id.desc())
    )
    current, history = {}, {}
    for row in rows:
        if row.current:
            current[row.card_id] = row
        else:
            history.setdefault(row.card_id, []).append(row)
    return current, history


def idea_decision(idea, current):
    """The decision taken on the idea as a whole (its cards' latest), or None."""
    taken = [
        current[m.card_id]
        for m in idea.members
        if m.card_id in current and current[m.card_id].idea_id == idea.id
    ]
    return max(taken, key=lambda d: (d.decided_at, d.id), default=None)


def goals_of(card_ids):
    """{card id: goal id} of the cards already taken into the goals register."""
    rows = db.session.execute(
        select(Goal.card_id, Goal.id).where(Goal.card_id.in_(card_ids))
    )
    return dict(rows.all())


def progress_of(process):
    """Decided and total contributions per action field, in catalogue order."""
    rows = db.session.execute(
        _joined(
            process,
            ActionField.name,
            func.count(Card.id),
            func.count(ReviewDecision.id),
        )
        .group_by(ActionField.name)
        .order_by(
            func.min(ActionField.id).is_(None),
            func.min(ActionField.position),
            ActionField.name,
        )
    )
    return [
        Progress(name, field_label(process, name), f"field-{n}", decided, total)
        for n, (name, total, decided) in enumerate(rows, start=1)
    ]


def field_label(process, name):
    """An action field's name in the reader's language where the catalogue has
    it; None: the cards of tables without one."""
    if name is None:
        return ""
    msgid = builtin_field_name(process.catalogue, name)
    if msgid is None:
        return name
    return catalogue_view(name, msgid, str(get_locale())).text


def _groups(items, progress):
    groups = []
    for item in items:
        if not groups or groups[-1].progress.name != item.field_name:
            groups.append(Group(progress[item.field_name], []))
        groups[-1].items.append(item)
    return groups
