"""Poster photos: taken at a table (or uploaded by the moderator), shown live."""

import re

from flask import current_app
from flask_babel import gettext as _
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
from app.unit_of_work import after_rollback

SEND_FAILED = _l("This photo could not be sent. Please try again.")
NO_PHOTO = _l("Please choose or take a photo.")
MAX_SHOWN_NAME = 80


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
    photo = _new_photo(table, photo_uuid, caption, participant, organiser)
    return _store([(photo, _processed(upload, table.event))], table)[0]


def add_photos(table, batch_uuid, uploads, caption="", organiser=None):
    """Several photos in one upload (the moderator's laptop), all or none: every
    file is checked before any is stored, and a refusal names the file. Each
    file's UUID is derived from the form's, so a resent form stores nothing twice."""
    batch_uuid = valid_uuid(batch_uuid, SEND_FAILED)
    uploads = [upload for upload in uploads if upload and upload.filename]
    if not uploads:
        raise DomainError(NO_PHOTO, status=400)
    caption = _valid_caption(caption)
    entries = [
        _batch_entry(table, derived_uuid(batch_uuid, index), upload, caption, organiser)
        for index, upload in enumerate(uploads)
    ]
    return [photo for photo, _created in _store(entries, table)]


def _batch_entry(table, photo_uuid, upload, caption, organiser):
    """(new photo, processed file), or (stored photo, None) for a resent file."""
    existing = _photo_by_uuid(photo_uuid)
    if existing is not None:
        return _resent(existing, table), None
    photo = _new_photo(table, photo_uuid, caption, organiser=organiser)
    try:
        return photo, _processed(upload, table.event)
    except DomainError as refused:
        raise _refused_file(upload, refused) from None


def _refused_file(upload, refused):
    name = re.split(r"[\\/]", upload.filename)[-1][:MAX_SHOWN_NAME]
    message = _(
        "No photo was added: “%(file)s” was refused. %(reason)s",
        file=name,
        reason=str(refused.message),
    )
    return DomainError(message, status=refused.status)


def _new_photo(table, photo_uuid, caption, participant=None, organiser=None):
    return Photo(
        uuid=photo_uuid,
        file_id=new_token(24),
        event_id=table.event_id,
        table_id=table.id,
        phase_id=_running_phase_id(table.event),
        participant_id=participant.id if participant else None,
        organiser_id=organiser.id if organiser else None,
        caption=caption,
    )


def _store(entries, table):
    """Files first, then the rows, committed with the unit of work: a unit that
    ends without a commit takes all their files away again. entries: (photo,
    processed), processed None for a photo stored before. Returns [(photo,
    created)]."""
    new = [(photo, processed) for photo, processed in entries if processed is not None]
    written = _write_files(new)
    try:
        db.session.flush()
    except BaseException as error:
        db.session.rollback()
        photo_store.unlink_files(written)
        if not isinstance(error, IntegrityError):
            raise
        return [(_resent(_photo_by_uuid(p.uuid), table), False) for p, _file in entries]
    after_rollback(photo_store.unlink_files, written)
    for photo, _file in new:
        current_app.logger.info("photo %s added at table %s", photo.id, table.id)
        broadcast.photo_changed(photo)
    return [(photo, processed is not None) for photo, processed in entries]


def _write_files(new):
    """Both sizes of every new photo on disk, its row added; all or none."""
    written = []
    try:
        for photo, processed in new:
            photo.width, photo.height = processed.width, processed.height
            photo.faces_blurred = processed.faces
            written += photo_store.write_files(photo, processed)
            db.session.add(photo)
    except BaseException:
        photo_store.unlink_files(written)
        raise
    return written


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
    db.session.flush()
    photo_store.delete_files(photo)
    current_app.logger.info("photo %s removed", photo.id)
    broadcast.photo_changed(photo)


def set_face_blurring(event, enabled):
    """Blur faces in the photos of this event from now on."""
    event.blur_faces = bool(enabled)
    db.session.flush()
    current_app.logger.info("event %s: face blurring %s", event.id, event.blur_faces)
