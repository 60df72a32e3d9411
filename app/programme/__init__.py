from flask import Blueprint

bp = Blueprint("programme", __name__)

from app.programme import drafts, routes  # noqa: E402, F401
