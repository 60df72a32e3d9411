"""Poster photos: taken at a table (or uploaded by the moderator), shown live."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.live import broadcast
from app.models import DomainError, Photo
from app.models.base import new_token
from app.models.photo import MAX_CAPTION_LENGTH
from app.offload import lane, run_blocking
from app.ratelimit import limit_photos
from app.services import photo_store
from app.services.photo_processing import Limits, process_photo
from app.services.uuids import derived_uuid, valid_uuid

SEND_FAILED = _l("This photo could not be sent. Please try again.")
NO_PHOTO = _l("Please choose or take a photo.")


def add_photo(table, photo_uuid, upload, caption="", participant=None, organiser=None):
    """Store a poster photo of a table, by a participant or an organiser.

    upload: a file-like object. A resend with the same UUID returns the stored
    photo without processing it again. Returns (photo, created).
    """
    photo_uuid = valid_uuid(photo_uuid, SEND_FAILED)
    existing = _photo_by_uuid(photo_uuid)
    if existing is not None:
        return _resent(existing, table), False
    caption = _valid_caption(caption)
    if participant is not None:
        table.event.require_open()
        limit_photos(participant.id)
    photo = Photo(
        uuid=photo_uuid,
        file_id=new_token(24),
        event_id=table.event_id,
        table_id=table.id,
        phase_id=_running_phase_id(table.event),
        participant_id=participant.id if participant else None,
        organiser_id=organiser.id if organiser else None,
        caption=caption,
    )
    return _store(photo, _processed(upload, table.event), table)


def add_photos(table, batch_uuid, uploads, caption="", organiser=None):
    """Several photos in one upload (the moderator's laptop). Each file's UUID is
    derived from the form's, so a resent form stores nothing twice."""
    batch_uuid = valid_uuid(batch_uuid, SEND_FAILED)
    uploads = [upload for upload in uploads if upload and upload.filename]
    if not uploads:
        raise DomainError(NO_PHOTO, status=400)
    return [
        add_photo(
            table, derived_uuid(batch_uuid, index), upload, caption, None, organiser
        )[0]
        for index, upload in enumerate(uploads)
    ]


def _store(photo, processed, table):
    """Files first, then the row: a failed commit takes its files away again."""
    photo.width, photo.height = processed.width, processed.height
    photo.faces_blurred = processed.faces
    photo_store.write_files(photo, processed)
    db.session.add(photo)
    try:
        db.session.commit()
    except BaseException as error:
        db.session.rollback()
        photo_store.delete_files(photo)
        if not isinstance(error, IntegrityError):
            raise
        return _resent(_photo_by_uuid(photo.uuid), table), False
    current_app.logger.info("photo %s added at table %s", photo.id, photo.table_id)
    broadcast.photo_changed(photo)
    return photo, True


def _processed(upload, event):
    """The upload checked and processed off the loop. Photos are decoded a few at
    a time (PHOTO_DECODE_SLOTS), and one is read only when its turn comes."""
    config = current_app.config
    with lane("photo decoding", config["PHOTO_DECODE_SLOTS"]):
        data = _read(upload)
        limits = Limits.from_config(config)
        return run_blocking(process_photo, data, limits, event.blur_faces)


def _read(upload):
    limit = current_app.config["PHOTO_MAX_MB"] * 1024 * 1024
    data = upload.read(limit + 1) if upload is not None else b""
    if not data:
        raise DomainError(NO_PHOTO, status=400)
    if len(data) > limit:
        raise too_large()
    return data


def too_large():
    message = lazy_ngettext(
        "This photo is larger than %(num)s MB. Please send a smaller one.",
        "This photo is larger than %(num)s MB. Please send a smaller one.",
        current_app.config["PHOTO_MAX_MB"],
    )
    return DomainError(message, status=413)


def _photo_by_uuid(photo_uuid):
    return db.session.scalar(select(Photo).where(Photo.uuid == photo_uuid))


def _resent(photo, table):
    if photo is None or photo.table_id != table.id:
        raise DomainError(SEND_FAILED, status=400)
    return photo


def _valid_caption(caption):
    caption = " ".join((caption or "").split())
    if len(caption) > MAX_CAPTION_LENGTH:
        message = lazy_ngettext(
            "A caption can hold at most %(num)s character.",
            "A caption can hold at most %(num)s characters.",
            MAX_CAPTION_LENGTH,
        )
        raise DomainError(message, status=400)
    return caption


def _running_phase_id(event):
    phase = event.running_phase
    return phase.id if phase else None


def remove_photo(photo):
    """Remove a photo for everyone; its files are deleted, the row keeps its UUID so
    a phone that resends it is not given a new copy."""
    photo.remove()
    db.session.commit()
    photo_store.delete_files(photo)
    current_app.logger.info("photo %s removed", photo.id)
    broadcast.photo_changed(photo)


def set_face_blurring(event, enabled):
    """Blur faces in the photos of this event from now on."""
    event.blur_faces = bool(enabled)
    db.session.commit()
    current_app.logger.info("event %s: face blurring %s", event.id, event.blur_faces)
