from flask import Blueprint

bp = Blueprint("review", __name__)

from app.review import goals, routes  # noqa: E402, F401
