from flask import current_app, flash, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError

from app.extensions import db
from app.models import DomainError


def wants_json():
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def flash_errors(form):
    """A form's validation messages, shown on the page the user is sent back to."""
    for errors in form.errors.values():
        for error in errors:
            flash(error, "error")


def error_response(message, status):
    if status >= 500:
        db.session.rollback()
    if wants_json():
        return jsonify(ok=False, error=str(message)), status
    return render_template("error.html", message=message, status=status), status


def register(app):
    @app.errorhandler(DomainError)
    def domain_error(error):
        db.session.rollback()
        return error_response(error.message, error.status)

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return error_response(
            _("This form has expired. Please reload the page and send it again."), 400
        )

    messages = {
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
            "Something went wrong on our side. Nothing you sent was lost; "
            "please try again."
        ),
    }
    for status, message in messages.items():
        app.register_error_handler(
            status,
            lambda _error, message=message, status=status: error_response(
                message(), status
            ),
        )
