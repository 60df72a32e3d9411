"""Who may do what: members' roles per organisation, and the decorators that
declare every route's audience once.

An organiser route names a capability; its decorator resolves the event,
process or organisation from the URL, checks the member's role and passes the
object to the view. Public routes declare which token audience they serve
(their token helper in app/access.py checks it). tests/test_route_audiences.py
walks app.url_map and fails for a route that declares nothing.
"""

from functools import wraps

from flask import abort, g
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from app.extensions import db
from app.models import Event, Membership, Organisation, Process
from app.models.organisation import event_moderators, process_reviewers

# The roles a capability is given to through membership alone. Moderators and
# reviewers get "run" and "review" only where they are assigned.
GRANTS = {
    "view": {"admin", "organiser", "reviewer"},
    "run": {"admin", "organiser"},
    "review": {"admin", "organiser"},
    "manage": {"admin", "organiser"},
    "create": {"admin", "organiser"},
    "admin": {"admin"},
}
PUBLIC_AUDIENCES = {
    "public",
    "participant",
    "projector",
    "interpreter",
    "host",
    "tablet",
    "feedback",
}


def role_in(organisation_id, user=None):
    """The user's role in the organisation, or None (cached per request)."""
    user = user or current_user
    if not user.is_authenticated:
        return None
    roles = g.setdefault("roles", {})
    if (user.id, organisation_id) not in roles:
        query = select(Membership.role).where(
            Membership.organiser_id == user.id,
            Membership.organisation_id == organisation_id,
        )
        roles[user.id, organisation_id] = db.session.scalar(query)
    return roles[user.id, organisation_id]


def may(capability, subject, user=None):
    """May the user do this to the event, process or organisation?"""
    user = user or current_user
    role = role_in(_organisation_id(subject), user)
    if role in GRANTS[capability]:
        return True
    return role is not None and _assigned(capability, subject, user)


def _organisation_id(subject):
    return subject.id if isinstance(subject, Organisation) else subject.organisation_id


def _assigned(capability, subject, user):
    if capability == "run" and isinstance(subject, Event):
        return user in subject.moderators
    if capability == "review" and isinstance(subject, Process):
        return user in subject.reviewers
    return False


def authorised(model, object_id, capability):
    """The event, process or organisation, if the member may do `capability`
    to it. Outside the member's organisations it does not exist (404); inside,
    a role that does not reach is refused (403). An installation administrator
    may administer every organisation (its members and settings, never its
    events), e.g. when its last administrator is gone."""
    found = db.get_or_404(model, object_id)
    if model is Organisation and capability == "admin" and current_user.is_site_admin:
        return found
    if role_in(_organisation_id(found)) is None:
        abort(404)
    if not may(capability, found):
        abort(403)
    return found


def organisations_for(capability, user=None):
    """The organisations in which the user holds a role granting capability."""
    user = user or current_user
    query = (
        select(Organisation)
        .join(Membership)
        .where(
            Membership.organiser_id == user.id,
            Membership.role.in_(GRANTS[capability]),
        )
        .order_by(Organisation.name)
    )
    return db.session.scalars(query).all()


def visible_events(user=None):
    """A select of the events the user sees in lists: those of organisations
    where the role may view, and those the user moderates."""
    return _visible(Event, event_moderators.c.event_id, user or current_user)


def visible_processes(user=None):
    """The same for processes: those the user may view or reviews."""
    return _visible(Process, process_reviewers.c.process_id, user or current_user)


def _visible(model, assigned, user):
    viewing = select(Membership.organisation_id).where(
        Membership.organiser_id == user.id,
        Membership.role.in_(GRANTS["view"]),
    )
    assigned_to_user = select(assigned).where(assigned.table.c.organiser_id == user.id)
    return select(model).where(
        or_(model.organisation_id.in_(viewing), model.id.in_(assigned_to_user))
    )


def event_route(capability):
    """An organiser route under /events/<event_id>: the view gets `event`."""
    return _loading("event_id", "event", Event, capability)


def process_route(capability):
    """An organiser route under /processes/<process_id>: the view gets `process`."""
    return _loading("process_id", "process", Process, capability)


def organisation_route(capability):
    """A route under /organisations/<organisation_id>: the view gets
    `organisation`."""
    return _loading("organisation_id", "organisation", Organisation, capability)


def _loading(key, name, model, capability):
    def decorate(view):
        @wraps(view)
        def loaded(*args, **kwargs):
            kwargs[name] = authorised(model, kwargs.pop(key), capability)
            return view(*args, **kwargs)

        return _declare(login_required(loaded), f"{name}:{capability}")

    return decorate


def member_route(view):
    """A route for any signed-in account that acts on no one event or process
    (its own lists, its account); what it lists is filtered by role."""
    return _declare(login_required(view), "member")


def creator_route(view):
    """New events and processes: for members who may create in an organisation."""

    @wraps(view)
    def checked(*args, **kwargs):
        if not organisations_for("create"):
            abort(403)
        return view(*args, **kwargs)

    return _declare(login_required(checked), "member")


def site_admin_route(view):
    @wraps(view)
    def checked(*args, **kwargs):
        if not current_user.is_site_admin:
            abort(403)
        return view(*args, **kwargs)

    return _declare(login_required(checked), "site-admin")


def public_route(audience):
    """A route without an account: phones, projectors, interpreters, hosts,
    tablets and feedback readers, each let in by its token helper."""
    if audience not in PUBLIC_AUDIENCES:
        raise ValueError(audience)
    return lambda view: _declare(view, audience)


def _declare(view, audience):
    view.audience = audience
    return view
