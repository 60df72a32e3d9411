"""The report's sections, each a small function: report -> list of flowables.

SECTIONS (in __init__) lists them in order; a feature that adds to the report
(polls, translations) adds its builder there. Poster photos belong to their table:
they follow its cards in the action-field chapter."""

from flask import current_app
from flask_babel import format_date, format_datetime, format_time, ngettext
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from app.formats import FORMATS
from app.services.photo_store import photo_path
from app.services.report import content
from app.services.report.document import FRAME_HEIGHT, FRAME_WIDTH, Heading, contents
from app.services.report.styles import STYLES, right_to_left
from app.services.report.text import is_rtl, markup

# Room below a photo for its caption and table line: two photos fit a page.
PHOTO_MAX_HEIGHT = FRAME_HEIGHT / 2 - 28 * mm


def para(text, style="body", width=FRAME_WIDTH, rtl=None):
    """A paragraph of any text: escaped, shaped, right-aligned when it is RTL."""
    style = STYLES[style]
    if is_rtl(text) if rtl is None else rtl:
        style = right_to_left(style)
    return Paragraph(markup(text, style, width - style.leftIndent), style)


def cover(report):
    event = report.event
    return [
        para(event.title, "title"),
        para(_("Documentation of the results"), "subtitle"),
        _facts_table(report),
        Spacer(1, 12 * mm),
        _numbers_table(report),
        PageBreak(),
    ]


def _facts_table(report):
    event = report.event
    fmt = FORMATS.get(event.format, {}).get("label", event.format)
    rows = [
        (_("Format"), str(fmt)),
        (_("Date"), _when(event.starts_at)),
        (_("Venue"), event.venue),
        (_("Target group"), event.target_group),
        (_("Organiser"), event.organiser.name if event.organiser else ""),
    ]
    data = [[para(k, "muted"), para(v, "cell", 120 * mm)] for k, v in rows if v]
    return Table(data, colWidths=[45 * mm, 125 * mm], hAlign="LEFT")


def _numbers_table(report):
    numbers = content.cover_numbers(report.event)
    names = [content.language_name(c, report.language) for c in numbers["languages"]]
    cells = [
        (numbers["participants"], _("Participants")),
        (numbers["tables"], _("Tables")),
        (numbers["cards"], _("Cards")),
        (len(names), _("Languages") + ": " + ", ".join(names)),
    ]
    row = [
        [para(str(n), "number"), para(label, "muted", 38 * mm)] for n, label in cells
    ]
    table = Table([row], colWidths=[FRAME_WIDTH / 4] * 4, hAlign="LEFT")
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEABOVE", (0, 0), (-1, 0), 1, colors.HexColor("#d9dde3")),
        ]
    )
    return table


def table_of_contents(_report):
    return [para(_("Contents"), "h1"), contents(), PageBreak()]


def introduction(report):
    return _organiser_text(_("Introduction"), report.introduction)


def closing(report):
    return _organiser_text(_("Next steps"), report.closing)


def _organiser_text(title, text):
    blocks = [block for block in (text or "").split("\n\n") if block.strip()]
    if not blocks:
        return []
    return [Heading(title, 0), *[para(block.strip()) for block in blocks]]


def run_of_event(report):
    """The run-sheet as it ran: each step with its times; work phases with the
    questions the tables answered."""
    story = [CondPageBreak(60 * mm), Heading(_("Run of the event"), 0)]
    numbers = {phase.id: n for n, phase in enumerate(report.event.phases, start=1)}
    for step in report.event.steps:
        if step.kind == "phase" and step.phase is not None:
            story += _phase_step(step, numbers[step.phase.id])
        else:
            story.append(para(f"{step.label} · {_step_times(step)}", "h3"))
    return story


def _phase_step(step, number):
    phase = step.phase
    title = _("Phase %(number)s: %(name)s", number=number, name=phase.label)
    story = [Heading(title, 1), para(_step_times(step), "muted")]
    story.append(para(_("Questions at the tables:"), "body"))
    return story + [_question(category) for category in phase.categories]


def _step_times(step):
    planned = _("%(minutes)s min planned", minutes=step.planned_seconds // 60)
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
    return para(f"• {text}", "card")


def action_field_chapters(report):
    story = []
    for chapter in content.chapters(report.event, report.language):
        story += [CondPageBreak(80 * mm), Heading(chapter.title or "—", 0)]
        for section in chapter.tables:
            story += _table_section(report, section)
        if not chapter.tables:
            story.append(para(_("No table worked on this action field."), "muted"))
        story += _perspective_lines(chapter)
    return story


def _table_section(report, section):
    table = section.table
    title = _("Table %(number)s", number=table.number)
    if table.name:
        title += f": {table.name}"
    count = section.card_count
    story = [
        Heading(title, 1),
        para(
            ngettext("%(num)s card", "%(num)s cards", count)
            if count
            else _("No cards were written at this table."),
            "muted",
        ),
    ]
    for phase, groups in section.groups:
        story.append(para(phase.label, "h3"))
        for category, cards in groups:
            story.append(_category_heading(category, len(cards)))
            story += _cards_under_headings(report, cards)
    return story + _photos(section)


def _cards_under_headings(report, cards):
    """Cards in order; a host's heading above the first card of its group."""
    story, heading = [], ""
    for card in cards:
        if card.heading and card.heading != heading:
            story.append(para(card.heading, "category"))
        heading = card.heading
        story += _card(report, card)
    return story


def _perspective_lines(chapter):
    """Perspectives as counts per category, never next to a card."""
    if not chapter.perspectives:
        return []
    story = [para(_("Perspectives of the writers"), "h3")]
    for category, found in chapter.perspectives:
        counts = ", ".join(f"{name}: {n}" for name, n in sorted(found.items()))
        story.append(para(f"{category.label} – {counts}", "muted"))
    return story


def _photos(section):
    """The table's poster photos; the heading stays on the page of the first."""
    blocks = [_photo(photo, path) for photo, path in _stored(section.photos)]
    if not blocks:
        return []
    blocks[0].insert(0, para(_("Poster photos"), "h3"))
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
    return [image, *caption, para(where, "muted", rtl=is_rtl(photo.caption))]


def _category_heading(category, count):
    style = STYLES["category"].clone(
        "category-" + category.colour, textColor=colors.HexColor(category.colour)
    )
    return Paragraph(markup(f"{category.label} ({count})", style, FRAME_WIDTH), style)


def _card(report, card):
    first, *originals = card.texts
    items = [para(first.text, "card")]
    items += _card_details(card)
    for original in originals:
        name = content.language_name(original.language, report.language)
        items.append(para(f"{name}: {original.text}", "original"))
    if not originals and first.language != report.language:
        name = content.language_name(first.language, report.language)
        note = _("written in %(language)s", language=name)
        items.append(para(note, "original", rtl=is_rtl(first.text)))
    return items


SMART_LABELS = {
    "indicator": lambda: _("Indicator"),
    "actor": lambda: _("Responsible"),
    "deadline": lambda: _("Deadline"),
    "resources": lambda: _("Resources"),
}


def _card_details(card):
    """Section, mentions, reactions on one line; then the SMART fields."""
    notes = [_("Section %(section)s", section=card.section)] if card.section else []
    if card.mentions > 1:
        notes.append(_("mentioned %(count)s times", count=card.mentions))
    if card.praise or card.concern:
        notes.append(
            _(
                "praise: %(praise)s, concerns: %(concern)s",
                praise=card.praise,
                concern=card.concern,
            )
        )
    lines = [para(" · ".join(notes), "original")] if notes else []
    return lines + [
        para(f"{SMART_LABELS[name]()}: {value}", "original")
        for name, value in card.smart.items()
    ]


def _when(moment):
    return f"{format_date(moment, 'full')}, {format_time(moment, 'short')}"
