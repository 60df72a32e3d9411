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
from flask_babel import gettext as _
from sqlalchemy import select

from app.access import (
    get_card_for_moderator,
    get_category_for_moderator,
    get_event_for_projector,
    get_step_for_moderator,
    get_table_for_moderator,
)
from app.authorise import event_route, public_route
from app.errors import ask_first, confirmed, refusal_flashed, wants_json
from app.extensions import db
from app.live.payloads import (
    console_card_payload,
    projector_poll_payload,
    state_payload,
)
from app.models import Card, Phase
from app.moderation import bp
from app.network import join_url
from app.services import cards as card_services
from app.services import moderation, runsheet
from app.services.assistant.actions import shown_suggestions
from app.services.interpreting import interpreters_of
from app.services.qr import qr_svg
from app.services.spotlight import (
    note_projector_language,
    spotlight_payload,
    spotlight_table,
)
from app.services.stats import event_counts
from app.services.voting.results import voter_counts


@bp.route("/events/<int:event_id>/console")
@event_route("run")
def console(event):
    return render_template(
        "moderation/console.html",
        event=event,
        state=console_state(event),
        projector_url=url_for("moderation.projector", token=event.projector_token),
        interpreters=interpreters_of(event),
        poll_counts=voter_counts(event),
        assistant_count=len(shown_suggestions(event)) if event.assistant else 0,
    )


@bp.route("/events/<int:event_id>/console/state")
@event_route("run")
def state(event):
    """Everything the console shows; fetched again after a lost connection."""
    return jsonify(console_state(event))


def console_state(event):
    cards = db.session.scalars(
        select(Card).where(Card.event_id == event.id).order_by(Card.id)
    ).all()
    return {
        "state": state_payload(event),
        "counts": event_counts(event.id),
        "cards": [console_card_payload(card) for card in cards],
    }


@bp.route("/events/<int:event_id>/phases/<int:phase_id>/<action>", methods=["POST"])
@event_route("run")
def phase_action(event, phase_id, action):
    phase = db.session.get(Phase, phase_id)
    if phase is None or phase.event_id != event.id or action not in ("start", "close"):
        abort(404)
    with refusal_flashed():
        if action == "start":
            running = shown_step(event, "running")
            moderation.start_phase(event, phase, confirmed(), running)
        else:
            moderation.close_phase(event, phase)
    return done(event)


@bp.route("/events/<int:event_id>/cards/<int:card_id>/<action>", methods=["POST"])
@event_route("run")
def card_action(event, card_id, action):
    card = get_card_for_moderator(event, card_id)
    actions = {
        "hide": moderation.hide_card,
        "show": moderation.show_card,
        "approve": card_services.approve_card,
        "reject": card_services.reject_card,
    }
    if action not in actions:
        abort(404)
    actions[action](card)
    return done(event)


@bp.route("/events/<int:event_id>/cards/<int:card_id>/move", methods=["POST"])
@event_route("run")
def move_card(event, card_id):
    """File a card under another category of its phase or at another table."""
    card = get_card_for_moderator(event, card_id)
    table = get_table_for_moderator(event, request.form.get("table", 0, type=int))
    category = get_category_for_moderator(
        event, request.form.get("category", 0, type=int)
    )
    card_services.move_card(card, table, category)
    return done(event)


@bp.route("/events/<int:event_id>/<action>", methods=["POST"])
@event_route("run")
def event_action(event, action):
    actions = {"close": moderation.close_event, "reopen": moderation.reopen_event}
    if action not in actions:
        abort(404)
    if action == "close":
        ask_first(_("Close the event? Phones can no longer send cards."))
    actions[action](event)
    return done(event)


@bp.route("/events/<int:event_id>/spotlight", methods=["POST"])
@event_route("run")
def spotlight(event):
    """Put one table on the projector; an empty table field shows the join view."""
    table_id = request.form.get("table", "")
    table = (
        get_table_for_moderator(event, int(table_id)) if table_id.isdigit() else None
    )
    spotlight_table(event, table)
    return done(event)


@bp.route("/projector/<token>")
@public_route("projector")
def projector(token):
    """The room's screen, in the event language unless ?lang= asks for another."""
    event = get_event_for_projector(token)
    language = request.args.get("lang", event.language)
    if language not in current_app.config["LANGUAGES"]:
        language = event.language
    note_projector_language(event, language)
    link = join_url(event)
    with force_locale(language):
        return render_template(
            "moderation/projector.html",
            event=event,
            join_url=link,
            qr=qr_svg(link, _("QR code to join: %(link)s", link=link)),
            counts=event_counts(event.id),
            spotlight=spotlight_payload(event),
            poll=projector_poll_payload(event),
        )


def done(event, anchor=None):
    if wants_json():
        return jsonify(ok=True, state=state_payload(event))
    opened = {anchor: 1} if anchor else {}  # the console opens that panel
    return redirect(
        url_for("moderation.console", event_id=event.id, _anchor=anchor, **opened)
    )


def shown_step(event, field):
    """A step the console showed, posted back by id; empty: none; a form without
    the field: runsheet.UNCHECKED."""
    if field not in request.form:
        return runsheet.UNCHECKED
    step_id = request.form[field]
    return get_step_for_moderator(event, int(step_id)) if step_id.isdigit() else None
