from flask import Blueprint

bp = Blueprint("hosts", __name__)

from app.hosts import assistant, routes  # noqa: E402, F401
