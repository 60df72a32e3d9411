from contextlib import contextmanager

from flask import current_app, flash, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError

from app.extensions import db
from app.models import ConfirmationNeeded, DomainError


def wants_json():
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def flash_errors(form):
    """A form's validation messages, shown on the page the user is sent back to."""
    for errors in form.errors.values():
        for error in errors:
            flash(error, "error")


def confirmed():
    """True when the user confirmed the action: confirm.js adds the field after
    asking, and without JavaScript the confirm page posts it."""
    return request.form.get("confirm") == "1"


def ask_first(question):
    """Go on only with a confirmed action; otherwise ask `question` first."""
    if not confirmed():
        raise ConfirmationNeeded(question)


def confirm_page(question):
    """The question as a page whose button posts the same form again, confirmed."""
    fields = [
        (name, value)
        for name, value in request.form.items(multi=True)
        if name not in ("csrf_token", "confirm")
    ]
    back = request.referrer or ""
    if not back.startswith(request.host_url):
        back = url_for("organiser.index")
    return render_template("confirm.html", question=question, fields=fields, back=back)


@contextmanager
def refusal_flashed():
    """A refused action comes back to the page it was sent from as a message, so
    the user sees at once how things stand; JSON clients get the error."""
    try:
        yield
    except ConfirmationNeeded:
        raise
    except DomainError as error:
        if wants_json():
            raise
        db.session.rollback()
        flash(error.message, "error")


def error_response(message, status):
    if status >= 500:
        db.session.rollback()
    if wants_json():
        return jsonify(ok=False, error=str(message)), status
    return render_template("error.html", message=message, status=status), status


STATUS_MESSAGES = {
    400: lambda: _("The request could not be understood."),
    401: lambda: _("Please join the event first by scanning its QR code."),
    403: lambda: _("You are not allowed to do this."),
    404: lambda: _("This page does not exist. Please check the link or QR code."),
    405: lambda: _("This action is not available here."),
    413: lambda: ngettext(
        "What you sent is too large. A photo may have at most %(num)s MB.",
        "What you sent is too large. A photo may have at most %(num)s MB.",
        current_app.config["PHOTO_MAX_MB"],
    ),
    500: lambda: _(
        "Something went wrong on our side. Nothing you sent was lost; please try again."
    ),
}


def status_message(status):
    """What an HTTP error status says to the user, in the current language."""
    return STATUS_MESSAGES.get(status, STATUS_MESSAGES[500])()


def refusal(error):
    """(message, status) of a refused action as its JSON answer carries them: a
    DomainError's own message, an abort()'s status with its page's message."""
    if isinstance(error, DomainError):
        return str(error.message), error.status
    return status_message(error.code), error.code


def register(app):
    @app.errorhandler(DomainError)
    def domain_error(error):
        db.session.rollback()
        return error_response(error.message, error.status)

    @app.errorhandler(ConfirmationNeeded)
    def confirmation_needed(error):
        db.session.rollback()
        if wants_json() or request.method != "POST":
            return jsonify(ok=False, error=str(error.message), confirm=True), 409
        return confirm_page(error.message)

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return error_response(
            _("This form has expired. Please reload the page and send it again."), 400
        )

    for status in STATUS_MESSAGES:
        app.register_error_handler(
            status,
            lambda _error, status=status: error_response(
                status_message(status), status
            ),
        )
