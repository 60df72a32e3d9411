from flask import Blueprint

bp = Blueprint("moderation", __name__)

from app.moderation import assistant, entry, routes, steps  # noqa: E402, F401
