"""Setting up the authenticator app: from the account page, or during a login
where two-factor sign-in is required."""

from flask import flash, redirect, render_template

from app.auth.sessions import start_session
from app.models import DomainError
from app.services import two_factor


def enrolment_page(organiser, secret, form, status=200):
    """The app's QR code, the secret to type instead, the field for the code."""
    page = render_template(
        "auth/enrol.html",
        form=form,
        secret=secret,
        qr=two_factor.enrolment_qr(organiser, secret),
    )
    return page, status


def confirm_enrolment(organiser, secret, form, done, next_url):
    """Switch the second factor on with the form's code; as every session of the
    account ends with it, this browser goes on in a fresh one."""
    try:
        two_factor.enable(organiser, secret, form.code.data)
    except DomainError as refusal:
        flash(refusal.message, "error")
        return enrolment_page(organiser, secret, form, status=400)
    start_session(organiser)
    flash(done)
    return redirect(next_url)
