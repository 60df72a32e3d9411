import uuid

from flask import (
    abort,
    current_app,
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

from app import phone_writes, simple_language
from app.access import (
    current_participant,
    get_card_for_participant,
    get_event_by_join_token,
    get_table_by_join_token,
    require_participant,
)
from app.authorise import public_route
from app.errors import wants_json
from app.live.payloads import card_payload, state_payload
from app.models import DomainError
from app.participation import bp
from app.participation.forms import CardForm, JoinForm, ResultsMailForm
from app.phone_writes import own_card_payload
from app.photos.forms import PhotoForm
from app.redirects import local_target
from app.services import addresses, card_language, participation, translations
from app.services.seating import assigns_tables
from app.services.stats import seat_counts
from app.services.tables import phone_cards, visible_photos
from app.templating import language_name
from app.voting.phone import has_voted, open_poll_of, phone_poll_payload, redeem_pending


@bp.route("/j/<token>", methods=["GET", "POST"])
@public_route("participant")
def join_event(token):
    event = get_event_by_join_token(token)
    participant = current_participant()
    if (
        _seated_in(participant, event)
        and request.method == "GET"
        and "change" not in request.args
    ):
        return redirect(url_for("participation.me"))
    return _join(event, [] if assigns_tables(event) else event.tables, participant)


@bp.route("/t/<token>", methods=["GET", "POST"])
@public_route("participant")
def join_table(token):
    table = get_table_by_join_token(token)
    participant = current_participant()
    if _seated_in(participant, table.event) and participant.table_id == table.id:
        return redirect(url_for("participation.me"))
    return _join(table.event, [table], participant)


def _seated_in(participant, event):
    return (
        participant is not None
        and participant.event_id == event.id
        and participant.table_id
    )


def _join(event, tables, participant):
    form = JoinForm(
        tables,
        table=participant.table_id if participant else None,
        perspectives=event.perspective_choices(),
    )
    if participant and request.method == "GET":
        form.first_name.data = participant.first_name
        form.perspective.data = participant.perspective
    if event.is_open and form.validate_on_submit():
        try:
            participant = participation.join_event(
                event,
                participant,
                _chosen_table(tables, form.table.data),
                form.first_name.data or "",
                str(get_locale()),
                perspective=form.perspective.data or "",
            )
        except DomainError as error:
            flash(error.message, "error")
        else:
            return _joined(participant, form)
    return _join_page(event, tables, form, participant)


def _joined(participant, form):
    session.permanent = True
    session["participant"] = participant.token
    _leave_address(participant, form)
    redeem_pending(participant)
    return redirect(url_for("participation.me"))


def _join_page(event, tables, form, participant):
    """The join form; several tables offered: each with its free seats."""
    return render_template(
        "participation/join.html",
        event=event,
        tables=tables,
        seats=seat_counts(event.id) if len(tables) > 1 else {},
        form=form,
        participant=participant,
    )


def _chosen_table(tables, table_id):
    """The table picked from the offered ones (the form made sure one was);
    none offered: a mixed phase, the service assigns one."""
    return next((t for t in tables if t.id == table_id), None)


def _leave_address(participant, form):
    """Store the address given with the form; the phone only remembers that it did."""
    if not form.email.data:
        return
    addresses.leave_address(
        participant.event,
        form.email.data,
        participant.locale,
        form.consent.data,
        ("participant", participant.id),
    )
    session["results_mail"] = True
    flash(_("Thank you! We will send you the results by e-mail."))


@bp.route("/me")
@public_route("participant")
def me():
    participant = current_participant()
    if participant is None:
        abort(401)
    if participant.table_id is None:
        return redirect(
            url_for("participation.join_event", token=participant.event.join_token)
        )
    return _table_page(participant, CardForm(uuid=str(uuid.uuid4())))


@bp.route("/me/table")
@public_route("participant")
def change_table():
    """Choose another table by the event's join link as it is now: a page opened
    before the organiser renewed the link still leads there."""
    event = require_participant().event
    return redirect(
        url_for("participation.join_event", token=event.join_token, change=1)
    )


def _table_page(participant, form, status=200, mail_form=None):
    cards = phone_cards(participant, newest_first=True)
    open_poll = open_poll_of(participant.event)
    page = render_template(
        "participation/table.html",
        participant=participant,
        event=participant.event,
        table=participant.table,
        cards=cards,
        form=form,
        photos=visible_photos(participant.table_id),
        photo_form=PhotoForm(uuid=str(uuid.uuid4())),
        mail_form=mail_form or ResultsMailForm(),
        results_mail=session.get("results_mail", False),
        open_poll=open_poll,
        voted=open_poll is not None and has_voted(open_poll, participant),
    )
    return page, status


@bp.route("/me/cards", methods=["POST"])
@public_route("participant")
def send_card():
    participant = require_participant()
    try:
        answer, status = phone_writes.send_card(participant, request.form)
    except DomainError as error:
        if wants_json():
            raise
        # The form is built only to show the card again: building it costs a
        # catalogue load, measured at 5 % of the server's time per card.
        form = CardForm()
        form.uuid.data = str(uuid.uuid4())
        flash(error.message, "error")
        return _table_page(participant, form, error.status)
    if wants_json():
        return jsonify(ok=True, **answer), status
    if answer["card"]["state"] == "waiting":
        flash(_("Your card was sent. The table sees it once it has been approved."))
    else:
        flash(_("Your card was sent."))
    return redirect(url_for("participation.me"))


@bp.route("/me/email", methods=["POST"])
@public_route("participant")
def leave_email():
    """'Send me the results': an address with consent, from the table page."""
    participant = require_participant()
    form = ResultsMailForm()
    try:
        if not form.validate_on_submit():
            message = next(iter(form.errors.values()))[0]
            raise DomainError(message, status=400)
        _leave_address(participant, form)
    except DomainError as error:
        flash(error.message, "error")
        card_form = CardForm(uuid=str(uuid.uuid4()))
        return _table_page(participant, card_form, error.status, mail_form=form)
    return redirect(url_for("participation.me"))


@bp.route("/me/cards/<int:card_id>/translation", methods=["POST"])
@public_route("participant")
def ask_translation(card_id):
    """Show a card of the table in the phone's language: an interpreter (or the
    machine translator, where one is set up) is asked for it."""
    participant = require_participant()
    card = get_card_for_participant(participant, card_id)
    translations.ask_for_translation(participant, card, str(get_locale()))
    if wants_json():
        return jsonify(ok=True, card=card_payload(card))
    flash(_("A translation has been asked for. It will appear on the card."))
    return redirect(url_for("participation.me"))


@bp.route("/me/cards/<int:card_id>/language", methods=["POST"])
@public_route("participant")
def correct_language(card_id):
    """The writer corrects the language their card was recorded in."""
    participant = require_participant()
    card = get_card_for_participant(participant, card_id)
    try:
        card_language.correct_language(participant, card, request.form.get("language"))
    except DomainError as error:
        if wants_json():
            raise
        flash(error.message, "error")
        return redirect(url_for("participation.me"))
    if wants_json():
        return jsonify(ok=True, card=own_card_payload(card))
    name = language_name(card.language)
    flash(_("The language of your card is now %(language)s.", language=name))
    return redirect(url_for("participation.me"))


@bp.route("/me/state")
@public_route("participant")
def me_state():
    """The table's cards and the running phase, fetched after a lost connection."""
    participant = require_participant()
    cards = phone_cards(participant)
    return jsonify(
        state=state_payload(participant.event),
        cards=[
            own_card_payload(c)
            if c.participant_id == participant.id
            else card_payload(c)
            for c in cards
        ],
        seat=f"{participant.table_id}-{participant.hosts_table_id or ''}",
        poll=phone_poll_payload(participant),
    )


@bp.route("/lang/<code>")
@public_route("public")
def set_language(code):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session.permanent = True
    session["locale"] = code
    participant = current_participant()
    if participant is not None:
        participation.set_locale(participant, code)
    fallback = url_for("organiser.index")
    return redirect(local_target(request.args.get("next"), fallback))


@bp.route("/simple")
@public_route("public")
def set_simple():
    """Simple mode on (on=1) or off, kept in the session like the language; a GET
    form, so the switch works without JavaScript as the language links do."""
    simple_language.set_simple_mode(request.args.get("on") == "1")
    fallback = url_for("organiser.index")
    return redirect(local_target(request.args.get("next"), fallback))
