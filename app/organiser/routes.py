from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import (
    get_table_for_moderator,
)
from app.authorise import (
    creator_route,
    event_route,
    organisations_for,
    public_route,
    visible_events,
)
from app.downloads import pdf_response
from app.errors import flash_errors
from app.extensions import db
from app.formats import FORMATS, TARGET_GROUPS
from app.models import ActionField, Event
from app.network import join_url, public_url
from app.organiser import bp
from app.organiser.forms import AssistantForm, EventForm, PremoderationForm, TableForm
from app.services import events
from app.services.accounts import organiser_exists
from app.services.assistant import switch_assistant
from app.services.interpreting import interpreters_of
from app.services.qr import qr_svg
from app.services.stats import seat_counts
from app.services.table_cards import table_cards_pdf


@bp.route("/")
@public_route("public")
def index():
    if not organiser_exists():
        return redirect(url_for("auth.setup"))
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    events_seen = db.session.scalars(
        visible_events().order_by(Event.starts_at.desc(), Event.id.desc())
    ).all()
    return render_template(
        "organiser/index.html",
        events=events_seen,
        creates=bool(organisations_for("create")),
        several=len(current_user.memberships) > 1,
    )


@bp.route("/events/new", methods=["GET", "POST"])
@creator_route
def new_event():
    form = EventForm().offer(organisations_for("create"))
    if form.validate_on_submit():
        details = {**form.details(), "language": form.language.data}
        event = events.create_event(
            current_user,
            details,
            form.catalogue.data,
            form.custom_field_names(),
            organisation=form.chosen_organisation(),
        )
        flash(_("The event is ready. Print the table cards and open the console."))
        return redirect(url_for("organiser.event", event_id=event.id))
    return render_template(
        "organiser/new_event.html",
        form=form,
        target_groups=TARGET_GROUPS,
        formats=FORMATS,
    )


@bp.route("/events/<int:event_id>")
@event_route("view")
def event(event):
    return render_template(
        "organiser/event.html",
        event=event,
        join_url=join_url(event),
        interpreters=interpreters_of(event),
        seats=seat_counts(event.id),
        table_form=TableForm(event),
        premoderation_form=PremoderationForm(premoderation=event.premoderation),
        assistant_form=AssistantForm(assistant=event.assistant),
    )


@bp.route("/events/<int:event_id>/assistant", methods=["POST"])
@event_route("manage")
def assistant(event):
    form = AssistantForm()
    if form.validate_on_submit():
        switch_assistant(event, form.assistant.data)
        flash(
            _("The assistant is on for this event.")
            if event.assistant
            else _("The assistant is off for this event.")
        )
    return redirect(
        url_for("organiser.event", event_id=event.id, _anchor="assistant-switch")
    )


@bp.route("/events/<int:event_id>/premoderation", methods=["POST"])
@event_route("manage")
def premoderation(event):
    form = PremoderationForm()
    if form.validate_on_submit():
        events.set_premoderation(event, form.premoderation.data)
        flash(_("The moderation setting was saved."))
    return redirect(url_for("organiser.event", event_id=event.id, _anchor="moderation"))


@bp.route("/events/<int:event_id>/tables", methods=["POST"])
@event_route("manage")
def add_table(event):
    form = TableForm(event)
    if form.validate_on_submit():
        field = _action_field(event, form.action_field.data)
        table = events.add_table(event, field, form.name.data or "", form.capacity.data)
        flash(_("Table %(number)s added.", number=table.number))
    else:
        flash_errors(form)
    return redirect(url_for("organiser.event", event_id=event.id))


@bp.route("/events/<int:event_id>/tables/<int:table_id>", methods=["GET", "POST"])
@event_route("manage")
def edit_table(event, table_id):
    table = get_table_for_moderator(event, table_id)
    form = TableForm(event, obj=table, action_field=table.action_field_id or 0)
    if form.validate_on_submit():
        field = _action_field(event, form.action_field.data)
        events.update_table(
            table, form.name.data or "", field, form.capacity.data, form.colour.data
        )
        flash(_("Table %(number)s saved.", number=table.number))
        return redirect(url_for("organiser.event", event_id=event.id))
    return render_template(
        "organiser/edit_table.html", event=event, table=table, form=form
    )


@bp.route("/events/<int:event_id>/tables/<int:table_id>/delete", methods=["POST"])
@event_route("manage")
def remove_table(event, table_id):
    table = get_table_for_moderator(event, table_id)
    number = table.number
    events.remove_table(table)
    flash(_("Table %(number)s removed.", number=number))
    return redirect(url_for("organiser.event", event_id=event.id))


@bp.route("/events/<int:event_id>/table-cards.pdf")
@event_route("view")
def table_cards(event):
    return pdf_response(table_cards_pdf(event), f"table-cards-{event.id}.pdf")


@bp.route("/events/<int:event_id>/qr.svg")
@event_route("view")
def event_qr(event):
    return _qr(join_url(event))


@bp.route("/events/<int:event_id>/interpreter-qr.svg")
@event_route("view")
def interpreter_qr(event):
    return _qr(
        public_url(url_for("interpretation.join", token=event.interpreter_token))
    )


def _qr(url):
    return Response(qr_svg(url, url), mimetype="image/svg+xml")


def _action_field(event, field_id):
    if not field_id:
        return None
    field = db.session.get(ActionField, field_id)
    if field is None or field.event_id != event.id:
        abort(400)
    return field
