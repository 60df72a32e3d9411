"""Concept drafts: an event's own (practice check, conference) and the versions of
a process's draft. A PDF is stored under a random name beside the event's poster
photos or in the process's folder; a text; the sections cards can name."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select

from app.extensions import db
from app.models import ConceptDraft, DomainError, Draft
from app.models.base import new_token
from app.services.photo_store import (
    event_folder,
    process_folder,
    unlink_files,
    write_atomically,
)

MAX_DRAFT_TEXT = 200_000
MAX_SECTIONS = 200
MAX_PDF_MB = 20


def draft_of(event):
    """The draft the event's participants work on: the process version the event
    uses, else the event's own draft (or None)."""
    return event.concept_draft or own_draft(event)


def own_draft(event):
    """The draft the organisers edit on the event's programme page."""
    return db.session.scalar(select(Draft).where(Draft.event_id == event.id))


def draft_path(draft):
    if isinstance(draft, ConceptDraft):
        folder = process_folder(draft.process_id)
    else:
        folder = event_folder(draft.event_id)
    return folder / f"draft-{draft.file_id}.pdf"


def save_draft(event, text, sections, upload=None):
    """Store the draft's text and sections and, when a file came, its PDF."""
    draft = own_draft(event) or Draft(event_id=event.id)
    draft.text = checked_text(text)
    draft.sections = section_lines(sections)
    old_path = draft_path(draft) if draft.file_id else None
    if has_file(upload):
        store_pdf(draft, upload)
    db.session.add(draft)
    db.session.flush()
    if old_path is not None and draft.file_id and draft_path(draft) != old_path:
        unlink_files([old_path])
    current_app.logger.info("event %s: concept draft saved", event.id)
    return draft


def checked_text(text):
    text = (text or "").strip()
    if len(text) > MAX_DRAFT_TEXT:
        raise DomainError(_l("The draft text is too long."), status=400)
    return text


def section_lines(text):
    """The sections, one per line, each once, as a draft stores them."""
    lines = [line.strip()[:40] for line in (text or "").splitlines() if line.strip()]
    if len(lines) > MAX_SECTIONS:
        message = lazy_ngettext(
            "At most %(num)s section.", "At most %(num)s sections.", MAX_SECTIONS
        )
        raise DomainError(message, status=400)
    return "\n".join(dict.fromkeys(lines))


def has_file(upload):
    return upload is not None and bool(upload.filename)


def store_pdf(draft, upload):
    """Write the uploaded PDF for the draft (an event's or a process version)
    under a new random file id; anything but a PDF, or too large, is refused."""
    limit = MAX_PDF_MB * 1024 * 1024
    data = upload.read(limit + 1)
    if len(data) > limit:
        message = lazy_ngettext(
            "The PDF is too large: at most %(num)s MB.",
            "The PDF is too large: at most %(num)s MB.",
            MAX_PDF_MB,
        )
        raise DomainError(message, status=413)
    if not data.startswith(b"%PDF-"):
        raise DomainError(_l("Please upload the draft as a PDF file."), status=400)
    draft.file_id = new_token(24)
    draft.filename = (upload.filename or "draft.pdf").rsplit("/", 1)[-1][:200]
    write_atomically(draft_path(draft), data)


def remove_pdf(event):
    draft = own_draft(event)
    if draft is None or not draft.file_id:
        return
    path = draft_path(draft)
    draft.file_id, draft.filename = None, ""
    db.session.flush()
    unlink_files([path])
    current_app.logger.info("event %s: draft PDF removed", event.id)
