"""The process documentation for organisers: the PDF for the council and the
exports of every contribution with its review outcome."""

from flask import abort, request

from app.authorise import process_route
from app.downloads import EXPORT_TYPES, file_response, pdf_response
from app.process_reports import bp
from app.services import process_exports
from app.services.report import build_process_report, chosen_language

EXPORTS = {
    "csv": (process_exports.contributions_csv, "contributions"),
    "xlsx": (process_exports.process_xlsx, "process"),
    "json": (process_exports.process_json, "process"),
}


@bp.route("/processes/<int:process_id>/report.pdf")
@process_route("view")
def report_pdf(process):
    language = chosen_language(request.args.get("lang"), process.language)
    if language is None:
        abort(404)
    data = build_process_report(process, language)
    return pdf_response(data, f"process-{process.id}-{language}.pdf")


@bp.route("/processes/<int:process_id>/export.<kind>")
@process_route("view")
def export(process, kind):
    if kind not in EXPORTS:
        abort(404)
    build, name = EXPORTS[kind]
    filename = f"{name}-{process.id}.{kind}"
    return file_response(build(process), EXPORT_TYPES[kind], filename)
