"""The report of an event as a PDF, assembled from a list of section builders."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.models import Event, Process, ReportText
from app.services.fonts import register_fonts
from app.services.report import earlier_ideas, process_sections, sections
from app.services.report.document import render
from app.services.report.process_content import field_groups, process_contributions

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


PROCESS_SECTIONS = [
    process_sections.cover,
    sections.table_of_contents,
    process_sections.events,
    process_sections.review_overview,
    process_sections.field_chapters,
    process_sections.televoting,
    process_sections.goals,
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


def chosen_language(asked, default):
    """The report language asked for, else the default when it can be one (else
    the first offered); None when the one asked for cannot."""
    languages = report_languages()
    if asked is None:
        return default if default in languages else languages[0]
    return asked if asked in languages else None


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
    db.session.flush()
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


@dataclass
class ProcessReport:
    """groups: the process's contributions by action field (FieldGroup)."""

    process: Process
    language: str
    groups: list


def build_process_report(process, language=None):
    """The process documentation as PDF bytes, its own words in `language`
    (the process language by default), the contributions in the process
    language."""
    register_fonts()
    language = language or process.language
    with force_locale(language):
        groups = field_groups(process, process_contributions(process))
        report = ProcessReport(process, language, groups)
        story = [item for section in PROCESS_SECTIONS for item in section(report)]
        title = _("Process documentation: %(title)s", title=process.title)
        return render(story, title, language, process.title)
