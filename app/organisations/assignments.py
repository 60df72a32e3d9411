"""Moderators assigned to an event and reviewers assigned to a process."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.access import get_member_of
from app.authorise import event_route, process_route
from app.errors import refusal_flashed
from app.organisations import bp
from app.services import organisations


@bp.route("/events/<int:event_id>/moderators", methods=["POST"])
@event_route("manage")
def assign_moderator(event):
    return _assign(event, _event_page(event))


@bp.route("/events/<int:event_id>/moderators/<int:member_id>/remove", methods=["POST"])
@event_route("manage")
def unassign_moderator(event, member_id):
    return _unassign(event, member_id, _event_page(event))


@bp.route("/processes/<int:process_id>/reviewers", methods=["POST"])
@process_route("manage")
def assign_reviewer(process):
    return _assign(process, _process_page(process))


@bp.route(
    "/processes/<int:process_id>/reviewers/<int:member_id>/remove", methods=["POST"]
)
@process_route("manage")
def unassign_reviewer(process, member_id):
    return _unassign(process, member_id, _process_page(process))


def _assign(subject, back):
    with refusal_flashed():
        member = get_member_of(
            subject.organisation, request.form.get("member", type=int)
        )
        organisations.assign(subject, member, current_user)
        flash(_("%(name)s is assigned.", name=member.name))
    return redirect(back)


def _unassign(subject, member_id, back):
    member = get_member_of(subject.organisation, member_id)
    organisations.unassign(subject, member, current_user)
    flash(_("%(name)s is no longer assigned.", name=member.name))
    return redirect(back)


def _event_page(event):
    return url_for("organiser.event", event_id=event.id, _anchor="assigned")


def _process_page(process):
    return url_for("processes.process_page", process_id=process.id, _anchor="assigned")
