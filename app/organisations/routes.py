"""Organisations: the installation administrator creates them; their admins
manage members, invitations, the two-factor rule and read the audit log."""

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.access import (
    get_account_for_admin,
    get_invitation_for_admin,
    get_membership_for_admin,
)
from app.authorise import member_route, organisation_route, site_admin_route
from app.errors import ask_first, flash_errors, refusal_flashed
from app.models import DomainError
from app.organisations import bp
from app.organisations.forms import (
    InvitationForm,
    OrganisationForm,
    RoleForm,
    TwoFactorForm,
)
from app.services import accounts, audit, invitations, organisations

PREFIX = "/organisations/<int:organisation_id>"


@bp.route("/organisations")
@member_route
def organisation_list():
    return _list_page(OrganisationForm(formdata=None))


def _list_page(form, status=200):
    everything = organisations.all_organisations() if current_user.is_site_admin else []
    page = render_template(
        "organisations/list.html",
        memberships=current_user.memberships,
        everything=everything,
        form=form,
    )
    return page, status


@bp.route("/organisations", methods=["POST"])
@site_admin_route
def create_organisation():
    form = OrganisationForm()
    if not form.validate_on_submit():
        return _list_page(form, 400)
    admin = None
    if form.admin_email.data:
        admin = accounts.account_by_email(form.admin_email.data)
        if admin is None:
            form.admin_email.errors.append(_("No account has this e-mail address."))
            return _list_page(form, 400)
    organisation = organisations.create_organisation(
        form.name.data, admin=admin, by=current_user
    )
    flash(_("The organisation “%(name)s” is ready.", name=organisation.name))
    return redirect(url_for("organisations.organisation_list"))


@bp.route(PREFIX)
@organisation_route("admin")
def organisation_page(organisation):
    return _page(organisation)


def _page(organisation, new_link=None, reset_link=None, status=200, **forms):
    page = render_template(
        "organisations/page.html",
        organisation=organisation,
        members=organisations.members(organisation),
        invitations=invitations.pending_of(organisation),
        invite_form=forms.get("invite") or InvitationForm(formdata=None),
        role_form=RoleForm(formdata=None),
        two_factor_form=TwoFactorForm(required=organisation.require_two_factor),
        new_link=new_link,
        reset_link=reset_link,
    )
    return page, status


@bp.route(PREFIX + "/invitations", methods=["POST"])
@organisation_route("admin")
def invite(organisation):
    form = InvitationForm()
    if not form.validate_on_submit():
        flash_errors(form)
        return _page(organisation, status=400, invite=form)
    invitation, link = invitations.invite(
        organisation, form.role.data, form.email.data, current_user
    )
    with refusal_flashed():
        if invitations.mail_invitation(invitation, link, str(get_locale())):
            flash(
                _("The invitation was mailed to %(address)s.", address=form.email.data)
            )
    return _page(organisation, new_link=link)


@bp.route(PREFIX + "/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@organisation_route("admin")
def withdraw_invitation(organisation, invitation_id):
    invitation = get_invitation_for_admin(organisation, invitation_id)
    invitations.withdraw(invitation, current_user)
    flash(_("The invitation link no longer works."))
    return _back(organisation)


@bp.route(PREFIX + "/members/<int:membership_id>/role", methods=["POST"])
@organisation_route("admin")
def change_role(organisation, membership_id):
    membership = get_membership_for_admin(organisation, membership_id)
    form = RoleForm()
    with refusal_flashed():
        if not form.validate_on_submit():
            raise DomainError(_("Please choose a role."), 400)
        organisations.change_role(membership, form.role.data, current_user)
        flash(_("The role of %(name)s was changed.", name=membership.member.name))
    return _back(organisation)


@bp.route(PREFIX + "/members/<int:membership_id>/remove", methods=["POST"])
@organisation_route("admin")
def remove_member(organisation, membership_id):
    membership = get_membership_for_admin(organisation, membership_id)
    name = membership.member.name
    ask_first(_("Remove %(name)s from the organisation?", name=name))
    with refusal_flashed():
        organisations.remove_member(membership, current_user)
        flash(_("%(name)s is no longer a member.", name=name))
    return _back(organisation)


@bp.route(PREFIX + "/members/<int:membership_id>/reset-link", methods=["POST"])
@organisation_route("admin")
def reset_link(organisation, membership_id):
    member = get_account_for_admin(organisation, membership_id)
    link = accounts.issue_reset_link(member, by=current_user)
    return _page(organisation, reset_link=(member, link))


@bp.route(PREFIX + "/members/<int:membership_id>/sign-out", methods=["POST"])
@organisation_route("admin")
def sign_out_everywhere(organisation, membership_id):
    member = get_account_for_admin(organisation, membership_id)
    ask_first(_("Sign %(name)s out on every device?", name=member.name))
    accounts.sign_out_everywhere(member, by=current_user)
    flash(_("%(name)s is signed out on every device.", name=member.name))
    return _back(organisation)


@bp.route(PREFIX + "/two-factor", methods=["POST"])
@organisation_route("admin")
def two_factor(organisation):
    form = TwoFactorForm()
    if form.validate_on_submit():
        required = form.required.data
        organisations.set_two_factor_required(organisation, required, current_user)
        flash(_("Saved."))
    return _back(organisation)


@bp.route(PREFIX + "/audit")
@organisation_route("admin")
def audit_log(organisation):
    return render_template(
        "organisations/audit.html",
        organisation=organisation,
        entries=audit.entries(organisation),
        action_label=audit.action_label,
    )


def _back(organisation):
    return redirect(
        url_for("organisations.organisation_page", organisation_id=organisation.id)
    )
