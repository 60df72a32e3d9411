"""Text on printouts (table cards, host cards, voting-code slips) in any of the
app's languages. Each text gets a box on the page and never leaves it: it wraps
within the box, shrinks down to a legible minimum when it needs more room, and
is then shortened with an ellipsis. Arabic and Farsi are shaped and set right
to left, emoji drawn, as in the report (app/services/report/text.py)."""

from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from app.services.report.styles import INK
from app.services.report.text import markup, ui_is_rtl

ELLIPSIS = "…"
SHRINK = 0.92  # each try is this much smaller than the one before
LEADING = 1.2


@dataclass(frozen=True)
class Box:
    """A rectangle on the page, in points from the page's bottom left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self):
        return self.y + self.height

    def inset(self, by):
        return Box(self.x + by, self.y + by, self.width - 2 * by, self.height - 2 * by)

    def strip(self, below_top, height):
        """The full-width strip `height` high whose top is `below_top` under
        this box's top edge."""
        return Box(self.x, self.top - below_top - height, self.width, height)


@dataclass(frozen=True)
class Look:
    """How a text is set: largest and smallest font size, weight, colour and
    alignment ("centre", or "start": left, or right on a right-to-left page)."""

    size: float
    min_size: float
    bold: bool = False
    colour: object = INK
    align: str = "centre"


def draw_text(pdf, text, box, look, rtl=None, valign="middle"):
    """Draw text fitted into box; rtl: the text's direction, from its first
    letter when None (the app's own words pass ui_is_rtl())."""
    paragraph = fitted(text, box, look, rtl)
    _, height = paragraph.wrap(box.width, box.height)
    y = box.top - height if valign == "top" else box.y + (box.height - height) / 2
    paragraph.drawOn(pdf, box.x, y)


def fitted(text, box, look, rtl=None):
    """The paragraph of text at the largest size that fits box, else at the
    smallest size with as much of the text as fits, ending in an ellipsis."""
    text = " ".join(str(text or "").split())
    size = look.size
    while size > look.min_size:
        paragraph = _paragraph(text, size, box, look, rtl)
        if _fits(paragraph, box):
            return paragraph
        size *= SHRINK
    return _shortened(text, box, look, rtl)


def _shortened(text, box, look, rtl):
    """Binary search for the longest beginning of text that fits with "…"."""
    fits, too_long = 0, len(text) + 1
    best = _paragraph(text, look.min_size, box, look, rtl)
    if _fits(best, box):
        return best
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        candidate = text[:middle].rstrip() + ELLIPSIS
        paragraph = _paragraph(candidate, look.min_size, box, look, rtl)
        if _fits(paragraph, box):
            fits, best = middle, paragraph
        else:
            too_long = middle
    return best if fits else _paragraph(ELLIPSIS, look.min_size, box, look, rtl)


def _fits(paragraph, box):
    return paragraph.wrap(box.width, box.height)[1] <= box.height


def _paragraph(text, size, box, look, rtl):
    style = ParagraphStyle(
        "printout",
        fontName="DejaVuSans-Bold" if look.bold else "DejaVuSans",
        fontSize=size,
        leading=size * LEADING,
        textColor=look.colour,
        alignment=_alignment(look.align),
        splitLongWords=1,
    )
    return Paragraph(markup(text, style, box.width, rtl), style)


def _alignment(align):
    if align == "centre":
        return TA_CENTER
    return TA_RIGHT if ui_is_rtl() else TA_LEFT
