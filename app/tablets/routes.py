"""Table tablets: one shared device per table writes cards for the people there
who have no phone. The moderator issues and revokes each table's tablet link."""

import uuid

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.access import (
    get_table_by_tablet_token,
    get_table_for_moderator,
)
from app.authorise import event_route, public_route
from app.errors import wants_json
from app.live.payloads import card_payload, state_payload
from app.models import DomainError
from app.network import public_url
from app.participation.forms import CardForm, ResultsMailForm
from app.services import participation, tablets
from app.services.qr import qr_svg
from app.services.tables import visible_cards
from app.tablets import bp


@bp.route("/tablet/<token>")
@public_route("tablet")
def tablet_page(token):
    table = get_table_by_tablet_token(token)
    return _page(table, CardForm(uuid=str(uuid.uuid4())))


def _page(table, form, status=200, mail_form=None):
    """The tablet's page: the table's phone page without anything of one person.
    Never cached: the back button must not bring the last person's page back."""
    page = render_template(
        "tablets/tablet.html",
        tablet=table,
        table=table,
        event=table.event,
        cards=visible_cards(table.id, newest_first=True),
        form=form,
        mail_form=mail_form or ResultsMailForm(formdata=None),
        sent=request.args.get("sent") == "1",
        mailed=request.args.get("mailed") == "1",
    )
    return page, status, {"Cache-Control": "no-store"}


@bp.route("/tablet/<token>/cards", methods=["POST"])
@public_route("tablet")
def send_card(token):
    table = get_table_by_tablet_token(token)
    writer = tablets.tablet_writer(table, str(get_locale()))
    try:
        card, created = participation.add_sent_card(writer, request.form)
    except DomainError as error:
        if wants_json():
            raise
        form = CardForm()
        form.uuid.data = str(uuid.uuid4())
        return _page(table, form, error.status)
    if wants_json():
        return jsonify(ok=True, card=card_payload(card)), 201 if created else 200
    return redirect(url_for("tablets.tablet_page", token=token, sent=1))


@bp.route("/tablet/<token>/email", methods=["POST"])
@public_route("tablet")
def leave_email(token):
    """'Send me the results' at the tablet: the address is stored, never shown
    again, and the form is empty for the next person."""
    table = get_table_by_tablet_token(token)
    form = ResultsMailForm()
    try:
        if not form.validate_on_submit():
            raise DomainError(next(iter(form.errors.values()))[0], status=400)
        tablets.leave_address_at_tablet(
            table, form.email.data, str(get_locale()), form.consent.data
        )
    except DomainError as error:
        flash(error.message, "error")
        return _page(table, CardForm(uuid=str(uuid.uuid4())), error.status, form)
    return redirect(
        url_for("tablets.tablet_page", token=token, mailed=1, _anchor="results")
    )


@bp.route("/tablet/<token>/state")
@public_route("tablet")
def state(token):
    """The table's cards and the running phase, fetched after a lost connection.
    No poll: a tablet does not vote."""
    table = get_table_by_tablet_token(token)
    return jsonify(
        state=state_payload(table.event),
        cards=[card_payload(c) for c in visible_cards(table.id)],
        seat="tablet",
        poll=None,
    )


@bp.route("/events/<int:event_id>/tablets")
@event_route("run")
def tablets_page(event):
    """Every table's tablet link with its QR code, to show or print."""
    links = {table.id: _link(table) for table in event.tables if table.tablet_token}
    return render_template(
        "tablets/manage.html",
        event=event,
        links=links,
        qr={table_id: _tablet_qr(link) for table_id, link in links.items()},
    )


def _tablet_qr(link):
    return qr_svg(link, _("QR code of the tablet link: %(link)s", link=link))


def _link(table):
    return public_url(url_for("tablets.tablet_page", token=table.tablet_token))


@bp.route(
    "/events/<int:event_id>/tables/<int:table_id>/tablet/<any(issue, revoke):action>",
    methods=["POST"],
)
@event_route("run")
def tablet_action(event, table_id, action):
    table = get_table_for_moderator(event, table_id)
    if action == "issue":
        tablets.issue_tablet(table)
    else:
        tablets.revoke_tablet(table)
    if wants_json():
        return jsonify(ok=True, token=table.tablet_token)
    return redirect(url_for("tablets.tablets_page", event_id=event.id))
