"""Printable cards, one A4 page per table: the table card that stands on the table
(its number large, its join QR code, the kinds of card with their pictograms) and
the host card for the table's host,
which must never be mistaken for it (a dark band across the top and bottom, the
QR code beside the text, no large number). Every text keeps to its box in any
language and length (app/services/printing)."""

import io

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from app.network import public_url
from app.pictograms import CREDIT, pictogram_png
from app.services.fonts import register_fonts
from app.services.printing import Box, Look, draw_text
from app.services.qr import qr_png
from app.services.report.styles import MUTED
from app.services.report.text import ui_is_rtl
from app.services.text_views import topic_view

WIDTH, HEIGHT = A4
MARGIN = 15 * mm
CONTENT = WIDTH - 2 * MARGIN
BAND = colors.HexColor("#1b1f24")
WHITE = colors.white


def row(top, height, x=MARGIN, width=CONTENT):
    """A box `height` high whose top is `top` below the page's top edge."""
    return Box(x, HEIGHT - top - height, width, height)


def table_cards_pdf(event):
    """The PDF as bytes, texts in the event's language."""
    return _cards_pdf(event, _l("Table cards: %(title)s"), draw_table_card)


def host_cards_pdf(event):
    """One page per table with the QR code that makes a phone the table's host."""
    return _cards_pdf(event, _l("Host cards: %(title)s"), draw_host_card)


def _cards_pdf(event, title, draw_page):
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    with force_locale(event.language):
        pdf.setTitle(str(title) % {"title": event.title})
        pdf.setAuthor("Tischrunde")
        for table in event.tables:
            draw_page(pdf, event, table)
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def draw_table_card(pdf, event, table):
    url = public_url(url_for("participation.join_table", token=table.join_token))
    rtl = ui_is_rtl()
    number = _("Table %(number)s", number=table.number)
    draw_text(pdf, event.title, row(15 * mm, 20 * mm), Look(14, 8, colour=MUTED))
    draw_text(pdf, number, row(37 * mm, 32 * mm), Look(72, 28, bold=True), rtl)
    draw_text(pdf, _topic(table), row(71 * mm, 38 * mm), Look(28, 12, bold=True))
    _qr(pdf, url, Box((WIDTH - 90 * mm) / 2, HEIGHT - 201 * mm, 90 * mm, 90 * mm))
    caption = _("Scan to join this table — no app, no account.")
    draw_text(pdf, caption, row(203 * mm, 20 * mm), Look(16, 9), rtl)
    _categories(pdf, event, row(226 * mm, 29 * mm), rtl)
    draw_text(pdf, url, row(258 * mm, 16 * mm), Look(12, 7, colour=MUTED), False)
    credit = f"{_('Pictograms:')} {CREDIT}"
    draw_text(pdf, credit, row(275 * mm, 6 * mm), Look(7, 5, colour=MUTED), rtl)


def _categories(pdf, event, box, rtl):
    """The kinds of card written at the table, each pictogram above its name, in
    reading order."""
    categories = list(
        {c.label: c for phase in event.phases for c in phase.categories}.values()
    )
    if not categories:
        return
    width = box.width / len(categories)
    size = min(14 * mm, width * 0.8)
    for index, category in enumerate(categories):
        slot = len(categories) - 1 - index if rtl else index
        x = box.x + slot * width
        image = ImageReader(str(pictogram_png(category.pictogram_key)))
        top = box.top - size
        pdf.drawImage(image, x + (width - size) / 2, top, size, size, mask="auto")
        label = Box(x + 0.5 * mm, box.y, width - mm, box.height - size - 1 * mm)
        draw_text(pdf, str(category.label), label, Look(9, 6), valign="top")


def _topic(table):
    """The topic in the event's language: a built-in action field of an event held
    in Arabic reads in Arabic (the cards are printed inside force_locale)."""
    return topic_view(table, table.event.language).text


def draw_host_card(pdf, event, table):
    """A band top and bottom names the host; table and topic in ordinary type;
    the QR code at the start side with what to do beside it."""
    url = public_url(url_for("hosts.join_as_host", token=table.host_token))
    rtl = ui_is_rtl()
    _band(pdf, table, row(15 * mm, 46 * mm), with_warning=True)
    draw_text(pdf, _topic(table), row(68 * mm, 40 * mm), Look(24, 11, bold=True))
    draw_text(pdf, event.title, row(110 * mm, 18 * mm), Look(12, 7, colour=MUTED))
    qr_size, gap = 85 * mm, 8 * mm
    text_width = CONTENT - qr_size - gap
    qr_x = WIDTH - MARGIN - qr_size if rtl else MARGIN
    text_x = MARGIN if rtl else MARGIN + qr_size + gap
    _qr(pdf, url, Box(qr_x, HEIGHT - 220 * mm, qr_size, qr_size))
    caption = _("Scan to host this table: tidy and present its cards.")
    start = Look(16, 9, align="start")
    draw_text(pdf, caption, row(135 * mm, 50 * mm, text_x, text_width), start, rtl)
    small = Look(10, 6, colour=MUTED, align="start")
    draw_text(pdf, url, row(187 * mm, 33 * mm, text_x, text_width), small, False)
    _band(pdf, table, row(252 * mm, 28 * mm))


def _band(pdf, table, box, with_warning=False):
    """White on dark, the full width of the page: the host card's mark."""
    pdf.setFillColor(BAND)
    pdf.rect(box.x, box.y, box.width, box.height, stroke=0, fill=1)
    inner = box.inset(4 * mm)
    title = _("Host of table %(number)s", number=table.number)
    look = Look(30, 14, bold=True, colour=WHITE)
    if not with_warning:
        draw_text(pdf, title, inner, look, ui_is_rtl())
        return
    top = Box(inner.x, inner.y + inner.height * 0.45, inner.width, inner.height * 0.55)
    bottom = Box(inner.x, inner.y, inner.width, inner.height * 0.42)
    draw_text(pdf, title, top, look, ui_is_rtl())
    warning = _("For the table host only: please do not put it on the table.")
    draw_text(pdf, warning, bottom, Look(14, 8, colour=WHITE), ui_is_rtl())


def _qr(pdf, url, box):
    pdf.drawImage(ImageReader(qr_png(url)), box.x, box.y, box.width, box.height)
