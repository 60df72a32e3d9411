"""The moderator's televoting: prepare polls, run them, see live results, export
them, and print voting codes."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.access import (
    get_ballot_for_moderator,
    get_event_for_projector,
    get_poll_for_moderator,
)
from app.authorise import event_route, public_route
from app.downloads import file_response, pdf_response
from app.errors import flash_errors, wants_json
from app.live.payloads import projector_poll_payload
from app.models.poll import POLL_KINDS
from app.services.spotlight import spotlight_table
from app.services.voting import ballots, codes, polls
from app.services.voting.export import poll_csv
from app.services.voting.results import results
from app.voting import bp
from app.voting.forms import CodesForm, CodesModeForm, PollForm

PREFIX = "/events/<int:event_id>/polls"


@bp.route(PREFIX)
@event_route("run")
def polls_page(event):
    return render_template(
        "voting/polls.html",
        event=event,
        codes=codes.codes_of(event),
        codes_form=CodesForm(),
        mode_form=CodesModeForm(required=event.vote_with_codes),
        step_of=polls.step_of,
    )


def _poll_form(event, kind, poll=None):
    if kind not in POLL_KINDS:
        abort(404)
    step = polls.step_of(poll) if poll else None
    form = PollForm(obj=poll, step=step.id if step else 0)
    if poll is not None and request.method == "GET" and poll.uses_options:
        form.options.data = "\n".join(o.label for o in poll.options)
    return form.prepare(kind, polls.card_sources(event), event.steps)


@bp.route(f"{PREFIX}/new/<kind>", methods=["GET", "POST"])
@event_route("run")
def new_poll(event, kind):
    form = _poll_form(event, kind)
    if form.validate_on_submit():
        poll = polls.create_poll(event, form.values(kind))
        flash(_("Poll saved. Open it when the room is ready."))
        return redirect(url_for("voting.poll_page", event_id=event.id, poll_id=poll.id))
    flash_errors(form)
    return render_template(
        "voting/poll_form.html", event=event, form=form, kind=kind, poll=None
    )


@bp.route(f"{PREFIX}/<int:poll_id>/edit", methods=["GET", "POST"])
@event_route("run")
def edit_poll(event, poll_id):
    poll = get_poll_for_moderator(event, poll_id)
    form = _poll_form(event, poll.kind, poll)
    if form.validate_on_submit():
        polls.update_poll(event, poll, form.values(poll.kind))
        flash(_("Poll saved."))
        return redirect(url_for("voting.poll_page", event_id=event.id, poll_id=poll.id))
    flash_errors(form)
    return render_template(
        "voting/poll_form.html", event=event, form=form, kind=poll.kind, poll=poll
    )


@bp.route(f"{PREFIX}/<int:poll_id>")
@event_route("run")
def poll_page(event, poll_id):
    poll = get_poll_for_moderator(event, poll_id)
    return render_template(
        "voting/poll.html",
        event=event,
        poll=poll,
        results=results(poll),
        step=polls.step_of(poll),
    )


@bp.route(f"{PREFIX}/<int:poll_id>/results")
@event_route("run")
def poll_results(event, poll_id):
    """The live tally; fetched again after a lost connection."""
    return jsonify(results(get_poll_for_moderator(event, poll_id)))


POLL_ACTIONS = {
    "open": polls.open_poll,
    "close": polls.close_poll,
    "reveal": polls.reveal_poll,
    "reset": polls.reset_poll,
    "project": polls.show_on_projector,
}


@bp.route(f"{PREFIX}/<int:poll_id>/<action>", methods=["POST"])
@event_route("run")
def poll_action(event, poll_id, action):
    poll = get_poll_for_moderator(event, poll_id)
    if action == "delete":
        polls.delete_poll(event, poll)
        return _done(event)
    if action not in POLL_ACTIONS:
        abort(404)
    POLL_ACTIONS[action](event, poll)
    return _done(event, poll)


@bp.route(f"{PREFIX}/off-projector", methods=["POST"])
@event_route("run")
def poll_off_projector(event):
    spotlight_table(event, None)
    return _done(event)


@bp.route(f"{PREFIX}/<int:poll_id>/words", methods=["POST"])
@event_route("run")
def hide_word(event, poll_id):
    poll = get_poll_for_moderator(event, poll_id)
    polls.hide_word(
        event, poll, request.form.get("word", ""), "show" not in request.form
    )
    return _done(event, poll)


@bp.route(
    f"{PREFIX}/<int:poll_id>/answers/<int:ballot_id>/<any(hide, show):action>",
    methods=["POST"],
)
@event_route("run")
def moderate_answer(event, poll_id, ballot_id, action):
    poll = get_poll_for_moderator(event, poll_id)
    ballot = get_ballot_for_moderator(poll, ballot_id)
    ballots.hide_answer(poll, ballot, action == "hide")
    return _done(event, poll)


@bp.route(f"{PREFIX}/<int:poll_id>/results.csv")
@event_route("run")
def poll_results_csv(event, poll_id):
    poll = get_poll_for_moderator(event, poll_id)
    return file_response(
        poll_csv(poll), "text/csv; charset=utf-8", f"poll-{poll.id}.csv"
    )


@bp.route("/events/<int:event_id>/voting-codes", methods=["POST"])
@event_route("run")
def add_voting_codes(event):
    form = CodesForm()
    if form.validate_on_submit():
        codes.add_codes(event, form.count.data)
        flash(_("Voting codes added. Print the sheet and hand one slip to each voter."))
    flash_errors(form)
    return redirect(url_for("voting.polls_page", event_id=event.id, _anchor="codes"))


@bp.route("/events/<int:event_id>/voting-codes/mode", methods=["POST"])
@event_route("run")
def voting_codes_mode(event):
    form = CodesModeForm()
    if form.validate_on_submit():
        polls.set_voting_codes(event, form.required.data)
        flash(_("Saved."))
    return redirect(url_for("voting.polls_page", event_id=event.id, _anchor="codes"))


@bp.route("/events/<int:event_id>/voting-codes.pdf")
@event_route("run")
def voting_codes_pdf(event):
    return pdf_response(codes.codes_pdf(event), "voting-codes.pdf")


@bp.route("/projector/<token>/poll")
@public_route("projector")
def projector_poll(token):
    """The projector's poll and its public tally; fetched again after a reconnect."""
    return jsonify(projector_poll_payload(get_event_for_projector(token)))


def _done(event, poll=None):
    if wants_json():
        return jsonify(ok=True)
    if request.form.get("next") == "console":
        return redirect(
            url_for("moderation.console", event_id=event.id, _anchor="polls")
        )
    if poll is None:
        return redirect(url_for("voting.polls_page", event_id=event.id))
    return redirect(url_for("voting.poll_page", event_id=event.id, poll_id=poll.id))
