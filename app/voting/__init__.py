from flask import Blueprint

from app.models.poll import POLL_KINDS, POLL_STATES, VISIBILITY

bp = Blueprint("voting", __name__)


@bp.app_context_processor
def poll_names():
    """Poll kinds, states and result visibilities by name, for every page."""
    return {
        "poll_kinds": POLL_KINDS,
        "poll_states": POLL_STATES,
        "visibility": VISIBILITY,
    }


from app.voting import phone, routes  # noqa: E402, F401
