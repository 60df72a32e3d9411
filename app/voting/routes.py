"""The moderator's televoting: prepare polls, run them, see live results, export
them, and print voting codes."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.access import (
    get_ballot_for_moderator,
    get_event_for_moderator,
    get_event_for_projector,
    get_poll_for_moderator,
    organiser_required,
)
from app.downloads import file_response, pdf_response
from app.errors import flash_errors, wants_json
from app.live.broadcast import projector_poll_payload
from app.models.poll import POLL_KINDS
from app.services.spotlight import spotlight_table
from app.services.voting import ballots, codes, polls
from app.services.voting.export import poll_csv
from app.services.voting.results import results
from app.voting import bp
from app.voting.forms import CodesForm, CodesModeForm, PollForm

PREFIX = "/events/<int:event_id>/polls"


@bp.route(PREFIX)
@organiser_required
def polls_page(event_id):
    event = get_event_for_moderator(event_id)
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
@organiser_required
def new_poll(event_id, kind):
    event = get_event_for_moderator(event_id)
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
@organiser_required
def edit_poll(event_id, poll_id):
    event = get_event_for_moderator(event_id)
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
@organiser_required
def poll_page(event_id, poll_id):
    event = get_event_for_moderator(event_id)
    poll = get_poll_for_moderator(event, poll_id)
    return render_template(
        "voting/poll.html",
        event=event,
        poll=poll,
        results=results(poll),
        step=polls.step_of(poll),
    )


@bp.route(f"{PREFIX}/<int:poll_id>/results")
@organiser_required
def poll_results(event_id, poll_id):
    """The live tally; fetched again after a lost connection."""
    event = get_event_for_moderator(event_id)
    return jsonify(results(get_poll_for_moderator(event, poll_id)))


POLL_ACTIONS = {
    "open": polls.open_poll,
    "close": polls.close_poll,
    "reveal": polls.reveal_poll,
    "reset": polls.reset_poll,
    "project": polls.show_on_projector,
}


@bp.route(f"{PREFIX}/<int:poll_id>/<action>", methods=["POST"])
@organiser_required
def poll_action(event_id, poll_id, action):
    event = get_event_for_moderator(event_id)
    poll = get_poll_for_moderator(event, poll_id)
    if action == "delete":
        polls.delete_poll(event, poll)
        return _done(event)
    if action not in POLL_ACTIONS:
        abort(404)
    POLL_ACTIONS[action](event, poll)
    return _done(event, poll)


@bp.route(f"{PREFIX}/off-projector", methods=["POST"])
@organiser_required
def poll_off_projector(event_id):
    event = get_event_for_moderator(event_id)
    spotlight_table(event, None)
    return _done(event)


@bp.route(f"{PREFIX}/<int:poll_id>/words", methods=["POST"])
@organiser_required
def hide_word(event_id, poll_id):
    event = get_event_for_moderator(event_id)
    poll = get_poll_for_moderator(event, poll_id)
    polls.hide_word(
        event, poll, request.form.get("word", ""), "show" not in request.form
    )
    return _done(event, poll)


@bp.route(
    f"{PREFIX}/<int:poll_id>/answers/<int:ballot_id>/<any(hide, show):action>",
    methods=["POST"],
)
@organiser_required
def moderate_answer(event_id, poll_id, ballot_id, action):
    event = get_event_for_moderator(event_id)
    poll = get_poll_for_moderator(event, poll_id)
    ballot = get_ballot_for_moderator(poll, ballot_id)
    ballots.hide_answer(poll, ballot, action == "hide")
    return _done(event, poll)


@bp.route(f"{PREFIX}/<int:poll_id>/results.csv")
@organiser_required
def poll_results_csv(event_id, poll_id):
    event = get_event_for_moderator(event_id)
    poll = get_poll_for_moderator(event, poll_id)
    return file_response(
        poll_csv(poll), "text/csv; charset=utf-8", f"poll-{poll.id}.csv"
    )


@bp.route("/events/<int:event_id>/voting-codes", methods=["POST"])
@organiser_required
def add_voting_codes(event_id):
    event = get_event_for_moderator(event_id)
    form = CodesForm()
    if form.validate_on_submit():
        codes.add_codes(event, form.count.data)
        flash(_("Voting codes added. Print the sheet and hand one slip to each voter."))
    flash_errors(form)
    return redirect(url_for("voting.polls_page", event_id=event.id, _anchor="codes"))


@bp.route("/events/<int:event_id>/voting-codes/mode", methods=["POST"])
@organiser_required
def voting_codes_mode(event_id):
    event = get_event_for_moderator(event_id)
    form = CodesModeForm()
    if form.validate_on_submit():
        polls.set_voting_codes(event, form.required.data)
        flash(_("Saved."))
    return redirect(url_for("voting.polls_page", event_id=event.id, _anchor="codes"))


@bp.route("/events/<int:event_id>/voting-codes.pdf")
@organiser_required
def voting_codes_pdf(event_id):
    event = get_event_for_moderator(event_id)
    return pdf_response(codes.codes_pdf(event), "voting-codes.pdf")


@bp.route("/projector/<token>/poll")
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
