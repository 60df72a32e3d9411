"""Sign-in with a second factor: a code from an authenticator app (TOTP, RFC 6238).

A code is accepted for the 30-second step before and after the current one (the
phone's clock may be a little off), and each step only once."""

import hmac
import time

import pyotp
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import DomainError
from app.services import accounts
from app.services.qr import qr_svg

ISSUER = "Tischrunde"


def new_secret():
    return pyotp.random_base32()


def enrolment_qr(organiser, secret):
    """The QR code an authenticator app scans to learn the secret (inline SVG)."""
    uri = pyotp.TOTP(secret).provisioning_uri(name=organiser.email, issuer_name=ISSUER)
    return qr_svg(uri, _("QR code for your authenticator app"))


def _accepted_step(secret, code, last_step, now=None):
    """The time step the code belongs to, if it is right and not used before."""
    code = "".join(str(code).split())
    totp = pyotp.TOTP(secret)
    current = totp.timecode(time.time() if now is None else now)
    for step in (current, current - 1, current + 1):
        fresh = last_step is None or step > last_step
        if fresh and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def check_code(organiser, code):
    """True when the code is right; it is then used up."""
    step = _accepted_step(organiser.totp_secret, code, organiser.totp_last_step)
    if step is None:
        return False
    organiser.totp_last_step = step
    db.session.flush()
    return True


def enable(organiser, secret, code):
    """Switch the second factor on once the app shows the right code; sessions
    that began with the password alone end."""
    step = _accepted_step(secret, code, None)
    if step is None:
        raise DomainError(wrong_code_message(), status=400)
    organiser.totp_secret, organiser.totp_last_step = secret, step
    organiser.end_sessions()
    db.session.flush()
    current_app.logger.info("organiser %s enabled two-factor sign-in", organiser.id)


def disable(organiser, proof):
    """Switch it off; proof is the password or a current code."""
    if accounts.two_factor_demanded(organiser):
        raise DomainError(_l("Your organisation requires two-factor sign-in."))
    if not (organiser.check_password(proof) or check_code(organiser, proof)):
        raise DomainError(_l("That is neither your password nor a valid code."), 400)
    organiser.remove_second_factor()
    db.session.flush()
    current_app.logger.info("organiser %s disabled two-factor sign-in", organiser.id)


def wrong_code_message():
    return _l(
        "This code is not right. Please enter the code your authenticator app "
        "shows now, and check that the phone sets its time automatically."
    )
