from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.authorise import event_route
from app.downloads import EXPORT_TYPES, file_response, pdf_response
from app.models import DomainError
from app.reports import bp
from app.reports.forms import ReportTextForm
from app.services import exports
from app.services.assistant.summary import (
    add_summary_to_introduction,
    event_summary,
)
from app.services.report import (
    build_report,
    chosen_language,
    report_languages,
    report_text,
    save_report_text,
)
from app.services.stats import event_counts


def _language(event):
    """The report language asked for; the event's own language by default."""
    return chosen_language(request.args.get("lang"), event.language) or abort(404)


@bp.route("/events/<int:event_id>/report", methods=["GET", "POST"])
@event_route("manage")
def report(event):
    language = _language(event)
    texts = report_text(event, language)
    form = ReportTextForm(obj=texts)
    if form.validate_on_submit():
        save_report_text(event, language, form.introduction.data, form.closing.data)
        flash(_("The texts are saved; the preview shows the new report."))
        return redirect(url_for("reports.report", event_id=event.id, lang=language))
    return render_template(
        "reports/report.html",
        event=event,
        form=form,
        language=language,
        languages=report_languages(),
        version=texts.updated_at.timestamp() if texts.updated_at else 0,
        waiting=event_counts(event.id)["waiting"],
        summary=event_summary(event) if _drafts_here(event, language) else "",
    )


def _drafts_here(event, language):
    """The assistant drafts its summary in the event language only."""
    return event.assistant and language == event.language


@bp.route("/events/<int:event_id>/report/summary", methods=["POST"])
@event_route("manage")
def add_summary(event):
    """The assistant's draft goes into the introduction, to be edited there."""
    try:
        add_summary_to_introduction(event)
        flash(_("The summary is in the introduction now. Please read and edit it."))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("reports.report", event_id=event.id, lang=event.language))


@bp.route("/events/<int:event_id>/report.pdf")
@event_route("view")
def report_pdf(event):
    language = _language(event)
    return pdf_response(
        build_report(event, language), f"report-{event.id}-{language}.pdf"
    )


EXPORTS = {
    "csv": (exports.cards_csv, "cards"),
    "xlsx": (exports.cards_xlsx, "cards"),
    "json": (exports.event_json, "event"),
}


@bp.route("/events/<int:event_id>/export.<kind>")
@event_route("view")
def export(event, kind):
    if kind not in EXPORTS:
        abort(404)
    build, name = EXPORTS[kind]
    return file_response(build(event), EXPORT_TYPES[kind], f"{name}-{event.id}.{kind}")
