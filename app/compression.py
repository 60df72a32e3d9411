"""Brotli for text responses, gzip for clients without it (Flask-Compress): phones
on venue Wi-Fi get the join page in ~20 KB."""

from flask import g, request

from app.extensions import compress

COMPRESSIBLE = [
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
]


class CompressedVersions:
    """Compressed bodies by encoding and ETag, so a static file is compressed once
    per version. A response without an ETag (a page) is not kept."""

    def __init__(self):
        self.bodies = {}

    def get(self, key):
        return self.bodies.get(key)

    def set(self, key, body):
        if not key.endswith(";"):
            self.bodies[key] = body


SETTINGS = {
    "COMPRESS_MIMETYPES": COMPRESSIBLE,
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_MIN_SIZE": 1024,
    # Measured on the phone pages: quality 4 (the default) sends more than gzip,
    # 5 sends 4 % less than gzip at about its speed; 11 takes too long per page.
    "COMPRESS_BR_LEVEL": 5,
    # Responses arrive here whole (see _compress); compressed bodies of static
    # files are kept per version.
    "COMPRESS_STREAMS": False,
    "COMPRESS_REGISTER": False,
    "COMPRESS_CACHE_BACKEND": CompressedVersions,
    "COMPRESS_CACHE_KEY": lambda request: g.get("compressed_version", ""),
}


def register(app):
    for name, value in SETTINGS.items():
        app.config.setdefault(name, value)
    compress.init_app(app)
    app.after_request(_compress)


def _compress(response):
    """Partial content (206) stays as it is: Flask-Compress would compress it.
    A static file arrives as a file stream; read whole, it is compressed once."""
    if response.status_code == 206 or response.mimetype not in COMPRESSIBLE:
        return response
    response.direct_passthrough = False
    response.make_sequence()
    etag, weak = response.get_etag()
    g.compressed_version = f"{etag}:{request.path}" if etag and not weak else ""
    return compress.after_request(response)
