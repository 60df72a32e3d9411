"""The report's sections, each a small function: report -> list of flowables.

SECTIONS (in __init__) lists them in order; a feature that adds to the report
(polls, translations) adds its builder there. Poster photos belong to their table:
they follow its cards in the action-field chapter.

The blocks they are set from are in flowables."""

from babel.lists import format_list
from flask import current_app
from flask_babel import format_datetime, format_time, ngettext
from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Spacer,
)

from app.formats import FORMATS
from app.models.card import SMART_LABELS
from app.services.photo_store import photo_path
from app.services.report import content
from app.services.report.document import FRAME_HEIGHT, FRAME_WIDTH, Heading, contents
from app.services.report.flowables import (
    card_text,
    category_heading,
    facts_table,
    heading,
    label,
    numbers_table,
    para,
    paragraphs,
    poll_results,
    when,
)
from app.services.report.text import ui_is_rtl

# Room below a photo for its caption and table line: two photos fit a page.
PHOTO_MAX_HEIGHT = FRAME_HEIGHT / 2 - 28 * mm


def cover(report):
    event = report.event
    return [
        para(event.title, "title", flush_right=ui_is_rtl()),
        label(_("Documentation of the results"), "subtitle"),
        _facts_table(report),
        Spacer(1, 12 * mm),
        _numbers_table(report),
        *_unused_tables(report),
        PageBreak(),
    ]


def _unused_tables(report):
    """One line instead of an empty chapter for each table nobody worked at."""
    unused = content.unused_tables(report.event)
    if not unused:
        return []
    names = [_table_title(table) for table in unused]
    line = ngettext(
        "Table without cards or photos: %(tables)s",
        "Tables without cards or photos: %(tables)s",
        len(unused),
        tables=format_list(names, locale=report.language),
    )
    return [Spacer(1, 8 * mm), label(line, "muted")]


def _facts_table(report):
    event = report.event
    fmt = FORMATS.get(event.format, {}).get("label", event.format)
    return facts_table(
        [
            (_("Format"), str(fmt)),
            (_("Date"), when(event.starts_at)),
            (_("Venue"), event.venue),
            (_("Target group"), event.target_group),
            (_("Organiser"), event.organiser.name if event.organiser else ""),
        ]
    )


def _numbers_table(report):
    numbers = content.cover_numbers(report.event)
    codes = numbers["languages"]
    names = [content.language_name(code, report.language) for code in codes]
    languages = format_list(names, locale=report.language)
    return numbers_table(
        [
            (numbers["participants"], _("Participants")),
            (numbers["tables"], _("Tables")),
            (numbers["cards"], _cards_label(numbers["cards_on_behalf"])),
            (len(codes), _("Languages") + ": " + languages),
        ]
    )


def _cards_label(on_behalf):
    """The cover's label for the cards: with how many of them were entered for
    people without a phone, when any were."""
    if not on_behalf:
        return _("Cards")
    return ngettext(
        "Cards, %(num)s of them entered for someone without a phone",
        "Cards, %(num)s of them entered for people without a phone",
        on_behalf,
    )


def table_of_contents(_report):
    return [label(_("Contents"), "h1"), contents(), PageBreak()]


def introduction(report):
    return _organiser_text(_("Introduction"), report.introduction)


def closing(report):
    return _organiser_text(_("Next steps"), report.closing)


def _organiser_text(title, text):
    blocks = paragraphs(text)
    return [heading(title, 0), *blocks] if blocks else []


def run_of_event(report):
    """The run-sheet as it ran: each step with its times; work phases with the
    questions the tables answered."""
    story = [CondPageBreak(60 * mm), heading(_("Run of the event"), 0)]
    numbers = {phase.id: n for n, phase in enumerate(report.event.phases, start=1)}
    for step in report.event.steps:
        if step.kind == "phase" and step.phase is not None:
            story += _phase_step(step, numbers[step.phase.id])
        else:
            story.append(label(f"{step.label} · {_step_times(step)}", "h3"))
    return story


def _phase_step(step, number):
    phase = step.phase
    title = _("Phase %(number)s: %(name)s", number=number, name=phase.label)
    story = [heading(title, 1), label(_step_times(step), "muted")]
    story.append(label(_("Questions at the tables:"), "body"))
    return story + [_question(category) for category in phase.categories]


def _step_times(step):
    minutes = step.planned_seconds // 60
    planned = ngettext("%(num)s min planned", "%(num)s min planned", minutes)
    if not step.started_at:
        return planned
    start = format_datetime(step.started_at, "short")
    if not step.ended_at:
        return f"{planned}; {start}"
    return f"{planned}; {start} – {format_time(step.ended_at, 'short')}"


def _question(category):
    text = str(category.label)
    if category.help_text:
        text += f": {category.help_text}"
    return label(f"• {text}", "card")


def action_field_chapters(report):
    story = []
    for chapter in content.chapters(report.event):
        title = Heading(chapter.title or "—", 0, flush_right=ui_is_rtl())
        story += [CondPageBreak(80 * mm), title]
        for section in chapter.tables:
            story += _table_section(report, section)
        story += _perspective_lines(chapter)
    return story


def _table_section(report, section):
    count = section.card_count
    story = [
        heading(_table_title(section.table, with_field=False), 1),
        label(
            ngettext("%(num)s card", "%(num)s cards", count)
            if count
            else _("No cards were written at this table."),
            "muted",
        ),
    ]
    for phase, groups in section.groups:
        story.append(label(phase.label, "h3"))
        for category, cards in groups:
            story.append(category_heading(category, len(cards)))
            story += _cards_under_headings(report, cards)
    return story + _photos(section)


def _table_title(table, with_field=True):
    """The table's number and name; with_field, its action field when it has
    no name of its own."""
    topic = table.topic if with_field else table.name
    title = _("Table %(number)s", number=table.number)
    return f"{title}: {topic}" if topic else title


def _cards_under_headings(report, cards):
    """Cards in order; a host's heading above the first card of its group."""
    story, current = [], ""
    for card in cards:
        if card.heading and card.heading != current:
            story.append(para(card.heading, "category"))
        current = card.heading
        story += _card(report, card)
    return story


def _perspective_lines(chapter):
    """Perspectives as counts per category, never next to a card."""
    if not chapter.perspectives:
        return []
    story = [label(_("Perspectives of the writers"), "h3")]
    for category, found in chapter.perspectives:
        counts = ", ".join(f"{name}: {n}" for name, n in sorted(found.items()))
        story.append(label(f"{category.label} – {counts}", "muted"))
    return story


def _photos(section):
    """The table's poster photos; the heading stays on the page of the first."""
    blocks = [_photo(photo, path) for photo, path in _stored(section.photos)]
    if not blocks:
        return []
    blocks[0].insert(0, label(_("Poster photos"), "h3"))
    return [KeepTogether(block) for block in blocks]


def _stored(photos):
    for photo in photos:
        path = photo_path(photo)
        if path.is_file():
            yield photo, path
        else:
            current_app.logger.warning("photo %s: no display file", photo.id)


def _photo(photo, path):
    """The stored display JPEG, scaled to fit; reportlab reads only its header
    now and embeds the file as it is when the page is drawn."""
    image = Image(str(path), FRAME_WIDTH, PHOTO_MAX_HEIGHT, kind="bound")
    image.hAlign, image.spaceBefore = "LEFT", 6 * mm
    where = _("Table %(number)s", number=photo.table.number)
    if photo.phase is not None:
        where += f" · {photo.phase.label}"
    caption = [para(photo.caption, "caption")] if photo.caption else []
    return [image, *caption, label(where, "muted")]


def _card(report, card):
    """The card in the event language, with the host's heading and section,
    SMART fields and reactions beneath its text."""
    written_in = content.language_name(card.written_in, report.language)
    return [KeepTogether(card_text(card.view, written_in, _card_details(card)))]


def _card_details(card):
    """Section, mentions, reactions on one line; then the SMART fields."""
    notes = [_("Section %(section)s", section=card.section)] if card.section else []
    if card.mentions > 1:
        notes.append(
            ngettext("mentioned %(num)s time", "mentioned %(num)s times", card.mentions)
        )
    if card.praise or card.concern:
        notes.append(
            _(
                "praise: %(praise)s, concerns: %(concern)s",
                praise=card.praise,
                concern=card.concern,
            )
        )
    lines = [label(" · ".join(notes), "original")] if notes else []
    return lines + [
        para(f"{SMART_LABELS[name]}: {value}", "original")
        for name, value in card.smart.items()
    ]


def televoting(report):
    """Every poll the room voted in, with its results."""
    polls = [poll for poll in report.event.polls if poll.state != "draft"]
    if not polls:
        return []
    story = [CondPageBreak(60 * mm), heading(_("Televoting"), 0)]
    for poll in polls:
        story += poll_results(poll)
    return story
