"""One-time voting codes: a printed slip per seat binds one phone to one voter.

Without codes a voter is a join session, and a second browser is a second
participant; with codes only phones that redeemed a slip may vote, one each."""

import io

from flask import current_app, url_for
from flask_babel import force_locale, lazy_ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from app.extensions import db
from app.models import DomainError, VotingCode
from app.models.base import new_token, utcnow
from app.network import public_url
from app.services.fonts import register_fonts
from app.services.printing import Box, Look, draw_text
from app.services.qr import qr_png
from app.services.report.styles import MUTED
from app.services.report.text import ui_is_rtl

MAX_CODES = 1000
CODE_LENGTH = 10  # ~50 bits from the look-alike-free alphabet
COLUMNS, ROWS = 3, 4
PAGE_MARGIN = 8 * mm  # cut lines inside what printers print
SLIP_PADDING = 4 * mm
# (mm below the top, mm high) inside the padding: title, seat, QR, code, how-to
SLIP_STRIPS = ((0, 8), (8.5, 7), (16, 28), (44.5, 6), (51, 11.2))


def codes_of(event):
    return db.session.scalars(
        select(VotingCode)
        .where(VotingCode.event_id == event.id)
        .order_by(VotingCode.seat)
    ).all()


def add_codes(event, count):
    """Add count codes for the seats after the last one printed."""
    existing = db.session.scalar(
        select(func.count(VotingCode.id)).where(VotingCode.event_id == event.id)
    )
    if not 1 <= count or existing + count > MAX_CODES:
        raise DomainError(
            lazy_ngettext(
                "An event can have 1 to %(num)s voting code.",
                "An event can have 1 to %(num)s voting codes.",
                MAX_CODES,
            ),
            400,
        )
    for seat in range(existing + 1, existing + count + 1):
        db.session.add(
            VotingCode(event_id=event.id, seat=seat, code=new_token(CODE_LENGTH))
        )
    event.vote_with_codes = True
    db.session.flush()
    current_app.logger.info("event %s: %s voting codes added", event.id, count)


def display(code):
    """As printed and typed: abcde-fghij."""
    return f"{code[:5]}-{code[5:]}"


def redeem(participant, typed):
    """Bind this phone to the code typed or scanned; each code binds one phone."""
    code_text = "".join(typed.lower().split()).replace("-", "")
    code = db.session.scalar(
        select(VotingCode).where(
            VotingCode.code == code_text, VotingCode.event_id == participant.event_id
        )
    )
    if code is None:
        raise DomainError(_l("This voting code is not valid for this event."), 400)
    held = db.session.scalar(
        select(VotingCode).where(VotingCode.participant_id == participant.id)
    )
    if held is not None and held is not code:
        raise DomainError(_l("This phone already votes with another code."))
    if code.participant_id not in (None, participant.id):
        raise DomainError(
            _l("This voting code has already been used on another phone.")
        )
    code.participant_id = participant.id
    code.redeemed_at = code.redeemed_at or utcnow()
    db.session.flush()
    current_app.logger.info("event %s: voting code %s redeemed", code.event_id, code.id)
    return code


def holds_code(participant):
    return (
        db.session.scalar(
            select(VotingCode.id).where(VotingCode.participant_id == participant.id)
        )
        is not None
    )


def slip_box(place):
    """Where the slip at this place of a page (0 to 11) is cut out."""
    width = (A4[0] - 2 * PAGE_MARGIN) / COLUMNS
    height = (A4[1] - 2 * PAGE_MARGIN) / ROWS
    column, row = place % COLUMNS, place // COLUMNS
    y = A4[1] - PAGE_MARGIN - (row + 1) * height
    return Box(PAGE_MARGIN + column * width, y, width, height)


def codes_pdf(event):
    """Slips to cut apart, 12 per A4 page: seat, code, QR code, how to use it."""
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    with force_locale(event.language):
        pdf.setTitle(_("Voting codes: %(title)s", title=event.title))
        pdf.setAuthor("Tischrunde")
        codes = codes_of(event)
        for index, code in enumerate(codes):
            place = index % (COLUMNS * ROWS)
            if index and not place:
                pdf.showPage()
            _draw_slip(pdf, event, code, slip_box(place))
        if not codes:
            box = Box(PAGE_MARGIN, A4[1] - 40 * mm, A4[0] - 2 * PAGE_MARGIN, 20 * mm)
            draw_text(pdf, _("No voting codes yet."), box, Look(14, 10), ui_is_rtl())
    pdf.save()
    return buffer.getvalue()


def _draw_slip(pdf, event, code, slip):
    """The slip's cut line, and inside it, each in a strip of its own, from the
    top: event title, seat, QR code, the code, how to use it."""
    pdf.setDash(2, 3)
    pdf.setStrokeGray(0.6)
    pdf.rect(slip.x, slip.y, slip.width, slip.height)
    pdf.setDash()
    inner, rtl = slip.inset(SLIP_PADDING), ui_is_rtl()
    title, seat, qr, number, how = (
        inner.strip(top * mm, height * mm) for top, height in SLIP_STRIPS
    )
    url = public_url(url_for("voting.redeem_link", code=code.code))
    muted = Look(8, 6, colour=MUTED)
    draw_text(pdf, event.title, title, muted, valign="top")
    label = _("Voting code · seat %(seat)s", seat=code.seat)
    draw_text(pdf, label, seat, Look(11, 7, bold=True), rtl)
    left = qr.x + (qr.width - qr.height) / 2
    pdf.drawImage(ImageReader(qr_png(url, 6)), left, qr.y, qr.height, qr.height)
    draw_text(pdf, display(code.code), number, Look(14, 9, bold=True), False)
    text = _("Scan it with your phone, or type the code when your phone asks for it.")
    draw_text(pdf, text, how, Look(7, 6), rtl, valign="top")
