"""Files under UPLOAD_FOLDER/<event id>/ (poster photos, the concept draft) and
UPLOAD_FOLDER/process-<id>/ (a process's draft versions), named by a random file id.

Every file is written under a temporary name and renamed at the end, so a reader
never sees half a file and a failure leaves nothing behind.
"""

import os
from pathlib import Path

from flask import current_app

from app.models.base import new_token

SUFFIXES = {"display": ".jpg", "thumb": ".thumb.jpg"}


def photo_path(photo, size="display"):
    return event_folder(photo.event_id) / f"{photo.file_id}{SUFFIXES[size]}"


def write_files(photo, processed):
    """Store both sizes of a processed photo; on any failure neither stays."""
    contents = {"display": processed.display, "thumb": processed.thumbnail}
    written = []
    try:
        for size, data in contents.items():
            path = photo_path(photo, size)
            write_atomically(path, data)
            written.append(path)
    except BaseException:
        unlink_files(written)
        raise
    return written


def delete_files(photo):
    unlink_files(photo_path(photo, size) for size in SUFFIXES)


def event_folder(event_id):
    return Path(current_app.config["UPLOAD_FOLDER"]) / str(event_id)


def process_folder(process_id):
    """A process's files (its concept-draft versions), apart from any event's."""
    return Path(current_app.config["UPLOAD_FOLDER"]) / f"process-{process_id}"


def write_atomically(path, data):
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{new_token(10)}.tmp")
    try:
        with open(temporary, "xb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def unlink_files(paths):
    for path in paths:
        Path(path).unlink(missing_ok=True)
