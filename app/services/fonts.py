"""Fonts that ship with the project (app/fonts, with their licences): no system
font is assumed. DejaVu Sans covers Latin, Cyrillic, Greek and Turkish; Noto Sans
Arabic covers Arabic and Farsi, including the shaped presentation forms; Noto
Emoji draws the emoji DejaVu lacks, in outline."""

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent.parent / "fonts"
EMOJI_FONT = "NotoEmoji"
FONTS = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "NotoSansArabic": "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold": "NotoSansArabic-Bold.ttf",
    EMOJI_FONT: "NotoEmoji-Regular.ttf",
}


def register_fonts():
    registered = pdfmetrics.getRegisteredFontNames()
    for name, filename in FONTS.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, FONT_DIR / filename))
    for family in ("DejaVuSans", "NotoSansArabic"):
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, f"{family}-Bold")
        addMapping(family, 0, 1, family)
        addMapping(family, 1, 1, f"{family}-Bold")
    # One weight only: emoji inside bold text are drawn in it too.
    for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        addMapping(EMOJI_FONT, bold, italic, EMOJI_FONT)


@cache
def glyphs(font):
    """The characters a registered font can draw."""
    return frozenset(map(chr, pdfmetrics.getFont(font).face.charToGlyph))


def _to_unicode_cmap(fontname, subset):
    """reportlab's text-layer map, with characters beyond U+FFFF (emoji) written
    as UTF-16 surrogate pairs: reportlab writes them as five hex digits, which
    PDF readers cut to four, so a copied 👍 would read as ὄ."""
    cmap = _reportlab_to_unicode_cmap(fontname, subset)
    for code, char in enumerate(subset):
        if char > 0xFFFF:
            pair = chr(char).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{code:02X}> <{char:04X}>", f"<{code:02X}> <{pair}>")
    return cmap


_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap
