from flask import Blueprint

bp = Blueprint("tablets", __name__)

from app.tablets import routes  # noqa: E402, F401
