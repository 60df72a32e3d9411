"""Any participant's text as reportlab Paragraph markup: escaped, each script in a
font that has its glyphs, Arabic and Farsi shaped and laid out right to left.

reportlab wraps lines itself, but right-to-left lines must be reordered after
wrapping; so text with right-to-left characters is wrapped here, in logical
order, and each finished line is shaped and reordered on its own."""

import re
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

ARABIC = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)
RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
FIRST_STRONG = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u052f\u0590-\u08ff]")
RUNS = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
    r"(?:\s+[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+)*"
)
ARABIC_FONT = "NotoSansArabic"


def is_rtl(text):
    """True when the first strongly directional letter is Hebrew, Arabic or Farsi."""
    first = FIRST_STRONG.search(str(text or ""))
    return bool(first and RTL.match(first.group(0)))


def markup(text, style, width):
    """Paragraph markup for text in style, for a frame width points wide."""
    text = str(text or "").replace("\r\n", "\n")
    if not RTL.search(text):
        return "<br/>".join(_font_runs(line) for line in text.split("\n"))
    base = "R" if is_rtl(text) else "L"
    lines = []
    for paragraph in text.split("\n"):
        for line in _wrap(paragraph, style.fontName, style.fontSize, width):
            lines.append(get_display(arabic_reshaper.reshape(line), base_dir=base))
    return "<br/>".join(_font_runs(line) for line in lines)


def inline_markup(text):
    """One line of markup, shaped but not wrapped: contents entries."""
    text = " ".join((text or "").split())
    if RTL.search(text):
        base = "R" if is_rtl(text) else "L"
        text = get_display(arabic_reshaper.reshape(text), base_dir=base)
    return _font_runs(text)


def _font_runs(text):
    """Escaped text with Arabic-script runs in the Arabic font."""
    parts, last = [], 0
    for match in RUNS.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<font name="{ARABIC_FONT}">{escape(match.group(0))}</font>')
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def _width(text, font, size):
    shaped = arabic_reshaper.reshape(text)
    arabic = "".join(ARABIC.findall(shaped))
    rest = ARABIC.sub("", shaped)
    return stringWidth(rest, font, size) + stringWidth(arabic, ARABIC_FONT, size)


def _wrap(paragraph, font, size, width):
    """Greedy line breaking in logical order; words longer than a line are cut."""
    lines, line = [], ""
    for word in paragraph.split():
        for piece in _cut(word, font, size, width):
            candidate = f"{line} {piece}" if line else piece
            if line and _width(candidate, font, size) > width:
                lines.append(line)
                line = piece
            else:
                line = candidate
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
