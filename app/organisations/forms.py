from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.auth.forms import SetupForm
from app.forms import PageForm
from app.models.organisation import ROLE_LABELS


def _roles():
    return list(ROLE_LABELS.items())


class OrganisationForm(PageForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    admin_email = EmailField(
        _l("E-mail address of its first administrator (optional)"),
        validators=[Optional(), Email(), Length(max=254)],
    )
    submit = SubmitField(_l("Create organisation"))


class InvitationForm(PageForm):
    role = SelectField(_l("Role"), choices=_roles, default="organiser")
    email = EmailField(
        _l("E-mail address (optional: the link is mailed to it)"),
        validators=[Optional(), Email(), Length(max=254)],
    )
    submit = SubmitField(_l("Create invitation link"))


class RoleForm(PageForm):
    role = SelectField(_l("Role"), choices=_roles)
    submit = SubmitField(_l("Change role"))


class TwoFactorForm(PageForm):
    required = BooleanField(_l("Members must sign in with an authenticator app"))
    submit = SubmitField(_l("Save"))


class AssignForm(PageForm):
    member = SelectField(_l("Member"), coerce=int)
    submit = SubmitField(_l("Assign"))


class AcceptForm(PageForm):
    submit = SubmitField(_l("Accept the invitation"))


class JoinForm(SetupForm):
    """A new account for an invited person; the password rules are set-up's."""

    submit = SubmitField(_l("Create account and join"))
