from flask import Blueprint

bp = Blueprint("organiser", __name__)

from app.organiser import links, routes  # noqa: E402, F401
