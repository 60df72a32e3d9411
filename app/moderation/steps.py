"""The console's run-sheet, seating plan, hosts and plenary controls."""

from flask import abort, flash, request
from flask_babel import gettext as _

from app.access import (
    get_participant_for_moderator,
    get_step_for_moderator,
    get_table_for_moderator,
)
from app.authorise import event_route
from app.errors import confirmed, refusal_flashed
from app.moderation import bp
from app.moderation.routes import done, shown_step
from app.services import hosts, plenary, runsheet, seating

STEP_ACTIONS = {
    "pause": runsheet.pause_step,
    "resume": runsheet.resume_step,
    "end": runsheet.end_step,
}


@bp.route("/events/<int:event_id>/steps/next", methods=["POST"])
@event_route("run")
def next_step(event):
    """End the running step and start the next, as the console showed them."""
    ending, starting = shown_step(event, "running"), shown_step(event, "step")
    with refusal_flashed():
        runsheet.next_step(event, ending, starting)
    return done(event)


@bp.route("/events/<int:event_id>/steps/<int:step_id>/<action>", methods=["POST"])
@event_route("run")
def step_action(event, step_id, action):
    step = get_step_for_moderator(event, step_id)
    if action not in (*STEP_ACTIONS, "start", "extend"):
        abort(404)
    with refusal_flashed():
        if action == "start":
            running = shown_step(event, "running")
            runsheet.start_step(event, step, confirmed(), running)
        elif action == "extend":
            minutes = request.form.get("minutes", 0, type=int)
            runsheet.extend_step(event, step, minutes)
        else:
            STEP_ACTIONS[action](event, step)
    return done(event)


@bp.route("/events/<int:event_id>/seats", methods=["POST"])
@event_route("run")
def move_participant(event):
    """Seat a participant at a table (empty: no table), or make them its host."""
    person = get_participant_for_moderator(
        event, request.form.get("participant", 0, type=int)
    )
    table_id = request.form.get("table", 0, type=int)
    table = get_table_for_moderator(event, table_id) if table_id else None
    if request.form.get("host") and table is not None:
        hosts.make_host(event, person, table)
        flash(
            _(
                "%(name)s now hosts table %(number)s.",
                name=person.display_name,
                number=table.number,
            )
        )
    else:
        seating.move_participant(event, person, table)
    return done(event, anchor="seating")


@bp.route("/events/<int:event_id>/hosts/<int:participant_id>/end", methods=["POST"])
@event_route("run")
def end_hosting(event, participant_id):
    hosts.end_hosting(event, get_participant_for_moderator(event, participant_id))
    return done(event, anchor="seating")


@bp.route("/events/<int:event_id>/plenary/<any(table, card):what>", methods=["POST"])
@event_route("run")
def plenary_step(event, what):
    """Previous or next table or card on the projector; the moderator can always."""
    offset = -1 if request.form.get("direction") == "back" else 1
    if what == "table":
        plenary.step_table(event, offset)
    else:
        plenary.step_card(event, offset)
    return done(event)
