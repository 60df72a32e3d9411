"""The versions of a process's concept draft (draft 1…n). A new version becomes
the current one: events created in or attached to the process afterwards work on
it, events before keep the version they had."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import ConceptDraft, DomainError
from app.services.drafts import (
    checked_text,
    draft_path,
    has_file,
    section_lines,
    store_pdf,
)
from app.services.photo_store import unlink_files

MAX_NOTE = 200


def add_version(process, note, text, sections, upload=None):
    """A new version from a PDF and/or a text and its sections, one per line."""
    version = ConceptDraft(
        process_id=process.id,
        number=_next_number(process),
        note=(note or "").strip()[:MAX_NOTE],
        text=checked_text(text),
        sections=section_lines(sections),
    )
    if not (has_file(upload) or version.text or version.sections):
        message = _l("Please upload a PDF or give the draft's text or sections.")
        raise DomainError(message, status=400)
    if has_file(upload):
        store_pdf(version, upload)
    _commit(process, version)
    current_app.logger.info("process %s: draft %s added", process.id, version.number)
    return version


def _next_number(process):
    query = select(func.max(ConceptDraft.number)).where(
        ConceptDraft.process_id == process.id
    )
    return (db.session.scalar(query) or 0) + 1


def _commit(process, version):
    """Store the version; a failed commit leaves no PDF behind."""
    try:
        process.drafts.append(version)
        db.session.flush()
    except BaseException:
        db.session.rollback()
        if version.file_id:
            unlink_files([draft_path(version)])
        raise


def version_of(process, number):
    """The process's draft version with this number, or None."""
    return next((d for d in process.drafts if d.number == number), None)
