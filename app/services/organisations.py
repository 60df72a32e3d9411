"""Organisations, their members and roles, moderators and reviewers assigned to
events and processes."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.models import DomainError, Event, Membership, Organisation, Organiser, Process
from app.models.organisation import ROLES
from app.services.audit import record

# The organisation the first account and existing installations start with.
FIRST_ORGANISATION = "Tischrunde"


def create_organisation(name, admin=None, by=None):
    """A new organisation; admin (an account) becomes its first administrator."""
    name = " ".join(name.split())
    if not name:
        raise DomainError(_l("Please enter a name."), status=400)
    taken = select(Organisation.id).where(func.lower(Organisation.name) == name.lower())
    if db.session.scalar(taken) is not None:
        raise DomainError(_l("An organisation with this name already exists."))
    organisation = Organisation(name=name)
    db.session.add(organisation)
    db.session.flush()
    if admin is not None:
        add_member(organisation, admin, "admin", by=by or admin)
    db.session.flush()
    current_app.logger.info("organisation %s created", organisation.id)
    return organisation


def home_organisation(user, capability="create"):
    """Where the user's new event or process goes when none is chosen: the first
    organisation (by name) in which the user may create."""
    from app.authorise import organisations_for

    found = organisations_for(capability, user)
    if not found:
        raise DomainError(
            _l("You are not a member of an organisation in which you may do this."),
            status=403,
        )
    return found[0]


def add_member(organisation, user, role, by):
    """Give the account a role in the organisation (or change the one it has)."""
    check_role(role)
    membership = membership_of(organisation, user)
    if membership is None:
        membership = Membership(organisation=organisation, member=user, role=role)
        db.session.add(membership)
        record(organisation, by, "member_added", f"{user.name} <{user.email}>: {role}")
    elif membership.role != role:
        change_role(membership, role, by)
    db.session.flush()
    return membership


def change_role(membership, role, by):
    check_role(role)
    if membership.role == "admin" and role != "admin":
        _keep_an_admin(membership)
    before, membership.role = membership.role, role
    member = membership.member
    subject = f"{member.name} <{member.email}>: {before} → {role}"
    record(membership.organisation, by, "member_role_changed", subject)
    db.session.flush()


def remove_member(membership, by):
    """The account leaves the organisation; its assignments there end too."""
    if membership.role == "admin":
        _keep_an_admin(membership)
    organisation, member = membership.organisation, membership.member
    for event in [
        e for e in member_events(member) if e.organisation_id == organisation.id
    ]:
        event.moderators.remove(member)
    for process in [
        p for p in member_processes(member) if p.organisation_id == organisation.id
    ]:
        process.reviewers.remove(member)
    db.session.delete(membership)
    record(organisation, by, "member_removed", f"{member.name} <{member.email}>")
    db.session.flush()


def _keep_an_admin(membership):
    admins = select(func.count(Membership.id)).where(
        Membership.organisation_id == membership.organisation_id,
        Membership.role == "admin",
    )
    if db.session.scalar(admins) <= 1:
        raise DomainError(
            _l("An organisation needs at least one administrator."), status=409
        )


def check_role(role):
    if role not in ROLES:
        raise DomainError(_l("Please choose a role."), status=400)


def membership_of(organisation, user):
    return db.session.scalar(
        select(Membership).where(
            Membership.organisation_id == organisation.id,
            Membership.organiser_id == user.id,
        )
    )


def members(organisation):
    query = (
        select(Membership)
        .where(Membership.organisation_id == organisation.id)
        .join(Membership.member)
        .order_by(func.lower(Organiser.name))
    )
    return db.session.scalars(query).all()


def assignable(organisation, role):
    """The members with the role, for choosing moderators or reviewers."""
    return [m.member for m in members(organisation) if m.role == role]


def assign(subject, user, by):
    """Make the member a moderator of the event or a reviewer of the process."""
    people = _assigned_people(subject)
    membership = membership_of(subject.organisation, user)
    if membership is None:
        raise DomainError(_l("Only members of the organisation can be assigned."))
    if user not in people:
        people.append(user)
        record(subject.organisation, by, "assigned", f"{user.name}: {subject.title}")
    db.session.flush()


def unassign(subject, user, by):
    people = _assigned_people(subject)
    if user in people:
        people.remove(user)
        record(subject.organisation, by, "unassigned", f"{user.name}: {subject.title}")
    db.session.flush()


def _assigned_people(subject):
    return subject.moderators if hasattr(subject, "moderators") else subject.reviewers


def member_events(user):
    return db.session.scalars(
        select(Event).where(Event.moderators.any(id=user.id))
    ).all()


def member_processes(user):
    return db.session.scalars(
        select(Process).where(Process.reviewers.any(id=user.id))
    ).all()


def all_organisations():
    """[(organisation, number of members)] for the installation administrator."""
    rows = db.session.execute(
        select(Organisation, func.count(Membership.id))
        .outerjoin(Membership)
        .group_by(Organisation.id)
        .order_by(Organisation.name)
    )
    return rows.all()


def set_two_factor_required(organisation, required, by):
    organisation.require_two_factor = bool(required)
    action = "two_factor_required" if required else "two_factor_optional"
    record(organisation, by, action, organisation.name)
    db.session.flush()
