"""The concept draft (organisers upload, phones and projector read) and the
printable host cards."""

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _

from app.access import (
    get_draft_for_viewer,
    require_participant,
)
from app.authorise import event_route, public_route
from app.downloads import pdf_response, private_file
from app.models import DomainError
from app.programme import bp
from app.programme.forms import DraftForm
from app.services import drafts
from app.services.table_cards import host_cards_pdf


@bp.route("/events/<int:event_id>/programme/draft", methods=["POST"])
@event_route("manage")
def save_draft(event):
    form = DraftForm()
    if not form.validate_on_submit():
        flash(_("The draft could not be saved. Please try again."), "error")
    elif request.form.get("remove_pdf"):
        drafts.remove_pdf(event)
        flash(_("The PDF was removed."))
    else:
        try:
            drafts.save_draft(
                event, form.text.data, form.sections.data, request.files.get("pdf")
            )
            flash(_("The draft was saved."))
        except DomainError as error:
            flash(error.message, "error")
    return redirect(
        url_for("programme.programme_page", event_id=event.id, _anchor="draft")
    )


@bp.route("/drafts/<file_id>.pdf")
@public_route("public")
def draft_file(file_id):
    path = drafts.draft_path(get_draft_for_viewer(file_id))
    return private_file(path, "application/pdf", "private, no-cache")


@bp.route("/me/draft")
@public_route("participant")
def phone_draft():
    participant = require_participant()
    draft = drafts.draft_of(participant.event)
    if draft is None:
        abort(404)
    return render_template("programme/draft.html", event=participant.event, draft=draft)


@bp.route("/events/<int:event_id>/host-cards.pdf")
@event_route("view")
def host_cards(event):
    return pdf_response(host_cards_pdf(event), f"host-cards-{event.id}.pdf")
