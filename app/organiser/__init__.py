from flask import Blueprint

bp = Blueprint("organiser", __name__)

from app.organiser import routes  # noqa: E402, F401
