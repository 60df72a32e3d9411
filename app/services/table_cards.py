"""Printable table cards: one A4 page per table with its own join QR code."""

import io

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from app.network import public_url
from app.services.fonts import register_fonts
from app.services.qr import qr_png


def table_cards_pdf(event):
    """The PDF as bytes, texts in the event's language."""
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    with force_locale(event.language):
        pdf.setTitle(_("Table cards: %(title)s", title=event.title))
        pdf.setAuthor("Tischrunde")
        for table in event.tables:
            _draw_table_page(pdf, event, table)
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_table_page(pdf, event, table):
    width, height = A4
    url = public_url(url_for("participation.join_table", token=table.join_token))
    pdf.setFont("DejaVuSans", 14)
    pdf.drawCentredString(width / 2, height - 25 * mm, event.title[:90])
    pdf.setFont("DejaVuSans-Bold", 72)
    pdf.drawCentredString(
        width / 2, height - 60 * mm, _("Table %(number)s", number=table.number)
    )
    _draw_wrapped(pdf, table.topic, width / 2, height - 80 * mm, "DejaVuSans-Bold", 24)
    qr_size = 110 * mm
    pdf.drawImage(
        ImageReader(qr_png(url)), (width - qr_size) / 2, 65 * mm, qr_size, qr_size
    )
    pdf.setFont("DejaVuSans", 16)
    pdf.drawCentredString(
        width / 2, 52 * mm, _("Scan to join this table — no app, no account.")
    )
    pdf.setFont("DejaVuSans", 13)
    pdf.drawCentredString(width / 2, 40 * mm, url)


def _draw_wrapped(pdf, text, centre_x, top, font, size, max_width=170 * mm):
    """Centred lines that fit the page: long action-field names wrap."""
    pdf.setFont(font, size)
    line, y = "", top
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and pdf.stringWidth(candidate, font, size) > max_width:
            pdf.drawCentredString(centre_x, y, line)
            line, y = word, y - size * 1.3
        else:
            line = candidate
    if line:
        pdf.drawCentredString(centre_x, y, line)
