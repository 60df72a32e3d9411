"""What the report says, read from the database: chapters, cards, numbers."""

from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Participant
from app.models.card import SMART_FIELDS, CardView
from app.services.stats import card_counts, participant_count, perspective_counts
from app.services.tables import event_photos


@dataclass
class ReportCard:
    """A card as the report shows it: `view` is what a reader of the event
    language sees (a finished translation with the original beneath, or the
    original alone); `written_in` is the language of the original. As the
    table's host left it (corrected, merged duplicates counted once, under a
    heading), with the goal proposal's SMART fields and the gallery walk's
    reactions."""

    view: CardView
    written_in: str
    heading: str = ""
    section: str = ""
    mentions: int = 1
    smart: dict = field(default_factory=dict)
    praise: int = 0
    concern: int = 0


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
    # {category: {perspective: cards}} of the chapter's action field
    perspectives: list = field(default_factory=list)


def report_card(card, language):
    """How one card appears in the report: read in `language`, the event's. The
    single place where the report decides which text of a card it shows."""
    smart = {name: getattr(card, name) for name in SMART_FIELDS}
    return ReportCard(
        card.view_in(language),
        card.language,
        heading=card.heading,
        section=card.section,
        mentions=card.merged_count + 1,
        smart={k: v for k, v in smart.items() if v} if card.category.smart else {},
        praise=card.praise_count,
        concern=card.concern_count,
    )


def visible_cards(event_id):
    """The event's cards without hidden ones and merged duplicates, in the order the
    report shows them: a host's headings keep their cards together."""
    return db.session.scalars(
        select(Card)
        .where(Card.event_id == event_id, Card.state == "visible")
        .order_by(Card.table_id, Card.phase_id, Card.category_id, Card.heading, Card.id)
    ).all()


def chapters(event):
    """One chapter per action field with its tables; tables without a field last.
    Phases at mixed or free tables are not about an action field: each gets a
    chapter of its own after them. Cards are shown in the event language,
    whatever the report's language. Tables without cards or photos are left
    out, and so are chapters left without a table (see unused_tables)."""
    by_field = [p for p in event.phases if p.seating == "action_field"]
    sections = {table.id: TableSection(table) for table in event.tables}
    cards = visible_cards(event.id)
    _fill(sections, by_field, cards, event.language)
    for photo in event_photos(event.id):
        sections[photo.table_id].photos.append(photo)
    used = [s for s in sections.values() if s.groups or s.photos]
    counts = perspective_counts(event.id)
    result = [
        Chapter(
            af.name,
            [s for s in used if s.table.action_field is af],
            _perspectives(counts, af.id, by_field),
        )
        for af in event.action_fields
    ]
    loose = [s for s in used if s.table.action_field is None]
    result += [Chapter(s.table.topic, [s]) for s in loose]
    return [c for c in result if c.tables] + _phase_chapters(event, cards)


def unused_tables(event):
    """Tables without a visible card or poster photo in any phase."""
    written = select(Card.table_id).where(
        Card.event_id == event.id, Card.state == "visible"
    )
    used = set(db.session.scalars(written.distinct()))
    used |= {photo.table_id for photo in event_photos(event.id)}
    return [table for table in event.tables if table.id not in used]


def _perspectives(counts, field_id, phases):
    return [
        (category, found)
        for phase in phases
        for category in phase.categories
        if (found := counts.get((field_id, category.id)))
    ]


def _phase_chapters(event, cards):
    result = []
    for phase in event.phases:
        if phase.seating == "action_field":
            continue
        sections = {table.id: TableSection(table) for table in event.tables}
        _fill(sections, [phase], cards, event.language)
        filled = [s for s in sections.values() if s.groups]
        if filled:
            result.append(Chapter(_seating_title(phase), filled))
    return result


def _seating_title(phase):
    if phase.seating == "mixed":
        return _("%(phase)s (mixed tables)", phase=phase.label)
    return _("%(phase)s (free seating)", phase=phase.label)


def _fill(sections, phases, cards, language):
    by_key = {}
    for card in cards:
        by_key.setdefault((card.table_id, card.category_id), []).append(card)
    for section in sections.values():
        for phase in phases:
            groups = [
                (category, [report_card(c, language) for c in found])
                for category in phase.categories
                if (found := by_key.get((section.table.id, category.id)))
            ]
            if groups:
                section.groups.append((phase, groups))


def cover_numbers(event):
    """The event in numbers; `cards_on_behalf`: how many of the cards were entered
    for people without a phone (by a host, the moderator or a table tablet)."""
    counted = card_counts(Card.event_id == event.id)
    return {
        "participants": participant_count(event.id),
        "tables": len(event.tables),
        "cards": counted["cards"],
        "cards_on_behalf": counted["on_behalf"],
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
