"""What the report says, read from the database: chapters, cards, numbers."""

from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from sqlalchemy import func, select

from app.extensions import db
from app.models import Card, Participant
from app.models.card import CardView
from app.services.tables import event_photos


@dataclass
class ReportCard:
    """A card as the report shows it: `view` is what a reader of the event
    language sees (a finished translation with the original beneath, or the
    original alone); `written_in` is the language of the original."""

    view: CardView
    written_in: str


@dataclass
class TableSection:
    table: object
    groups: list = field(default_factory=list)  # [(phase, [(category, [cards])])]
    photos: list = field(default_factory=list)  # poster photos, not removed ones

    @property
    def card_count(self):
        return sum(len(cards) for _p, cats in self.groups for _c, cards in cats)


@dataclass
class Chapter:
    title: str
    tables: list[TableSection]


def report_card(card, language):
    """How one card appears in the report: read in `language`, the event's. The
    single place where the report decides which text of a card it shows."""
    return ReportCard(card.view_in(language), card.language)


def visible_cards(event_id):
    """The event's cards without hidden ones, in the order the report shows them."""
    return db.session.scalars(
        select(Card)
        .where(Card.event_id == event_id, Card.state == "visible")
        .order_by(Card.table_id, Card.phase_id, Card.category_id, Card.id)
    ).all()


def chapters(event):
    """One chapter per action field with its tables; tables without a field last.
    Cards are shown in the event language, whatever the report's language."""
    sections = {table.id: TableSection(table) for table in event.tables}
    _fill(sections, event, visible_cards(event.id))
    for photo in event_photos(event.id):
        sections[photo.table_id].photos.append(photo)
    result = [
        Chapter(af.name, [s for s in sections.values() if s.table.action_field is af])
        for af in event.action_fields
    ]
    loose = [s for s in sections.values() if s.table.action_field is None]
    result += [Chapter(s.table.topic, [s]) for s in loose]
    return result


def _fill(sections, event, cards):
    by_key = {}
    for card in cards:
        by_key.setdefault((card.table_id, card.category_id), []).append(card)
    for section in sections.values():
        for phase in event.phases:
            groups = [
                (category, [report_card(c, event.language) for c in found])
                for category in phase.categories
                if (found := by_key.get((section.table.id, category.id)))
            ]
            if groups:
                section.groups.append((phase, groups))


def cover_numbers(event):
    participants = db.session.scalar(
        select(func.count(Participant.id)).where(Participant.event_id == event.id)
    )
    cards = db.session.scalar(
        select(func.count(Card.id)).where(
            Card.event_id == event.id, Card.state == "visible"
        )
    )
    return {
        "participants": participants,
        "tables": len(event.tables),
        "cards": cards,
        "languages": languages_used(event),
    }


def languages_used(event):
    """Languages cards were written in and phones were set to, as codes."""
    written = select(Card.language).where(
        Card.event_id == event.id, Card.state == "visible"
    )
    phones = select(Participant.locale).where(Participant.event_id == event.id)
    codes = set(db.session.scalars(written.distinct())) | set(
        db.session.scalars(phones.distinct())
    )
    return sorted(codes | {event.language})


def language_name(code, in_language):
    """'Arabisch' for ('ar', 'de'); the code itself when Babel does not know it."""
    try:
        return Locale.parse(code).get_display_name(in_language) or code
    except (ValueError, UnknownLocaleError):
        return code
