from flask import Blueprint

bp = Blueprint("organisations", __name__)

from app.organisations import invitations, routes  # noqa: E402, F401
