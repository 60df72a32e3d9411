"""The review workspace as the coordination group reads it: a process's
contributions by action field, filtered on the server and a page at a time, with
their current and earlier decisions, their ideas and the progress per action
field. A fixed handful of queries, however many cards the process has."""

from dataclasses import dataclass, field
from math import ceil

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
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
)
from app.models.process import OUTCOMES
from app.services.review import contributions
from app.services.review_lookups import Lookups, Progress, by_id, joined, progress_of

PAGE_SIZE = 50
UNDECIDED = "undecided"
STATES = (UNDECIDED, *OUTCOMES)
FILTERS = ("event", "group", "phase", "category", "language", "state")


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
class Group:
    progress: Progress
    items: list


@dataclass
class ReviewPage:
    lookups: Lookups
    progress: list
    current: dict
    history: dict
    goals: dict
    groups: list = field(default_factory=list)
    matches: int = 0
    page: int = 1
    pages: int = 1


def review_page(process, lookups, filters, page=1):
    """One page of the review list; filters: {name in FILTERS: value} as the
    filter form checked them against the lookups."""
    progress = progress_of(process)
    anchors = {entry.name: entry for entry in progress}
    items = _items(db.session.execute(_listing(process, filters)))
    pages = max(1, ceil(len(items) / PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    for item, after in zip(shown, shown[1:], strict=False):
        item.following = after.anchor
    view = _view(process, lookups, progress, shown)
    view.groups, view.matches = _groups(shown, anchors), len(items)
    view.page, view.pages = page, pages
    return view


def item_view(process, lookups, kind, item_id):
    """One card or idea as the list shows it, after a decision on it."""
    item = Item(kind, item_id, None)
    view = _view(process, lookups, progress_of(process), [item])
    view.groups = [Group(None, [item])]
    return view


def _view(process, lookups, progress, items):
    current, history = _fill(process, items)
    shown = [card.id for item in items for card in item.cards]
    return ReviewPage(
        lookups=lookups,
        progress=progress,
        current=current,
        history=history,
        goals=goals_of(shown),
    )


def _listing(process, filters):
    query = (
        joined(process, Card.id, ActionField.name, IdeaCard.idea_id)
        .join(Phase, Card.phase_id == Phase.id)
        .join(Category, Card.category_id == Category.id)
        .outerjoin(IdeaCard, IdeaCard.card_id == Card.id)
        .where(*_conditions(filters))
    )
    # Within a field, the cards under one heading (an accepted theme) together.
    return query.order_by(
        ActionField.id.is_(None),
        ActionField.position,
        ActionField.name,
        Card.heading == "",
        Card.heading,
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
    ideas = by_id(
        select(Idea)
        .where(Idea.id.in_([item.id for item in items if item.kind == "idea"]))
        .options(selectinload(Idea.members))
    )
    members = [m.card_id for idea in ideas.values() for m in idea.members]
    singles = [item.id for item in items if item.kind == "card"]
    cards = by_id(
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


def _groups(items, progress):
    groups = []
    for item in items:
        if not groups or groups[-1].progress.name != item.field_name:
            groups.append(Group(progress[item.field_name], []))
        groups[-1].items.append(item)
    return groups
