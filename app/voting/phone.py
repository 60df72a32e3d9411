"""Phones vote: the open poll, the ballot, the results once the room sees them,
and redeeming a voting code."""

from flask import flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app import phone_writes
from app.access import (
    current_participant,
    get_poll_for_participant,
    require_participant,
)
from app.authorise import public_route
from app.errors import wants_json
from app.extensions import db
from app.live.payloads import poll_payload
from app.models import DomainError, VotingCode
from app.models.poll import CONSENT_CHOICES
from app.ratelimit import limit_code_attempts
from app.redirects import local_target
from app.services.text_views import Wording
from app.services.voting import ballots, codes
from app.services.voting.results import results
from app.voting import bp
from app.voting.forms import RedeemForm


def open_poll_of(event):
    return next((poll for poll in event.polls if poll.is_open), None)


def has_voted(poll, participant):
    return ballots.own_ballot(poll, participant) is not None


def phone_poll_payload(participant):
    """The open poll for a phone's resync, with whether this phone voted in it:
    a phone that voted stays at its table. Pushes to the whole room carry no
    'voted', so the vote path stays one write."""
    poll = open_poll_of(participant.event)
    if poll is None:
        return None
    return {**poll_payload(poll), "voted": has_voted(poll, participant)}


@bp.route("/me/polls/<int:poll_id>")
@public_route("participant")
def phone_poll(poll_id):
    participant = require_participant()
    poll = get_poll_for_participant(participant, poll_id)
    ballot = ballots.own_ballot(poll, participant)
    needs_code = poll.event.vote_with_codes and not codes.holds_code(participant)
    views = Wording(poll.event, str(get_locale())).poll(poll)
    counted = results(poll, public=True) if _shows_results(poll) else None
    return render_template(
        "voting/phone_poll.html",
        event=poll.event,
        participant=participant,
        poll=poll,
        answer=ballot.answer if ballot else {},
        results=counted and _in_language(counted, views),
        needs_code=needs_code,
        redeem_form=RedeemForm(),
        consent_choices=CONSENT_CHOICES,
        views=views,
    )


def _in_language(counted, views):
    """The results with the options in the phone's language, as its page shows
    them (and its script tells them to a screen reader)."""

    def label(option):
        view = views.options.get(option["id"])
        return view.text if view else option["label"]

    options = [{**o, "label": label(o)} for o in counted.get("options", [])]
    return {**counted, "options": options} if options else counted


def _shows_results(poll):
    """Phones get no live tally: they show the results once voting is over."""
    return poll.state == "closed" and poll.results_public()


@bp.route("/me/polls/<int:poll_id>/state")
@public_route("participant")
def phone_poll_state(poll_id):
    """The poll as this phone may see it; fetched again after a lost connection."""
    participant = require_participant()
    poll = get_poll_for_participant(participant, poll_id)
    return jsonify(poll=poll_payload(poll))


@bp.route("/me/polls/<int:poll_id>/vote", methods=["POST"])
@public_route("participant")
def vote(poll_id):
    participant = require_participant()
    try:
        answer, status = phone_writes.cast_vote(participant, poll_id, request.form)
    except DomainError as error:
        if wants_json():
            raise
        flash(error.message, "error")
        return redirect(url_for("voting.phone_poll", poll_id=poll_id))
    if wants_json():
        return jsonify(ok=True, **answer), status
    flash(
        _("Thank you, your vote is counted. You can change it while the poll is open.")
    )
    return redirect(url_for("participation.me"))


@bp.route("/me/voting-code", methods=["POST"])
@public_route("participant")
def redeem_code():
    participant = require_participant()
    form = RedeemForm()
    target = local_target(request.form.get("next"), url_for("participation.me"))
    try:
        limit_code_attempts(request.remote_addr)
        if not form.validate_on_submit():
            raise DomainError(_("Please type the code from your voting slip."), 400)
        codes.redeem(participant, form.code.data)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(target)
    flash(_("Your voting code is accepted. This phone can vote now."))
    return redirect(target)


@bp.route("/v/<code>")
@public_route("participant")
def redeem_link(code):
    """A scanned voting slip: redeemed for this phone, after joining if need be."""
    limit_code_attempts(request.remote_addr)
    found = db.first_or_404(select(VotingCode).where(VotingCode.code == code))
    participant = _participant_of(found.event_id)
    if participant is None:
        session["voting_code"] = code
        return redirect(
            url_for("participation.join_event", token=found.event.join_token)
        )
    redeem_pending(participant, code)
    return redirect(url_for("participation.me"))


def redeem_pending(participant, code=None):
    """Redeem a scanned code (or the one kept while the phone joined first)."""
    code = code or session.pop("voting_code", None)
    if not code:
        return
    try:
        codes.redeem(participant, code)
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(_("Your voting code is accepted. This phone can vote now."))


def _participant_of(event_id):
    participant = current_participant()
    if participant is None or participant.event_id != event_id:
        return None
    return participant
