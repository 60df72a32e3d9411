from flask import Response, abort, send_file
from werkzeug.utils import get_content_type

# The media types of the exports, by file extension.
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def file_response(data, mimetype, filename, inline=False):
    """Bytes as a download (or shown in the browser when inline); never cached.
    mimetype may name its charset ("text/csv; charset=utf-8"): it is sent as it
    is then, where werkzeug would add a second charset to any text/* type."""
    disposition = "inline" if inline else "attachment"
    named = ";" in mimetype
    return Response(
        data,
        content_type=mimetype if named else get_content_type(mimetype, "utf-8"),
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def private_file(path, mimetype, cache_control):
    """A stored upload, sent after the caller checked who may see it."""
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=mimetype, conditional=True)
    response.headers["Cache-Control"] = cache_control
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_response(data, filename):
    """A PDF the browser shows (table cards, host cards)."""
    return file_response(data, "application/pdf", filename, inline=True)
