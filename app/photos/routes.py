import uuid

from flask import flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.access import (
    get_photo_for_moderator,
    get_photo_for_viewer,
    get_table_for_moderator,
    require_participant,
    require_photographer,
)
from app.authorise import event_route, public_route
from app.downloads import private_file
from app.errors import ask_first, wants_json
from app.live.payloads import photo_payload
from app.models import DomainError
from app.photos import bp
from app.photos.forms import ACCEPT, FaceBlurForm
from app.services import photos
from app.services.photo_store import photo_path
from app.services.spotlight import spotlight_payload
from app.services.tables import event_photos, visible_photos


@bp.app_context_processor
def photo_helpers():
    return {
        "new_uuid": lambda: str(uuid.uuid4()),
        "photo_accept": ACCEPT,
        "photo_state": photo_state,
        "face_blur_form": lambda event: FaceBlurForm(blur_faces=event.blur_faces),
    }


def photo_state(event):
    """The console's photos and what the projector shows."""
    return {
        "photos": [photo_payload(photo) for photo in event_photos(event.id)],
        "spotlight": spotlight_payload(event),
    }


@bp.route("/me/photos", methods=["POST"])
@public_route("participant")
def phone_upload():
    participant = require_participant()
    table = require_photographer(participant, participant.table)
    sent = request.form
    try:
        photo, created = photos.add_photo(
            table,
            sent.get("uuid"),
            request.files.get("photo"),
            sent.get("caption"),
            participant=participant,
        )
    except DomainError as error:
        if wants_json():
            raise
        flash(error.message, "error")
        return _back_to_phone()
    if wants_json():
        return jsonify(ok=True, photo=photo_payload(photo)), 201 if created else 200
    flash(_("Your photo was sent."))
    return _back_to_phone()


def _back_to_phone():
    return redirect(url_for("participation.me", _anchor="photos"))


@bp.route("/me/photos")
@public_route("participant")
def phone_gallery():
    """The table's photos, fetched again after a lost connection."""
    participant = require_participant()
    found = visible_photos(participant.table_id) if participant.table_id else []
    return jsonify(photos=[photo_payload(photo) for photo in found])


@bp.route("/events/<int:event_id>/photos")
@event_route("run")
def event_gallery(event):
    """Every photo of the event, for the console after a lost connection."""
    return jsonify(photo_state(event))


@bp.route("/events/<int:event_id>/tables/<int:table_id>/photos", methods=["POST"])
@event_route("run")
def moderator_upload(event, table_id):
    table = get_table_for_moderator(event, table_id)
    added = photos.add_photos(
        table,
        request.form.get("uuid"),
        request.files.getlist("photo"),
        organiser=current_user,
    )
    if wants_json():
        return jsonify(ok=True, photos=[photo_payload(photo) for photo in added])
    flash(ngettext("%(num)d photo added.", "%(num)d photos added.", len(added)))
    return _back_to_console(event)


@bp.route("/events/<int:event_id>/photos/<int:photo_id>/remove", methods=["POST"])
@event_route("run")
def remove(event, photo_id):
    photo = get_photo_for_moderator(event, photo_id)
    ask_first(
        _("Remove this photo? It is deleted for everyone and cannot be restored.")
    )
    photos.remove_photo(photo)
    if wants_json():
        return jsonify(ok=True)
    flash(_("The photo was removed."))
    return _back_to_console(event)


def _back_to_console(event):
    return redirect(url_for("moderation.console", event_id=event.id))


@bp.route("/events/<int:event_id>/photo-privacy", methods=["POST"])
@event_route("run")
def privacy(event):
    form = FaceBlurForm()
    if form.validate_on_submit():
        photos.set_face_blurring(event, form.blur_faces.data)
        flash(_("The photo settings were saved."))
    return redirect(url_for("organiser.event", event_id=event.id))


@bp.route("/photos/<file_id>/<any(display, thumb):size>.jpg")
@public_route("public")
def photo_file(file_id, size):
    path = photo_path(get_photo_for_viewer(file_id), size)
    return private_file(path, "image/jpeg", "private, max-age=86400, immutable")
