"""The report's sections, each a small function: report -> list of flowables.

SECTIONS (in __init__) lists them in order; a feature that adds to the report
(polls, translations) adds its builder there. Poster photos belong to their table:
they follow its cards in the action-field chapter.

Participants' and organisers' texts go through `para` (direction from the text);
the report's own words through `label` (direction of the report language)."""

from babel.lists import format_list
from flask import current_app
from flask_babel import (
    format_date,
    format_datetime,
    format_number,
    format_time,
    get_locale,
    ngettext,
)
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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
from app.models.card import SMART_LABELS
from app.services.photo_store import photo_path
from app.services.report import content
from app.services.report.document import FRAME_HEIGHT, FRAME_WIDTH, Heading, contents
from app.services.report.styles import STYLES, right_to_left, styled
from app.services.report.text import is_rtl, markup, ui_is_rtl
from app.services.voting.export import result_table, summary
from app.services.voting.results import results

# Room below a photo for its caption and table line: two photos fit a page.
PHOTO_MAX_HEIGHT = FRAME_HEIGHT / 2 - 28 * mm


def para(text, style="body", width=FRAME_WIDTH, rtl=None, flush_right=None):
    """A paragraph of any text: escaped and shaped. rtl: its direction, that of
    its first letter when None; flush_right: its alignment, by its direction
    when None."""
    rtl = is_rtl(text) if rtl is None else rtl
    style = styled(style, rtl if flush_right is None else flush_right)
    width -= style.leftIndent + style.rightIndent
    return Paragraph(markup(text, style, width, rtl), style)


def label(text, style="body", width=FRAME_WIDTH, flush_right=None):
    """A paragraph of the report's own words, in the report language's direction."""
    return para(text, style, width, ui_is_rtl(), flush_right)


def heading(text, level):
    """A heading of the report's own words."""
    return Heading(text, level, rtl=ui_is_rtl())


def row(*cells):
    """Table cells in reading order: from the right in an RTL report."""
    return list(reversed(cells)) if ui_is_rtl() else list(cells)


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
    rows = [
        (_("Format"), str(fmt)),
        (_("Date"), _when(event.starts_at)),
        (_("Venue"), event.venue),
        (_("Target group"), event.target_group),
        (_("Organiser"), event.organiser.name if event.organiser else ""),
    ]
    data = [row(label(k, "muted"), _fact(v)) for k, v in rows if v]
    return Table(data, colWidths=row(45 * mm, 125 * mm), hAlign=_table_side())


def _fact(value):
    return para(value, "cell", 120 * mm, flush_right=ui_is_rtl())


def _table_side():
    return "RIGHT" if ui_is_rtl() else "LEFT"


def _numbers_table(report):
    numbers = content.cover_numbers(report.event)
    codes = numbers["languages"]
    names = [content.language_name(code, report.language) for code in codes]
    languages = format_list(names, locale=report.language)
    counts = [
        (numbers["participants"], _("Participants")),
        (numbers["tables"], _("Tables")),
        (numbers["cards"], _cards_label(numbers["cards_on_behalf"])),
        (len(codes), _("Languages") + ": " + languages),
    ]
    cells = [
        [label(str(n), "number"), label(text, "muted", 38 * mm)] for n, text in counts
    ]
    table = Table([row(*cells)], colWidths=[FRAME_WIDTH / 4] * 4, hAlign=_table_side())
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEABOVE", (0, 0), (-1, 0), 1, colors.HexColor("#d9dde3")),
        ]
    )
    return table


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
    blocks = [block for block in (text or "").split("\n\n") if block.strip()]
    if not blocks:
        return []
    return [heading(title, 0), *[para(block.strip()) for block in blocks]]


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
            story.append(_category_heading(category, len(cards)))
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


def _category_heading(category, count):
    style = STYLES["category"].clone(
        "category-" + category.colour, textColor=colors.HexColor(category.colour)
    )
    rtl = ui_is_rtl()
    if rtl:
        style = right_to_left(style)
    text = f"{category.label} ({count})"
    return Paragraph(markup(text, style, FRAME_WIDTH, rtl), style)


def _card(report, card):
    """The card in the event language; beneath a translation, a note of how it
    was made and the card as written; beneath an untranslated card in another
    language, that language. All of it set from the side the card's text starts.
    Between them: the host's heading and section, SMART fields and reactions."""
    view = card.view
    written_in = content.language_name(card.written_in, report.language)
    flush_right = is_rtl(view.text)
    items = [para(view.text, "card")]
    items += _card_details(card)
    if view.mark == "machine":
        note = _("Machine translation, not checked yet")
        items.append(label(note, "note", flush_right=flush_right))
    if view.original is not None:
        note = f"{_('Original')} · {written_in}"
        items.append(label(note, "note", flush_right=flush_right))
        items.append(para(view.original, "original", flush_right=flush_right))
    elif view.untranslated:
        note = f"{written_in} · {_('Not translated yet')}"
        items.append(label(note, "note", flush_right=flush_right))
    return [KeepTogether(items)]


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


def _when(moment):
    """Full date and short time, joined as the report language joins them."""
    glue = get_locale().datetime_formats["full"].replace("'", "")
    date, time = format_date(moment, "full"), format_time(moment, "short")
    return glue.replace("{1}", date).replace("{0}", time)


def televoting(report):
    """Every poll the room voted in: question, turnout and the results table, with
    a bar per answer; open-text answers as they stayed visible."""
    polls = [poll for poll in report.event.polls if poll.state != "draft"]
    if not polls:
        return []
    story = [CondPageBreak(60 * mm), heading(_("Televoting"), 0)]
    for poll in polls:
        counted = results(poll, public=True)
        facts = [str(poll.kind_label)]
        facts += [f"{name}: {format_number(n)}" for name, n in summary(counted)]
        story += [
            CondPageBreak(40 * mm),
            para(poll.question, "h2"),
            label(" · ".join(facts), "muted"),
            _result_table(*result_table(poll, counted)),
        ]
    return story


def _result_table(headers, rows):
    numbers = [r[-1] for r in rows if isinstance(r[-1], int | float)]
    top = max(numbers, default=0)
    bar_width = 40 * mm if top else 0
    widths = _column_widths(headers, rows, FRAME_WIDTH - bar_width)

    def cell(value, width):
        return para(str(value), "cell", width - 4 * mm)

    def bar(value):
        if not top or not isinstance(value, int | float) or not value:
            return ""
        drawn = Table([[""]], colWidths=[bar_width * value / top], rowHeights=[4 * mm])
        drawn.setStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#0b5cad"))])
        drawn.hAlign = _table_side()
        return drawn

    header = [label(h, "muted", w) for h, w in zip(headers, widths, strict=True)]
    body = [[cell(v, w) for v, w in zip(r, widths, strict=True)] for r in rows]
    if top:  # a bar beside each number
        header.append("")
        for cells, r in zip(body, rows, strict=True):
            cells.append(bar(r[-1]))
        widths.append(bar_width)
    data = [row(*cells) for cells in [header, *body]]
    widths = row(*widths)
    table = Table(data, colWidths=widths, hAlign=_table_side(), repeatRows=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, colors.HexColor("#d9dde3")),
        ]
    )
    return table


def _column_widths(headers, rows, total):
    """Each column as wide as its heading and its longest word (within reason);
    the rest of the width in proportion to the longest text: a dot vote's card
    text gets the room, a table number or a count little."""
    columns = [[str(r[i]) for r in rows] for i in range(len(headers))]
    least = [
        min(45 * mm, max([_width(h, "muted"), *map(_longest_word, c)])) + 5 * mm
        for h, c in zip(headers, columns, strict=True)
    ]
    asks = [min(500, max([1, *map(len, c)])) for c in columns]
    spare = max(0, total - sum(least))
    return [w + spare * a / sum(asks) for w, a in zip(least, asks, strict=True)]


def _longest_word(text):
    return max((_width(word, "cell") for word in text.split()), default=0)


def _width(text, style):
    style = STYLES[style]
    return stringWidth(text, style.fontName, style.fontSize)
