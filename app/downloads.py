from flask import Response, abort, send_file


def file_response(data, mimetype, filename, inline=False):
    """Bytes as a download (or shown in the browser when inline); never cached."""
    disposition = "inline" if inline else "attachment"
    return Response(
        data,
        mimetype=mimetype,
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
