from flask import Response


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
