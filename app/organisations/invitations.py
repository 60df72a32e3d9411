"""Accepting an invitation: with the account one is signed in with, or with a
new account made on the spot."""

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from app.authorise import public_route
from app.organisations import bp
from app.organisations.forms import AcceptForm, JoinForm
from app.services import accounts, invitations


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@public_route("public")
def invitation(token):
    found = invitations.pending_invitation(token)
    form = AcceptForm() if current_user.is_authenticated else JoinForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        page = render_template(
            "organisations/invitation.html", invitation=found, form=form
        )
        return page, status
    user = current_user._get_current_object()
    if not current_user.is_authenticated:
        user = accounts.create_organiser(
            form.email.data, form.name.data, form.password.data
        )
        session.clear()
        login_user(user)
    invitations.accept(found, user)
    flash(_("Welcome to %(organisation)s.", organisation=found.organisation.name))
    return redirect(url_for("organiser.index"))
