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
    return _cards_pdf(event, hosts=False)


def host_cards_pdf(event):
    """One page per table with the QR code that makes a phone the table's host."""
    return _cards_pdf(event, hosts=True)


def _cards_pdf(event, hosts):
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    with force_locale(event.language):
        title = _("Host cards: %(title)s") if hosts else _("Table cards: %(title)s")
        pdf.setTitle(title % {"title": event.title})
        pdf.setAuthor("Tischrunde")
        for table in event.tables:
            _draw_table_page(pdf, event, table, hosts)
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_table_page(pdf, event, table, hosts=False):
    width, height = A4
    if hosts:
        path = url_for("hosts.join_as_host", token=table.host_token)
        caption = _("Scan to host this table: tidy and present its cards.")
    else:
        path = url_for("participation.join_table", token=table.join_token)
        caption = _("Scan to join this table — no app, no account.")
    url = public_url(path)
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
    pdf.drawCentredString(width / 2, 52 * mm, caption)
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
