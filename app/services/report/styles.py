"""Paragraph styles of the report: DejaVu Sans throughout (see app/services/fonts)."""

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5b6470")
ACCENT = colors.HexColor("#0b5cad")


def _style(name, size, leading, **options):
    options.setdefault("fontName", "DejaVuSans")
    options.setdefault("textColor", INK)
    return ParagraphStyle(name, fontSize=size, leading=leading, **options)


STYLES = {
    "title": _style("title", 26, 32, fontName="DejaVuSans-Bold", spaceAfter=10),
    "subtitle": _style("subtitle", 14, 19, textColor=MUTED, spaceAfter=24),
    "h1": _style(
        "h1", 18, 23, fontName="DejaVuSans-Bold", spaceBefore=14, spaceAfter=10
    ),
    "h2": _style(
        "h2", 13.5, 18, fontName="DejaVuSans-Bold", spaceBefore=12, spaceAfter=6
    ),
    "h3": _style("h3", 11.5, 15, fontName="DejaVuSans-Bold", spaceBefore=8),
    "category": _style("category", 10.5, 14, fontName="DejaVuSans-Bold", spaceBefore=6),
    "body": _style("body", 10.5, 15, spaceAfter=6),
    "card": _style("card", 10, 13.5, leftIndent=12, bulletIndent=2, spaceBefore=3),
    "original": _style("original", 8.5, 11.5, leftIndent=12, textColor=MUTED),
    "note": _style("note", 7.5, 10, leftIndent=12, textColor=MUTED, spaceBefore=1),
    "outcome": _style(
        "outcome", 8.5, 11.5, fontName="DejaVuSans-Bold", leftIndent=12, spaceBefore=2
    ),
    "muted": _style("muted", 9.5, 13, textColor=MUTED),
    "caption": _style("caption", 10, 13.5, spaceBefore=4),
    "cell": _style("cell", 10.5, 14),
    "number": _style("number", 20, 24, fontName="DejaVuSans-Bold", textColor=ACCENT),
    "toc1": _style("toc1", 11.5, 16, fontName="DejaVuSans-Bold", spaceBefore=4),
    "toc2": _style("toc2", 10, 13, leftIndent=14),
    "folio": _style("folio", 8.5, 11, textColor=MUTED, alignment=TA_CENTER),
}


def styled(name, flush_right):
    """The named style, mirrored when the paragraph is set flush right."""
    return right_to_left(STYLES[name]) if flush_right else STYLES[name]


def right_to_left(style):
    """The same style mirrored for Arabic, Farsi or Hebrew: flush right, indented
    from the right."""
    return ParagraphStyle(
        f"{style.name}-rtl",
        parent=style,
        alignment=TA_RIGHT,
        leftIndent=style.rightIndent,
        rightIndent=style.leftIndent,
    )
