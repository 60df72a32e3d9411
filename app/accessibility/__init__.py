from flask import Blueprint

bp = Blueprint("accessibility", __name__)

from app.accessibility import footer, organiser, routes  # noqa: E402, F401
