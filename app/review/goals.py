"""The goals register of a process: adopted goal proposals taken over with one
click, goals added by hand, their SMART fields and dated status updates."""

from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from app.access import (
    get_contribution_for_reviewer,
    get_goal_for_reviewer,
)
from app.authorise import process_route
from app.errors import wants_json
from app.extensions import db
from app.models import DomainError, Goal, GoalUpdate
from app.review import bp
from app.review.forms import GoalForm, GoalStatusForm, require_valid
from app.services import goals


@bp.route("/processes/<int:process_id>/goals")
@process_route("view")
def goals_page(process):
    return _render(process)


def _render(process, status=200, **submitted):
    """The register; submitted: a refused form by its key ("new", "g<id>",
    "s<id>"), shown again as it was sent."""
    names = goals.action_fields(process)
    register = _goals_of(process)
    forms = {"new": GoalForm(names, prefix="new", formdata=None)}
    for goal in register:
        forms[f"g{goal.id}"] = GoalForm(
            names, obj=goal, prefix=f"g{goal.id}", formdata=None
        )
        forms[f"s{goal.id}"] = GoalStatusForm(
            prefix=f"s{goal.id}", formdata=None, on=date.today(), state=goal.state
        )
    forms.update(submitted)
    page = render_template(
        "review/goals.html",
        process=process,
        goals=register,
        forms=forms,
        field_labels=dict(names),
        proposals=goals.adoptable_proposals(process),
    )
    return page, status


def _goals_of(process):
    return db.session.scalars(
        select(Goal)
        .where(Goal.process_id == process.id)
        .options(
            selectinload(Goal.updates).joinedload(GoalUpdate.recorded_by),
            joinedload(Goal.card),
        )
        .order_by(Goal.id)
    ).all()


def _to_goal(process, goal):
    url = url_for("review.goals_page", process_id=process.id, _anchor=f"goal-{goal.id}")
    return redirect(url)


def _refused(process, error, **submitted):
    if wants_json():
        raise error
    db.session.rollback()
    flash(error.message, "error")
    return _render(process, error.status, **submitted)


@bp.route("/processes/<int:process_id>/goals", methods=["POST"])
@process_route("review")
def add_goal(process):
    form = GoalForm(goals.action_fields(process), prefix="new")
    try:
        require_valid(form)
        goal = goals.add_goal(process, form.goal_fields())
    except DomainError as error:
        return _refused(process, error, new=form)
    flash(_("The goal is in the register."))
    return _to_goal(process, goal)


@bp.route("/processes/<int:process_id>/goals/from-card/<int:card_id>", methods=["POST"])
@process_route("review")
def goal_from_card(process, card_id):
    """One click on an adopted goal proposal: a goal pre-filled from the card."""
    card = get_contribution_for_reviewer(process, card_id)
    try:
        goal = goals.goal_from_card(process, card)
    except DomainError as error:
        return _refused(process, error)
    flash(_("The goal proposal is in the register: complete its SMART fields."))
    return _to_goal(process, goal)


@bp.route("/processes/<int:process_id>/goals/<int:goal_id>", methods=["POST"])
@process_route("review")
def edit_goal(process, goal_id):
    goal = get_goal_for_reviewer(process, goal_id)
    form = GoalForm(goals.action_fields(process), prefix=f"g{goal.id}")
    try:
        require_valid(form)
        goals.update_goal(goal, form.goal_fields())
    except DomainError as error:
        return _refused(process, error, **{f"g{goal.id}": form})
    flash(_("The goal is saved."))
    return _to_goal(process, goal)


@bp.route("/processes/<int:process_id>/goals/<int:goal_id>/status", methods=["POST"])
@process_route("review")
def goal_status(process, goal_id):
    goal = get_goal_for_reviewer(process, goal_id)
    form = GoalStatusForm(prefix=f"s{goal.id}")
    try:
        require_valid(form)
        by = current_user._get_current_object()
        goals.record_status(goal, form.state.data, form.on.data, form.note.data, by)
    except DomainError as error:
        return _refused(process, error, **{f"s{goal.id}": form})
    flash(_("The status of the goal is recorded."))
    return _to_goal(process, goal)
