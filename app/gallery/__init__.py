from flask import Blueprint

bp = Blueprint("gallery", __name__)

from app.gallery import routes  # noqa: E402, F401
