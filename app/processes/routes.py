"""Organisers run participation processes: their events, numbers and the
versions of the concept draft."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.authorise import (
    authorised,
    creator_route,
    member_route,
    organisations_for,
    process_route,
    visible_processes,
)
from app.downloads import private_file
from app.errors import ask_first
from app.extensions import db
from app.formats import CATALOGUES, FORMATS, TARGET_GROUPS
from app.models import DomainError, Event
from app.processes import bp
from app.processes.forms import (
    AttachEventForm,
    DraftVersionForm,
    NewProcessForm,
    ProcessEventForm,
    ProcessForm,
)
from app.services import concept_drafts, processes
from app.services.drafts import draft_path

PREFIX = "/processes/<int:process_id>"


@bp.route("/processes")
@member_route
def process_list():
    return render_template(
        "processes/list.html",
        rows=processes.all_processes(visible_processes()),
        catalogues=CATALOGUES,
    )


@bp.route("/processes/new", methods=["GET", "POST"])
@creator_route
def new_process():
    form = NewProcessForm().offer(organisations_for("create"))
    if not form.validate_on_submit():
        return _form_page(form, None)
    process = processes.create_process(
        current_user,
        form.details(),
        form.catalogue.data,
        form.custom_field_names(),
        organisation=form.chosen_organisation(),
    )
    flash(_("The process is ready. Create its events or attach existing ones."))
    return redirect(url_for("processes.process_page", process_id=process.id))


@bp.route(PREFIX + "/edit", methods=["GET", "POST"])
@process_route("manage")
def edit_process(process):
    form = ProcessForm(obj=process)
    if not form.validate_on_submit():
        return _form_page(form, process)
    processes.update_process(
        process, form.details(), form.catalogue.data, form.custom_field_names()
    )
    flash(_("The process was saved."))
    return redirect(url_for("processes.process_page", process_id=process.id))


def _form_page(form, process):
    """The new/edit form; sent back with its messages as 400 when it was posted."""
    status = 400 if request.method == "POST" else 200
    page = render_template("processes/edit.html", form=form, process=process)
    return page, status


@bp.route(PREFIX)
@process_route("view")
def process_page(process):
    return _page(process)


def _page(process, status=200, **forms):
    """The process page; forms: those sent back with their messages."""
    forms = {
        "event": ProcessEventForm(formdata=None),
        "attach": AttachEventForm(processes.lone_events(process), formdata=None),
        "draft": DraftVersionForm(formdata=None),
        **forms,
    }
    numbers = processes.event_numbers(process)
    page = render_template(
        "processes/process.html",
        process=process,
        numbers=numbers,
        totals=processes.totals(numbers),
        forms=forms,
        formats=FORMATS,
        target_groups=TARGET_GROUPS,
        catalogues=CATALOGUES,
    )
    return page, status


def _carried_out(process, action, message, anchor, **forms):
    """Run the action (a service call); back to the process page with message(its
    result), or the page again with the reason it was refused, nothing stored."""
    try:
        result = action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _page(process, error.status, **forms)
    flash(message(result))
    return redirect(
        url_for("processes.process_page", process_id=process.id, _anchor=anchor)
    )


@bp.route(PREFIX + "/events", methods=["POST"])
@process_route("manage")
def create_event(process):
    form = ProcessEventForm()
    if not form.validate_on_submit():
        return _page(process, 400, event=form)
    return _carried_out(
        process,
        lambda: processes.create_event_in(process, current_user, form.details()),
        lambda event: _("The event “%(title)s” is ready.", title=event.title),
        "events",
        event=form,
    )


@bp.route(PREFIX + "/events/attach", methods=["POST"])
@process_route("manage")
def attach_event(process):
    form = AttachEventForm(processes.lone_events(process))
    if not form.validate_on_submit():
        return _page(process, 400, attach=form)
    event = authorised(Event, form.event.data, "manage")
    return _carried_out(
        process,
        lambda: processes.attach_event(process, event),
        lambda _e: _(
            "The event “%(title)s” is now part of the process.", title=event.title
        ),
        "events",
    )


@bp.route(PREFIX + "/events/<int:event_id>/detach", methods=["POST"])
@process_route("manage")
def detach_event(process, event_id):
    event = authorised(Event, event_id, "manage")
    if event.process_id != process.id:
        abort(404)
    ask_first(
        _(
            "Take “%(title)s” out of the process? It keeps its cards and works "
            "on its own draft again.",
            title=event.title,
        )
    )
    return _carried_out(
        process,
        lambda: processes.detach_event(process, event),
        lambda _e: _("The event “%(title)s” stands alone again.", title=event.title),
        "events",
    )


@bp.route(PREFIX + "/drafts", methods=["POST"])
@process_route("manage")
def add_draft(process):
    form = DraftVersionForm()
    if not form.validate_on_submit():
        return _page(process, 400, draft=form)
    pdf = request.files.get("pdf")
    return _carried_out(
        process,
        lambda: concept_drafts.add_version(
            process, form.note.data, form.text.data, form.sections.data, pdf
        ),
        lambda version: _(
            "Draft %(number)s is now the current version.", number=version.number
        ),
        "drafts",
        draft=form,
    )


@bp.route(PREFIX + "/drafts/<int:number>.pdf")
@process_route("view")
def draft_pdf(process, number):
    version = concept_drafts.version_of(process, number)
    if version is None or not version.is_pdf:
        abort(404)
    return private_file(draft_path(version), "application/pdf", "private, no-cache")
