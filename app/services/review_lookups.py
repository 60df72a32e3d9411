"""What the review of a process reads besides its cards: the events, tables,
phases and categories the cards refer to, loaded once per page, and the progress
per action field. Action fields are named in the reader's language."""

from dataclasses import dataclass, field

from flask_babel import get_locale, pgettext
from sqlalchemy import and_, func, select

from app.extensions import db
from app.formats import (
    ACTION_FIELD_CONTEXT,
    ACTION_FIELD_LANGUAGE,
    builtin_field_name,
)
from app.models import ActionField, Card, Category, Phase, ReviewDecision, Table
from app.services.review import contributions, is_current
from app.services.text_views import SOURCE_LOCALE


@dataclass
class Lookups:
    """What the cards of the process's events refer to, loaded once: afterwards
    card.table, card.phase, card.category and table.action_field cost no query."""

    events: dict
    tables: dict
    phases: dict
    categories: dict
    languages: list
    # Labels in the reader's language, translated once per page, not per card.
    phase_labels: dict = field(default_factory=dict)
    category_labels: dict = field(default_factory=dict)


@dataclass
class Progress:
    name: str | None
    label: str
    anchor: str
    decided: int
    total: int


def load_lookups(process):
    events = {event.id: event for event in process.events}
    ids = list(events)
    phases = by_id(select(Phase).where(Phase.event_id.in_(ids)))
    categories = select(Category).where(Category.phase_id.in_(list(phases)))
    by_id(select(ActionField).where(ActionField.event_id.in_(ids)))
    languages = contributions(process).with_only_columns(Card.language).distinct()
    categories = by_id(categories)
    return Lookups(
        events=events,
        tables=by_id(select(Table).where(Table.event_id.in_(ids))),
        phases=phases,
        categories=categories,
        languages=sorted(db.session.scalars(languages)),
        phase_labels={id_: str(phase.label) for id_, phase in phases.items()},
        category_labels={id_: str(c.label) for id_, c in categories.items()},
    )


def by_id(query):
    return {row.id: row for row in db.session.scalars(query)}


def option_value(thing):
    return thing.key or thing.name


def _current_decision():
    """A card has one current decision, of its event's process. (Naming the
    process here too would let SQLite walk the process's decisions per card.)"""
    return and_(ReviewDecision.card_id == Card.id, is_current())


def joined(process, *columns):
    """The process's contributions with their table's action field, phase,
    category, idea and current decision, as columns."""
    return (
        contributions(process)
        .with_only_columns(*columns)
        .join(Table, Card.table_id == Table.id)
        .outerjoin(ActionField, Table.action_field_id == ActionField.id)
        .outerjoin(ReviewDecision, _current_decision())
    )


def progress_of(process):
    """Decided and total contributions per action field, in catalogue order."""
    rows = db.session.execute(
        joined(
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
    it, as text_views.catalogue_view reads it, but in the page's own locale: no
    forced locale, which reloads the catalogues for each name."""
    if name is None:
        return ""
    msgid = builtin_field_name(process.catalogue, name)
    language = str(get_locale())
    if msgid is None or language == ACTION_FIELD_LANGUAGE:
        return name
    text = pgettext(ACTION_FIELD_CONTEXT, msgid)
    return name if text == msgid and language != SOURCE_LOCALE else text
