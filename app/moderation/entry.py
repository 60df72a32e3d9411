"""The moderator enters cards for people without a phone, at a table they pick."""

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.access import (
    get_table_for_moderator,
)
from app.authorise import event_route
from app.errors import wants_json
from app.live.payloads import console_card_payload
from app.models import DomainError
from app.moderation import bp
from app.services import participation
from app.services.moderation import moderator_writer


@bp.route("/events/<int:event_id>/cards/enter", methods=["GET", "POST"])
@event_route("run")
def enter_card(event):
    """GET: the form on a page of its own; POST: store the card and go back to
    the console, the table still chosen. A refused card comes back here."""
    if request.method == "GET":
        return _entry_page(event, None)
    try:
        table = _chosen_table(event, request.form.get("table", ""))
        writer = moderator_writer(table, current_user.id, str(get_locale()))
        card, created = participation.add_sent_card(writer, request.form)
    except DomainError as error:
        if wants_json():
            raise
        flash(error.message, "error")
        return _entry_page(event, request.form), error.status
    if wants_json():
        payload = console_card_payload(card)
        return jsonify(ok=True, card=payload), 201 if created else 200
    flash(_("Card entered at table %(number)s.", number=table.number))
    return redirect(
        url_for(
            "moderation.console",
            event_id=event.id,
            entry_table=table.id,
            _anchor="enter-card",
        )
    )


def _chosen_table(event, table_id):
    if not table_id.isdigit():
        raise DomainError(_l("Please choose a table."), status=400)
    return get_table_for_moderator(event, int(table_id))


def _entry_page(event, entry):
    return render_template(
        "moderation/enter_card.html",
        event=event,
        entry=entry,
        chosen_table=request.values.get("table", type=int),
    )
