from flask import Blueprint

bp = Blueprint("interpretation", __name__)

from app.interpretation import routes  # noqa: E402, F401
