from flask import Blueprint

bp = Blueprint("process_reports", __name__)

from app.process_reports import routes  # noqa: E402, F401
