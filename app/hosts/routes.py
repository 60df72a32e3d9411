"""Table hosts on their phones: join by the host QR, tidy the table's cards,
present them in the plenary."""

from flask import (
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from app.access import (
    current_participant,
    get_card_for_host,
    get_move_target_for_host,
    get_table_by_host_token,
    require_host,
    require_participant,
)
from app.authorise import public_route
from app.errors import wants_json
from app.hosts import bp
from app.live.payloads import card_payload
from app.models import DomainError
from app.ratelimit import limit_phone_actions
from app.services import cards, hosts, participation, plenary
from app.services.assistant.actions import assistant_digest, assistant_view
from app.services.spotlight import spotlight_table
from app.services.tables import visible_cards


@bp.route("/h/<token>", methods=["GET", "POST"])
@public_route("host")
def join_as_host(token):
    """The host QR: seats this phone at the table as its host, keeping the first
    name it may have given at join."""
    table = get_table_by_host_token(token)
    participant = current_participant()
    if request.method == "POST":
        participant = participation.join_event(
            table.event,
            participant,
            table,
            request.form.get("first_name", ""),
            str(get_locale()),
            hosting=True,
        )
        session.permanent = True
        session["participant"] = participant.token
        return redirect(url_for("hosts.host_page"))
    known = participant is not None and participant.event_id == table.event_id
    return render_template(
        "hosts/join.html",
        table=table,
        event=table.event,
        first_name=participant.first_name if known else "",
    )


@bp.route("/me/host")
@public_route("host")
def host_page():
    participant = require_participant()
    return _host_page(participant, require_host(participant))


def _host_page(participant, table, entry=None):
    """entry: a card for someone without a phone that was refused, typed again."""
    shown = visible_cards(table.id)
    return render_template(
        "hosts/host.html",
        participant=participant,
        event=participant.event,
        table=table,
        cards=shown,
        groups=hosts.card_groups(shown),
        waiting=hosts.waiting_cards(table.id),
        merged=hosts.merged_cards(table.id),
        entry=entry,
        version=_version(participant, table),
        assistant=assistant_view(participant.event, table),
    )


def _version(participant, table):
    """What the host tools show: the table's cards and the assistant's view."""
    view = assistant_view(participant.event, table)
    return hosts.tools_version(table.id) + assistant_digest(view)


@bp.route("/me/host/version")
@public_route("host")
def tools_version():
    """What the host tools showed, to compare after a (re)connect."""
    participant = require_participant()
    return jsonify(version=_version(participant, require_host(participant)))


@bp.route("/me/host/cards", methods=["POST"])
@public_route("host")
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


def _move(card, form, participant):
    table, category = get_move_target_for_host(
        participant, form.get("table", 0, type=int), form.get("category", 0, type=int)
    )
    cards.move_card(card, table, category)
    if card.table_id != participant.hosts_table_id:
        flash(_("The card is now at table %(number)s.", number=table.number))
    else:
        flash(_("The card is now under %(category)s.", category=category.label))


CARD_ACTIONS = {
    "tidy": lambda card, form, _participant: hosts.tidy_card(
        card, form.get("text"), form.get("heading"), form.get("marked") == "1"
    ),
    "unmerge": lambda card, _form, _participant: hosts.unmerge_card(card),
    "approve": lambda card, _form, _participant: cards.approve_card(card),
    "reject": lambda card, _form, _participant: cards.reject_card(card),
    "move": _move,
}


@bp.route("/me/host/cards/<int:card_id>/<action>", methods=["POST"])
@public_route("host")
def card_action(card_id, action):
    """One card of the own table: edit, move, take apart, approve or reject."""
    participant = require_participant()
    require_host(participant)
    card = get_card_for_host(participant, card_id)
    if action not in CARD_ACTIONS:
        abort(404)
    try:
        limit_phone_actions(participant.id)
        CARD_ACTIONS[action](card, request.form, participant)
    except DomainError as error:
        flash(error.message, "error")
    return redirect(url_for("hosts.host_page", _anchor=f"card-{card.id}"))


MAX_PICKED = 60


@bp.route("/me/host/merge", methods=["GET", "POST"])
@public_route("host")
def merge():
    """Merge picked cards: the host picks two or more, then the one that stays."""
    participant = require_participant()
    require_host(participant)
    ids = list(dict.fromkeys(request.values.getlist("card", type=int)))[:MAX_PICKED]
    picked = [get_card_for_host(participant, card_id) for card_id in ids]
    if request.method == "POST":
        return _merge_picked(participant, picked, request.form.get("keep", type=int))
    if len(picked) < 2:
        flash(_("Please pick at least two cards to merge."), "error")
        return redirect(url_for("hosts.host_page", _anchor="cards"))
    return render_template(
        "hosts/merge.html", event=participant.event, table=picked[0].table, cards=picked
    )


def _merge_picked(participant, picked, keep_id):
    keep = next((card for card in picked if card.id == keep_id), None)
    try:
        limit_phone_actions(participant.id)
        hosts.merge_cards(picked, keep)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("hosts.merge", card=[card.id for card in picked]))
    merged = len(picked) - 1
    flash(
        ngettext(
            "%(num)s duplicate merged into the card that stays.",
            "%(num)s duplicates merged into the card that stays.",
            merged,
        )
    )
    return redirect(url_for("hosts.host_page", _anchor=f"card-{keep.id}"))


@bp.route("/me/host/present/<any(table, card, next_table):what>", methods=["POST"])
@public_route("host")
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
