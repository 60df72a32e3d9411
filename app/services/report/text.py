"""Any participant's text as reportlab Paragraph markup: escaped, each script in a
font that has its glyphs, Arabic and Farsi shaped and laid out right to left.

reportlab wraps lines itself, but right-to-left lines must be reordered after
wrapping; so text with right-to-left characters is wrapped here, in logical
order, and each finished line is shaped and reordered on its own.

A participant's text takes its direction from its first letter (like dir="auto");
the report's own words take the direction of the report language.

reportlab has no font fallback: each character goes to a font that has it
(the text's font, the Arabic font for Arabic script, else the emoji font)."""

import re
from functools import lru_cache
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from flask_babel import get_locale
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.plain_text import clean_text
from app.services.fonts import EMOJI_FONT, glyphs
from app.templating import text_direction

ARABIC = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)
RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
FIRST_STRONG = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u052f\u0590-\u08ff]")
# reportlab applies no ligatures: a skin-tone modifier would be drawn as a
# swatch beside its emoji instead of colouring it, so it is left out.
SKIN_TONES = re.compile("[\U0001f3fb-\U0001f3ff]")
ARABIC_FONT = "NotoSansArabic"
# Vowel marks and the Farsi ezafe (هٔ) stay: Noto Sans Arabic draws them in place.
RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def is_rtl(text):
    """True when the first strongly directional letter is Hebrew, Arabic or Farsi."""
    first = FIRST_STRONG.search(str(text or ""))
    return bool(first and RTL.match(first.group(0)))


def ui_is_rtl():
    """Whether the language the report's own words are in runs right to left."""
    return text_direction(str(get_locale())) == "rtl"


def markup(text, style, width, rtl=None):
    """Paragraph markup for text in style, for a frame width points wide;
    rtl: the paragraph's direction, found from the text when None."""
    text = clean_text(str(text or "")).replace("\r\n", "\n")
    font = style.fontName
    if not RTL.search(text):
        return "<br/>".join(_font_runs(line, font) for line in text.split("\n"))
    rtl = is_rtl(text) if rtl is None else rtl
    lines = []
    for paragraph in text.split("\n"):
        for line in _wrap(paragraph, font, style.fontSize, width):
            lines.append(shape(line, rtl))
    return "<br/>".join(_font_runs(line, font) for line in lines)


def inline_markup(text, font, rtl=None):
    """One line of markup, shaped but not wrapped: contents entries."""
    text = " ".join(clean_text(text or "").split())
    if RTL.search(text):
        text = shape(text, is_rtl(text) if rtl is None else rtl)
    return _font_runs(text, font)


def shape(line, rtl):
    """One line in drawing order, left to right, with Arabic letters joined."""
    return get_display(RESHAPER.reshape(line), base_dir="R" if rtl else "L")


def arabic_font(font):
    """The Arabic-script font of the same weight as font."""
    return f"{ARABIC_FONT}-Bold" if font.endswith("-Bold") else ARABIC_FONT


def _font_runs(text, font):
    """Escaped text, each run in a <font> tag of the font that draws it."""
    return "".join(
        escape(piece) if name == font else f'<font name="{name}">{escape(piece)}</font>'
        for name, piece in font_runs(text, font)
    )


def font_runs(text, font):
    """The text as (font name, piece) runs, each piece in a font that has its
    characters; spaces stay in the run they follow, except after emoji (the
    emoji font's space is a wide one)."""
    if text.isascii():
        return [(font, text)]
    runs = []
    for char in SKIN_TONES.sub("", text):
        follows = runs and char.isspace() and runs[-1][0] != EMOJI_FONT
        name = runs[-1][0] if follows else _font_of(char, font)
        if runs and runs[-1][0] == name:
            runs[-1][1].append(char)
        else:
            runs.append((name, [char]))
    return [(name, "".join(chars)) for name, chars in runs]


def _font_of(char, font):
    if ARABIC.match(char):
        return arabic_font(font)
    if char in glyphs(font) or char not in glyphs(EMOJI_FONT):
        return font
    return EMOJI_FONT


@lru_cache(maxsize=8192)
def _width(text, font, size):
    """Width of one word or piece, shaped; kept, as the same words come back."""
    shaped = RESHAPER.reshape(text)
    return sum(
        stringWidth(piece, name, size) for name, piece in font_runs(shaped, font)
    )


def _wrap(paragraph, font, size, width):
    """Greedy line breaking in logical order; words longer than a line are cut.
    Arabic letters join only within a word, so a line is as wide as its words
    and spaces (each space counted at the wider of its two possible fonts)."""
    space = max(stringWidth(" ", name, size) for name in (font, arabic_font(font)))
    lines, line, used = [], "", 0.0
    for word in paragraph.split():
        for piece in _cut(word, font, size, width):
            wide = _width(piece, font, size)
            if line and used + space + wide > width:
                lines.append(line)
                line, used = piece, wide
            elif line:
                line, used = f"{line} {piece}", used + space + wide
            else:
                line, used = piece, wide
    return [*lines, line]


def _cut(word, font, size, width):
    if _width(word, font, size) <= width:
        return [word]
    pieces, piece = [], ""
    for char in word:
        if piece and _width(piece + char, font, size) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]
