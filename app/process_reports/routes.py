"""The process documentation for organisers: the PDF for the council and the
exports of every contribution with its review outcome."""

from flask import abort, request

from app.access import get_process_for_organiser, organiser_required
from app.downloads import EXPORT_TYPES, file_response
from app.process_reports import bp
from app.services import process_exports
from app.services.report import build_process_report, report_languages

EXPORTS = {
    "csv": (process_exports.contributions_csv, "contributions"),
    "xlsx": (process_exports.process_xlsx, "process"),
    "json": (process_exports.process_json, "process"),
}


def _language(process):
    """The report language asked for; the process language by default."""
    languages = report_languages()
    default = process.language if process.language in languages else languages[0]
    language = request.args.get("lang", default)
    if language not in languages:
        abort(404)
    return language


@bp.route("/processes/<int:process_id>/report.pdf")
@organiser_required
def report_pdf(process_id):
    process = get_process_for_organiser(process_id)
    language = _language(process)
    return file_response(
        build_process_report(process, language),
        "application/pdf",
        f"process-{process.id}-{language}.pdf",
        inline=True,
    )


@bp.route("/processes/<int:process_id>/export.<kind>")
@organiser_required
def export(process_id, kind):
    process = get_process_for_organiser(process_id)
    if kind not in EXPORTS:
        abort(404)
    build, name = EXPORTS[kind]
    filename = f"{name}-{process.id}.{kind}"
    return file_response(build(process), EXPORT_TYPES[kind], filename)
