"""Table hosts on their phones: join by the host QR, tidy the table's cards,
present them in the plenary."""

from flask import (
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from app.access import (
    current_participant,
    get_card_for_host,
    get_table_by_host_token,
    require_host,
    require_participant,
)
from app.errors import wants_json
from app.hosts import bp
from app.live.broadcast import card_payload
from app.models import DomainError
from app.ratelimit import limit_phone_actions
from app.services import hosts, participation, plenary
from app.services.spotlight import spotlight_table
from app.services.tables import visible_cards


@bp.route("/h/<token>", methods=["GET", "POST"])
def join_as_host(token):
    """The host QR: seats this phone at the table as its host."""
    table = get_table_by_host_token(token)
    if request.method == "POST":
        participant = participation.join_event(
            table.event,
            current_participant(),
            table,
            request.form.get("first_name", ""),
            str(get_locale()),
            hosting=True,
        )
        session.permanent = True
        session["participant"] = participant.token
        return redirect(url_for("hosts.host_page"))
    return render_template("hosts/join.html", table=table, event=table.event)


@bp.route("/me/host")
def host_page():
    participant = require_participant()
    return _host_page(participant, require_host(participant))


def _host_page(participant, table, entry=None):
    """entry: a card for someone without a phone that was refused, typed again."""
    return render_template(
        "hosts/host.html",
        participant=participant,
        event=participant.event,
        table=table,
        cards=visible_cards(table.id),
        merged=hosts.merged_cards(table.id),
        entry=entry,
    )


@bp.route("/me/host/cards", methods=["POST"])
def enter_card():
    """The host enters a card for someone at the table without a phone."""
    participant = require_participant()
    table = require_host(participant)
    try:
        card, created = participation.add_sent_card(
            hosts.host_writer(participant), request.form
        )
    except DomainError as error:
        if wants_json():
            raise
        flash(error.message, "error")
        return _host_page(participant, table, request.form), error.status
    if wants_json():
        return jsonify(ok=True, card=card_payload(card)), 201 if created else 200
    flash(_("The card was entered for someone without a phone."))
    return redirect(url_for("hosts.host_page", entered=1, _anchor="enter-card"))


CARD_ACTIONS = {
    "edit": lambda card, form: hosts.edit_card(card, form.get("text")),
    "heading": lambda card, form: hosts.set_heading(card, form.get("heading")),
    "mark": lambda card, form: hosts.mark_card(card, form.get("marked") == "1"),
    "unmerge": lambda card, form: hosts.unmerge_card(card),
}


@bp.route("/me/host/cards/<int:card_id>/<action>", methods=["POST"])
def card_action(card_id, action):
    participant = require_participant()
    require_host(participant)
    card = get_card_for_host(participant, card_id)
    try:
        limit_phone_actions(participant.id)
        if action == "merge":
            target = get_card_for_host(
                participant, request.form.get("into", 0, type=int)
            )
            hosts.merge_cards(card, target)
        elif action in CARD_ACTIONS:
            CARD_ACTIONS[action](card, request.form)
        else:
            return redirect(url_for("hosts.host_page"))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("hosts.host_page", _anchor=f"card-{card.id}"))


@bp.route("/me/host/present/<any(table, card, next_table):what>", methods=["POST"])
def present(what):
    """Put the own table on the projector, step through its cards, hand over."""
    participant = require_participant()
    table = require_host(participant)
    event = participant.event
    try:
        if what == "table":
            spotlight_table(event, table)
        else:
            plenary.require_presenter(table, event)
            if what == "card":
                back = request.form.get("direction") == "back"
                plenary.step_card(event, -1 if back else 1)
            else:
                plenary.step_table(event, 1)
                flash(_("The next table presents now."))
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("hosts.host_page", _anchor="present"))
