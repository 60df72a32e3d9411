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
from app.services.qr import qr_png

MAX_CODES = 1000
CODE_LENGTH = 10  # ~50 bits from the look-alike-free alphabet
COLUMNS, ROWS = 3, 4


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
    db.session.commit()
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
    db.session.commit()
    current_app.logger.info("event %s: voting code %s redeemed", code.event_id, code.id)
    return code


def holds_code(participant):
    return (
        db.session.scalar(
            select(VotingCode.id).where(VotingCode.participant_id == participant.id)
        )
        is not None
    )


def codes_pdf(event):
    """Slips to cut apart, 12 per A4 page: seat, code, QR code, how to use it."""
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    slip_w, slip_h = width / COLUMNS, height / ROWS
    with force_locale(event.language):
        pdf.setTitle(_("Voting codes: %(title)s", title=event.title))
        pdf.setAuthor("Tischrunde")
        codes = codes_of(event)
        for index, code in enumerate(codes):
            place = index % (COLUMNS * ROWS)
            if index and not place:
                pdf.showPage()
            x = (place % COLUMNS) * slip_w
            y = height - (place // COLUMNS + 1) * slip_h
            _draw_slip(pdf, event, code, x, y, slip_w, slip_h)
        if not codes:
            pdf.setFont("DejaVuSans", 14)
            pdf.drawString(20 * mm, height - 30 * mm, _("No voting codes yet."))
    pdf.save()
    return buffer.getvalue()


def _draw_slip(pdf, event, code, x, y, w, h):
    url = public_url(url_for("voting.redeem_link", code=code.code))
    pdf.setDash(2, 3)
    pdf.setStrokeGray(0.6)
    pdf.rect(x, y, w, h)
    pdf.setDash()
    centre = x + w / 2
    pdf.setFont("DejaVuSans", 8)
    pdf.drawCentredString(centre, y + h - 8 * mm, event.title[:45])
    pdf.setFont("DejaVuSans-Bold", 11)
    pdf.drawCentredString(
        centre, y + h - 14 * mm, _("Voting code · seat %(seat)s", seat=code.seat)
    )
    qr = 36 * mm
    pdf.drawImage(ImageReader(qr_png(url, 6)), centre - qr / 2, y + 17 * mm, qr, qr)
    pdf.setFont("DejaVuSans-Bold", 14)
    pdf.drawCentredString(centre, y + 10 * mm, display(code.code))
    pdf.setFont("DejaVuSans", 7)
    pdf.drawCentredString(
        centre,
        y + 5 * mm,
        _("Scan it with your phone, or type the code when your phone asks for it."),
    )
