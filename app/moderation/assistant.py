"""The assistant's page for the moderator: likely duplicates across the tables
of each action field, themes per field."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.access import (
    get_card_for_moderator,
    get_suggestion_for_moderator,
    get_theme_for_moderator,
)
from app.authorise import event_route
from app.hosts.assistant import THEME_DONE, moved_message
from app.models import DomainError
from app.moderation import bp
from app.services.assistant import actions, refresh_event
from app.services.assistant.summary import scope_titles


@bp.route("/events/<int:event_id>/assistant")
@event_route("run")
def assistant(event):
    view = actions.assistant_view(event)
    return render_template(
        "assistant/page.html",
        event=event,
        assistant=view,
        version=actions.assistant_digest(view),
        scope_titles=scope_titles(event),
    )


@bp.route("/events/<int:event_id>/assistant/version")
@event_route("run")
def assistant_version(event):
    """What the assistant's page shows, to compare after a push; the console's
    count of open suggestions."""
    view = actions.assistant_view(event)
    found = len(view["suggestions"]) if view else 0
    return jsonify(version=actions.assistant_digest(view), suggestions=found)


@bp.route("/events/<int:event_id>/assistant/refresh", methods=["POST"])
@event_route("run")
def refresh_assistant(event):
    """Compare the cards now instead of waiting for the next change."""
    if event.assistant:
        refresh_event(event)
        flash(_("The assistant compared the cards again."))
    return redirect(url_for("moderation.assistant", event_id=event.id))


@bp.route("/events/<int:event_id>/assistant/suggestions/<int:suggestion_id>/"
          "<any(merge, dismiss):action>", methods=["POST"])  # fmt: skip
@event_route("run")
def suggestion(event, suggestion_id, action):
    """Merge a suggested pair (across tables too) or dismiss it."""
    found = get_suggestion_for_moderator(event, suggestion_id)
    try:
        if action == "merge":
            actions.merge_suggestion(found)
            flash(_("The two cards were merged."))
        else:
            actions.dismiss_suggestion(found)
            flash(_("The suggestion was dismissed."))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("moderation.assistant", event_id=event.id))


@bp.route("/events/<int:event_id>/assistant/themes/<int:theme_id>/"
          "<any(accept, rename, drop):action>", methods=["POST"])  # fmt: skip
@event_route("run")
def theme(event, theme_id, action):
    found = get_theme_for_moderator(event, theme_id)
    try:
        actions.act_on_theme(found, action, request.form.get("label"))
        flash(THEME_DONE[action]())
    except DomainError as error:
        flash(error.message, "error")
    return redirect(
        url_for("moderation.assistant", event_id=event.id, _anchor="themes")
    )


@bp.route(
    "/events/<int:event_id>/assistant/cards/<int:card_id>/theme", methods=["POST"]
)
@event_route("run")
def card_theme(event, card_id):
    card = get_card_for_moderator(event, card_id)
    theme_id = request.form.get("theme", 0, type=int)
    target = get_theme_for_moderator(event, theme_id) if theme_id else None
    try:
        actions.move_to_theme(card, target)
        flash(moved_message(target))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(
        url_for("moderation.assistant", event_id=event.id, _anchor="themes")
    )
