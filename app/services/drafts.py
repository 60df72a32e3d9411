"""The concept draft of an event (practice check, conference): a PDF stored beside
the poster photos under a random name, a text, and the sections cards can name."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select

from app.extensions import db
from app.models import DomainError, Draft
from app.models.base import new_token
from app.services.photo_store import event_folder, unlink_files, write_atomically

MAX_DRAFT_TEXT = 200_000
MAX_SECTIONS = 200


def draft_of(event):
    return db.session.scalar(select(Draft).where(Draft.event_id == event.id))


def draft_path(draft):
    return event_folder(draft.event_id) / f"draft-{draft.file_id}.pdf"


def save_draft(event, text, sections, upload=None):
    """Store the draft's text and sections and, when a file came, its PDF."""
    text = (text or "").strip()
    if len(text) > MAX_DRAFT_TEXT:
        raise DomainError(_l("The draft text is too long."), status=400)
    draft = draft_of(event) or Draft(event_id=event.id)
    draft.text = text
    draft.sections = _sections(sections)
    old_path = draft_path(draft) if draft.file_id else None
    if upload is not None and upload.filename:
        _store_pdf(draft, upload)
    db.session.add(draft)
    db.session.commit()
    if old_path is not None and draft.file_id and draft_path(draft) != old_path:
        unlink_files([old_path])
    current_app.logger.info("event %s: concept draft saved", event.id)
    return draft


def _sections(text):
    lines = [line.strip()[:40] for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_SECTIONS:
        message = lazy_ngettext(
            "At most %(num)s section.", "At most %(num)s sections.", MAX_SECTIONS
        )
        raise DomainError(message, status=400)
    return "\n".join(dict.fromkeys(lines))


def _store_pdf(draft, upload):
    data = upload.read(current_app.config["MAX_CONTENT_LENGTH"] + 1)
    if not data.startswith(b"%PDF-"):
        raise DomainError(_l("Please upload the draft as a PDF file."), status=400)
    draft.file_id = new_token(24)
    draft.filename = (upload.filename or "draft.pdf").rsplit("/", 1)[-1][:200]
    write_atomically(draft_path(draft), data)


def remove_pdf(event):
    draft = draft_of(event)
    if draft is None or not draft.file_id:
        return
    path = draft_path(draft)
    draft.file_id, draft.filename = None, ""
    db.session.commit()
    unlink_files([path])
    current_app.logger.info("event %s: draft PDF removed", event.id)
