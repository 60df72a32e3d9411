"""Fonts that ship with the project (app/fonts, with their licences): no system
font is assumed. DejaVu Sans covers Latin, Cyrillic, Greek and Turkish; Noto Sans
Arabic covers Arabic and Farsi, including the shaped presentation forms."""

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent.parent / "fonts"
FONTS = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "NotoSansArabic": "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold": "NotoSansArabic-Bold.ttf",
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
