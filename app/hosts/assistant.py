"""The assistant's suggestions in the host tools: likely duplicates with a card
at the own table, themes of the own action field."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from app.access import (
    get_card_for_host,
    get_suggestion_for_host,
    get_theme_for_host,
    require_host,
    require_participant,
)
from app.authorise import public_route
from app.hosts import bp
from app.models import DomainError
from app.ratelimit import limit_phone_actions
from app.services.assistant import actions

THEME_DONE = {
    "accept": lambda: _("Theme accepted: its name is now the heading of its cards."),
    "rename": lambda: _("The theme was renamed."),
    "drop": lambda: _("The theme was dropped."),
}


def moved_message(target):
    """What a move of a card to `target` (None: out of its theme) says."""
    return (
        _("The card is now in this theme.")
        if target
        else _("The card is in no theme now.")
    )


@bp.route("/me/host/suggestions/<int:suggestion_id>/<any(merge, dismiss):action>",
          methods=["POST"])  # fmt: skip
@public_route("host")
def suggestion(suggestion_id, action):
    """Merge a suggested pair of the own table, or dismiss a suggestion."""
    participant = require_participant()
    require_host(participant)
    found = get_suggestion_for_host(participant, suggestion_id, action == "merge")
    anchor = "assistant"
    try:
        limit_phone_actions(participant.id)
        if action == "merge":
            anchor = f"card-{actions.merge_suggestion(found).id}"
            flash(_("The two cards were merged."))
        else:
            actions.dismiss_suggestion(found)
            flash(_("The suggestion was dismissed."))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("hosts.host_page", _anchor=anchor))


@bp.route("/me/host/themes/<int:theme_id>/<any(accept, rename, drop):action>",
          methods=["POST"])  # fmt: skip
@public_route("host")
def theme(theme_id, action):
    """Accept, rename or drop a theme of the own action field."""
    participant = require_participant()
    require_host(participant)
    found = get_theme_for_host(participant, theme_id)
    try:
        limit_phone_actions(participant.id)
        actions.act_on_theme(found, action, request.form.get("label"))
        flash(THEME_DONE[action]())
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("hosts.host_page", _anchor="themes"))


@bp.route("/me/host/cards/<int:card_id>/theme", methods=["POST"])
@public_route("host")
def card_theme(card_id):
    """Put a card of the own table into another theme of the field, or none."""
    participant = require_participant()
    require_host(participant)
    card = get_card_for_host(participant, card_id)
    theme_id = request.form.get("theme", 0, type=int)
    target = get_theme_for_host(participant, theme_id) if theme_id else None
    try:
        limit_phone_actions(participant.id)
        actions.move_to_theme(card, target)
        flash(moved_message(target))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("hosts.host_page", _anchor="themes"))
