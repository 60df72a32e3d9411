"""Organisers edit an event's programme: work phases, categories, run-sheet."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from app.access import (
    get_category_for_moderator,
    get_phase_for_moderator,
    get_step_for_moderator,
)
from app.authorise import event_route
from app.errors import flash_errors
from app.formats import FORMATS, SEATING_MODES, STEP_KINDS
from app.models import DomainError
from app.pictograms import CUSTOM_CATEGORY, pictogram_choices
from app.programme import bp
from app.programme.forms import (
    CategoryForm,
    DraftForm,
    NewPhaseForm,
    NewStepForm,
    PerspectivesForm,
    PhaseForm,
    StepForm,
)
from app.services import programme
from app.services.drafts import own_draft

PREFIX = "/events/<int:event_id>/programme"


@bp.route(PREFIX)
@event_route("view")
def programme_page(event):
    draft = own_draft(event)
    return render_template(
        "programme/programme.html",
        event=event,
        draft=draft,
        formats=FORMATS,
        kinds=STEP_KINDS,
        seating_modes=SEATING_MODES,
        pictograms=pictogram_choices(),
        custom_pictogram=CUSTOM_CATEGORY,
        forms={
            "phase": PhaseForm,
            "category": CategoryForm,
            "step": StepForm,
            "new_phase": NewPhaseForm(formdata=None, prefix="new-phase"),
            "new_step": NewStepForm(formdata=None, prefix="new-step"),
            "new_category": CategoryForm(formdata=None, prefix="new-category"),
            "perspectives": PerspectivesForm(perspectives=event.perspectives),
            "draft": DraftForm(
                text=draft.text if draft else "",
                sections=draft.sections if draft else "",
            ),
        },
    )


def saved(event, form, action, anchor=""):
    """Run action when the form is valid; problems come back as messages."""
    if form.validate_on_submit():
        try:
            action()
            flash(_("Saved."))
        except DomainError as error:
            flash(error.message, "error")
    else:
        flash_errors(form)
    target = url_for("programme.programme_page", event_id=event.id, _anchor=anchor)
    return redirect(target)


@bp.route(PREFIX + "/phases/new", methods=["POST"])
@event_route("manage")
def add_phase(event):
    form = NewPhaseForm(prefix="new-phase")
    return saved(
        event,
        form,
        lambda: programme.add_phase(
            event, form.name.data, form.seating.data, form.minutes.data
        ),
        "phases",
    )


@bp.route(PREFIX + "/phases/<int:phase_id>", methods=["POST"])
@event_route("manage")
def edit_phase(event, phase_id):
    phase = get_phase_for_moderator(event, phase_id)
    if request.form.get("remove"):
        return saved(event, FlaskForm(), lambda: programme.remove_phase(phase))
    form = PhaseForm()
    return saved(
        event,
        form,
        lambda: programme.update_phase(phase, form.name.data, form.seating.data),
        f"phase-{phase.id}",
    )


@bp.route(PREFIX + "/phases/<int:phase_id>/categories", methods=["POST"])
@bp.route(PREFIX + "/categories/<int:category_id>", methods=["POST"])
@event_route("manage")
def save_category(event, phase_id=None, category_id=None):
    category = category_id and get_category_for_moderator(event, category_id)
    phase = category.phase if category else get_phase_for_moderator(event, phase_id)
    form = CategoryForm(prefix="" if category else "new-category")
    if category and request.form.get("remove"):
        form = FlaskForm()
        action = lambda: programme.remove_category(category)  # noqa: E731
    else:
        action = lambda: programme.save_category(  # noqa: E731
            phase,
            category or None,
            form.name.data,
            form.colour.data,
            form.help_text.data or "",
            form.smart.data,
            form.pictogram.data,
        )
    return saved(event, form, action, f"phase-{phase.id}")


@bp.route(PREFIX + "/steps/new", methods=["POST"])
@event_route("manage")
def add_step(event):
    form = NewStepForm(prefix="new-step")
    return saved(
        event,
        form,
        lambda: programme.add_step(
            event, form.kind.data, form.title.data or "", form.minutes.data
        ),
        "run-sheet",
    )


@bp.route(PREFIX + "/steps/<int:step_id>", methods=["POST"])
@event_route("manage")
def edit_step(event, step_id):
    step = get_step_for_moderator(event, step_id)
    moves = {"up": -1, "down": 1}
    if request.form.get("move") in moves:
        offset = moves[request.form["move"]]
        return saved(
            event, FlaskForm(), lambda: programme.move_step(step, offset), "run-sheet"
        )
    if request.form.get("remove"):
        return saved(
            event, FlaskForm(), lambda: programme.remove_step(step), "run-sheet"
        )
    form = StepForm()
    return saved(
        event,
        form,
        lambda: programme.update_step(
            step, form.title.data or "", form.minutes.data, form.reference.data or ""
        ),
        "run-sheet",
    )


@bp.route(PREFIX + "/perspectives", methods=["POST"])
@event_route("manage")
def perspectives(event):
    form = PerspectivesForm()
    return saved(
        event,
        form,
        lambda: programme.save_perspectives(event, form.perspectives.data),
        "perspectives-section",
    )
