"""The report of an event as a PDF, assembled from a list of section builders."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Event, ReportText
from app.services.fonts import register_fonts
from app.services.report import earlier_ideas, sections
from app.services.report.document import render

SECTIONS = [
    sections.cover,
    sections.table_of_contents,
    sections.introduction,
    sections.run_of_event,
    sections.action_field_chapters,
    sections.televoting,
    earlier_ideas.earlier_ideas,
    sections.closing,
]


@dataclass
class Report:
    event: Event
    language: str
    introduction: str
    closing: str


def report_languages():
    """The languages a report can be produced in: every language the app offers."""
    return list(current_app.config["LANGUAGES"])


def report_text(event, language):
    """The organiser's texts for this language (unsaved: empty)."""
    found = db.session.scalar(
        select(ReportText).where(
            ReportText.event_id == event.id, ReportText.language == language
        )
    )
    return found or ReportText(event_id=event.id, language=language)


def save_report_text(event, language, introduction, closing):
    """Store the organiser's texts for the report in this language."""
    texts = report_text(event, language)
    texts.introduction = (introduction or "").strip()
    texts.closing = (closing or "").strip()
    db.session.add(texts)
    db.session.commit()
    current_app.logger.info("event %s: report texts (%s) saved", event.id, language)
    return texts


def build_report(event, language):
    """The report as PDF bytes, headings and texts in `language`."""
    register_fonts()
    texts = report_text(event, language)
    report = Report(event, language, texts.introduction or "", texts.closing or "")
    with force_locale(language):
        story = [item for section in SECTIONS for item in section(report)]
        title = _("Results: %(title)s", title=event.title)
        return render(story, title, language, event.title)
