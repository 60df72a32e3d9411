"""Phones during the gallery walk: browse the other tables, praise or worry."""

from flask import flash, jsonify, redirect, render_template, request, url_for

from app.access import get_card_of_own_event, require_participant
from app.authorise import public_route
from app.errors import wants_json
from app.gallery import bp
from app.models import DomainError
from app.services import gallery
from app.services.tables import visible_cards


@bp.route("/me/gallery")
@public_route("participant")
def gallery_page():
    participant = require_participant()
    event = participant.event
    others = [t for t in event.tables if t.id != participant.table_id]
    chosen = next(
        (t for t in others if t.id == request.args.get("table", 0, type=int)),
        others[0] if others else None,
    )
    return render_template(
        "gallery/gallery.html",
        participant=participant,
        event=event,
        tables=others,
        chosen=chosen,
        cards=visible_cards(chosen.id) if chosen else [],
        given=gallery.own_reactions(participant),
        walking=gallery.gallery_open(event),
    )


@bp.route("/me/gallery/cards/<int:card_id>", methods=["POST"])
@public_route("participant")
def react(card_id):
    participant = require_participant()
    card = get_card_of_own_event(participant, card_id)
    kind, on = request.form.get("kind", ""), request.form.get("on") == "1"
    try:
        card = gallery.set_reaction(participant, card, kind, on)
    except DomainError as error:
        if wants_json():
            raise
        flash(error.message, "error")
    if wants_json():
        return jsonify(ok=True, praise=card.praise_count, concern=card.concern_count)
    target = url_for(
        "gallery.gallery_page", table=card.table_id, _anchor=f"card-{card.id}"
    )
    return redirect(target)
