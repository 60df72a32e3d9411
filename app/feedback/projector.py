"""At a later event of the process: the projector shows what became of the
earlier events' ideas. The console switches it on; any other projector view
(the join code, a table, a poll) switches it off."""

from flask import (
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale

from app.access import (
    get_event_for_projector,
)
from app.authorise import event_route, public_route
from app.errors import wants_json
from app.feedback import bp
from app.live.payloads import state_payload
from app.services import earlier_ideas, feedback


@bp.route("/events/<int:event_id>/projector/feedback", methods=["POST"])
@event_route("run")
def project(event):
    if not earlier_ideas.has_earlier_ideas(event):
        abort(404)
    earlier_ideas.project_feedback(event)
    if wants_json():
        return jsonify(ok=True, state=state_payload(event))
    return redirect(url_for("moderation.console", event_id=event.id))


@bp.route("/projector/<token>/feedback")
@public_route("projector")
def projector(token):
    """The earlier ideas in the projector's language (?lang=, as the projector)."""
    event = get_event_for_projector(token)
    language = request.args.get("lang", event.language)
    if language not in current_app.config["LANGUAGES"]:
        language = event.language
    if not event.projector_feedback:
        return redirect(url_for("moderation.projector", token=token, **request.args))
    with force_locale(language):
        fields = earlier_ideas.earlier_feedback(event, language)
        return render_template(
            "feedback/projector.html",
            event=event,
            fields=fields,
            overall=feedback.overall(fields),
            language=language,
        )
