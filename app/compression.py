"""Gzip for text responses: phones on venue Wi-Fi get the join page in ~25 KB."""

import gzip

COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
}
MIN_SIZE = 1024


def register(app):
    @app.after_request
    def compress(response):
        if not _should_compress(response, app):
            return response
        from flask import request

        if "gzip" not in request.headers.get("Accept-Encoding", ""):
            return response
        response.direct_passthrough = False
        data = response.get_data()
        if len(data) < MIN_SIZE:
            return response
        response.set_data(_gzip(data, response.get_etag()[0]))
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        return response


def _should_compress(response, app):
    return (
        response.mimetype in COMPRESSIBLE
        and response.status_code < 300
        and "Content-Encoding" not in response.headers
        and response.status_code != 206
    )


_cache = {}


def _gzip(data, etag):
    """Static files carry an ETag, so each is compressed once per version."""
    if etag is None:
        return gzip.compress(data, compresslevel=6)
    if etag not in _cache:
        _cache[etag] = gzip.compress(data, compresslevel=9)
    return _cache[etag]
