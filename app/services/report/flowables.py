"""The building blocks every report is set from: paragraphs of any text, the
report's own words and headings, tables in reading order, a card with its
original beneath, a poll with its results.

Participants' and organisers' texts go through `para` (direction from the text);
the report's own words through `label` (direction of the report language)."""

from flask_babel import format_date, format_number, format_time, get_locale
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Table

from app.services.report.document import FRAME_WIDTH, Heading, SteadyParagraph
from app.services.report.styles import STYLES, right_to_left, styled
from app.services.report.text import is_rtl, markup, ui_is_rtl
from app.services.voting.export import result_table, summary
from app.services.voting.results import results

RULE = colors.HexColor("#d9dde3")


def para(text, style="body", width=FRAME_WIDTH, rtl=None, flush_right=None):
    """A paragraph of any text: escaped and shaped. rtl: its direction, that of
    its first letter when None; flush_right: its alignment, by its direction
    when None."""
    rtl = is_rtl(text) if rtl is None else rtl
    style = styled(style, rtl if flush_right is None else flush_right)
    width -= style.leftIndent + style.rightIndent
    return SteadyParagraph(markup(text, style, width, rtl), style)


def label(text, style="body", width=FRAME_WIDTH, flush_right=None):
    """A paragraph of the report's own words, in the report language's direction."""
    return para(text, style, width, ui_is_rtl(), flush_right)


def heading(text, level):
    """A heading of the report's own words."""
    return Heading(text, level, rtl=ui_is_rtl())


def row(*cells):
    """Table cells in reading order: from the right in an RTL report."""
    return list(reversed(cells)) if ui_is_rtl() else list(cells)


def table_side():
    return "RIGHT" if ui_is_rtl() else "LEFT"


def facts_table(facts):
    """(name, value) lines: names muted, values any text set on the side the
    report language starts; lines without a value are left out."""
    data = [
        row(label(k, "muted"), para(v, "cell", 120 * mm, flush_right=ui_is_rtl()))
        for k, v in facts
        if v
    ]
    return Table(data, colWidths=row(45 * mm, 125 * mm), hAlign=table_side())


def numbers_table(counts):
    """Big numbers in a row, each above its muted label: (number, label) pairs."""
    width = FRAME_WIDTH / len(counts)
    cells = [
        [label(str(n), "number"), label(text, "muted", width - 4 * mm)]
        for n, text in counts
    ]
    table = Table([row(*cells)], colWidths=[width] * len(counts), hAlign=table_side())
    table.setStyle(
        [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEABOVE", (0, 0), (-1, 0), 1, RULE)]
    )
    return table


def when(moment):
    """Full date and short time, joined as the report language joins them."""
    glue = get_locale().datetime_formats["full"].replace("'", "")
    date, time = format_date(moment, "full"), format_time(moment, "short")
    return glue.replace("{1}", date).replace("{0}", time)


def category_heading(category, count):
    style = STYLES["category"].clone(
        "category-" + category.colour, textColor=colors.HexColor(category.colour)
    )
    rtl = ui_is_rtl()
    if rtl:
        style = right_to_left(style)
    text = f"{category.label} ({count})"
    return SteadyParagraph(markup(text, style, FRAME_WIDTH, rtl), style)


def paragraphs(text):
    """An organiser's text, a paragraph for each block between blank lines."""
    blocks = (block.strip() for block in (text or "").split("\n\n"))
    return [para(block) for block in blocks if block]


def card_text(view, written_in, details=()):
    """A card as read in one language (view); beneath a translation, a note of
    how it was made and the card as written; beneath an untranslated card in
    another language, that language (written_in: its name). details: flowables
    between the text and the notes. All of it set from the side the text starts."""
    flush_right = is_rtl(view.text)
    items = [para(view.text, "card"), *details]
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
    return items


def poll_results(poll):
    """A poll the room voted in: question, turnout and the results table, with a
    bar per answer; open-text answers as they stayed visible."""
    counted = results(poll, public=True)
    facts = [str(poll.kind_label)]
    facts += [f"{name}: {format_number(n)}" for name, n in summary(counted)]
    return [
        CondPageBreak(40 * mm),
        para(poll.question, "h2"),
        label(" · ".join(facts), "muted"),
        data_table(*result_table(poll, counted)),
    ]


def data_table(headers, rows, bars=True, widths=None):
    """Rows under muted headings, columns as wide as they need (or as widths
    says); bars: when the last column holds numbers, a bar beside each."""
    numbers = [r[-1] for r in rows if bars and isinstance(r[-1], int | float)]
    top = max(numbers, default=0)
    bar_width = 40 * mm if top else 0
    widths = list(widths or _column_widths(headers, rows, FRAME_WIDTH - bar_width))

    def cell(value, width):
        number = isinstance(value, int | float)  # set like the headings
        flush_right = ui_is_rtl() if number else None
        return para(str(value), "cell", width - 4 * mm, flush_right=flush_right)

    header = [label(h, "muted", w) for h, w in zip(headers, widths, strict=True)]
    body = [[cell(v, w) for v, w in zip(r, widths, strict=True)] for r in rows]
    if top:  # a bar beside each number
        header.append("")
        for cells, r in zip(body, rows, strict=True):
            cells.append(_bar(r[-1], top, bar_width))
        widths.append(bar_width)
    data = [row(*cells) for cells in [header, *body]]
    table = Table(data, colWidths=row(*widths), hAlign=table_side(), repeatRows=1)
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 1, RULE),
        ]
    )
    return table


def _bar(value, top, width):
    if not isinstance(value, int | float) or not value:
        return ""
    drawn = Table([[""]], colWidths=[width * value / top], rowHeights=[4 * mm])
    drawn.setStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#0b5cad"))])
    drawn.hAlign = table_side()
    return drawn


def _column_widths(headers, rows, total):
    """Each column as wide as its heading and its longest word (within reason);
    the rest of the width in proportion to the longest text: a dot vote's card
    text gets the room, a table number or a count little. Short of room, the
    headings wrap between their words."""
    columns = [[str(r[i]) for r in rows] for i in range(len(headers))]
    words = [max([1, *map(longest_word, c)]) for c in columns]
    least = [
        min(45 * mm, max(_width(h, "muted"), w)) + 5 * mm
        for h, w in zip(headers, words, strict=True)
    ]
    if sum(least) > total:
        return _narrowed(headers, words, least, total)
    asks = [min(500, max([1, *map(len, c)])) for c in columns]
    spare = total - sum(least)
    return [w + spare * a / sum(asks) for w, a in zip(least, asks, strict=True)]


def _narrowed(headers, words, least, total):
    """Widths that fit total: no column narrower than its longest word (its
    heading's included), the room left shared by what headings would like."""
    must = [
        min(45 * mm, max(longest_word(h, "muted"), w)) + 5 * mm
        for h, w in zip(headers, words, strict=True)
    ]
    if sum(must) >= total:
        return [w * total / sum(must) for w in must]
    wishes = [wide - narrow for wide, narrow in zip(least, must, strict=True)]
    room = total - sum(must)
    return [w + room * wish / sum(wishes) for w, wish in zip(must, wishes, strict=True)]


def longest_word(text, style="cell"):
    """The width of the widest word of text in style, in points."""
    return max((_width(word, style) for word in text.split()), default=0)


def _width(text, style):
    style = STYLES[style]
    return stringWidth(text, style.fontName, style.fontSize)
