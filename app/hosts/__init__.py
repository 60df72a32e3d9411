from flask import Blueprint

bp = Blueprint("hosts", __name__)

from app.hosts import routes  # noqa: E402, F401
