from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, StringField, SubmitField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    Regexp,
    ValidationError,
)

from app.forms import PageForm
from app.services.passwords import password_problem


class StrongPassword:
    """The one password rule (app/services/passwords.py) as a field validator; a
    form with an `account` attribute is also checked against that account."""

    def __call__(self, form, field):
        problem = password_problem(field.data or "", getattr(form, "account", None))
        if problem is not None:
            raise ValidationError(problem)


def _repeat_field():
    return PasswordField(
        _l("Repeat the password"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("The passwords differ.")),
        ],
    )


class LoginForm(PageForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    submit = SubmitField(_l("Log in"))


class SetupForm(PageForm):
    token = HiddenField()
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)]
    )
    password = PasswordField(
        _l("Password (at least 10 characters)"),
        validators=[DataRequired(), StrongPassword()],
    )
    password2 = _repeat_field()
    submit = SubmitField(_l("Create account"))


class NewPasswordForm(PageForm):
    """A new password for `account` (a reset link; an invitation can use it too)."""

    password = PasswordField(
        _l("New password (at least 10 characters)"),
        validators=[DataRequired(), StrongPassword()],
    )
    password2 = _repeat_field()
    submit = SubmitField(_l("Save password"))

    def __init__(self, *args, account=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.account = account


class PasswordChangeForm(NewPasswordForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired()]
    )

    def validate_current_password(self, field):
        if not self.account.check_password(field.data):
            raise ValidationError(_l("The current password is not right."))


class CodeForm(PageForm):
    code = StringField(
        _l("Code from the authenticator app"),
        validators=[
            DataRequired(),
            Regexp(
                r"^\s*\d{3}\s?\d{3}\s*$",
                message=_l("Please enter the 6 digits the app shows."),
            ),
        ],
    )
    submit = SubmitField(_l("Confirm"))


class DisableTwoFactorForm(PageForm):
    proof = PasswordField(
        _l("Your password or a current code"), validators=[DataRequired()]
    )
    submit = SubmitField(_l("Switch off two-factor sign-in"))


class ForgotPasswordForm(PageForm):
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)]
    )
    submit = SubmitField(_l("Send link"))
