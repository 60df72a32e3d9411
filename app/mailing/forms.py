from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Regexp,
)

from app.forms import PageForm
from app.services.mail_settings import FIELDS
from app.services.report import report_languages
from app.templating import LANGUAGE_NAMES


class AddressListForm(PageForm):
    addresses = TextAreaField(
        _l("E-mail addresses, one per line or separated by commas"),
        validators=[DataRequired(), Length(max=100000)],
    )
    language = SelectField(_l("Language of their mail"))
    submit = SubmitField(_l("Add addresses"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = [
            (code, LANGUAGE_NAMES.get(code, code)) for code in report_languages()
        ]


class TestMailForm(PageForm):
    address = EmailField(
        _l("Send a test mail to"),
        validators=[DataRequired(), Email(), Length(max=254)],
    )
    submit = SubmitField(_l("Send test mail"))


# A host name or an IP address: no scheme, no path, no spaces.
HOST = r"^[A-Za-z0-9]([A-Za-z0-9.:\[\]-]*[A-Za-z0-9\]])?$"


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


class MailSettingsForm(PageForm):
    server = StringField(
        _l("SMTP server"),
        filters=[_stripped],
        validators=[
            DataRequired(),
            Length(max=253),
            Regexp(
                HOST,
                message=_l(
                    "Please enter only the server's name, e.g. smtp.example.org "
                    "(without smtp:// or spaces)."
                ),
            ),
        ],
    )
    port = IntegerField(
        _l("Port"),
        default=587,
        validators=[
            InputRequired(_l("Please enter the port, e.g. 587 or 465.")),
            NumberRange(1, 65535, _l("A port is a number from 1 to 65535.")),
        ],
    )
    security = RadioField(
        _l("Encryption"),
        default="starttls",
        choices=[
            ("starttls", _l("STARTTLS (usually port 587)")),
            ("ssl", _l("TLS from the start, also called SSL (usually port 465)")),
            ("none", _l("None (only for a server inside a trusted network)")),
        ],
    )
    username = StringField(
        _l("User name (optional)"), filters=[_stripped], validators=[Length(max=254)]
    )
    password = PasswordField(_l("Password"), validators=[Length(max=500)])
    forget_password = BooleanField(_l("Remove the stored password"))
    sender = EmailField(
        _l("Sender address"),
        description=_l("The From address of the mails, e.g. beteiligung@example.org."),
        filters=[_stripped],
        validators=[DataRequired(), Email(), Length(max=254)],
    )
    submit = SubmitField(_l("Save"))

    def values(self):
        """What app/services/mail_settings.save() takes."""
        names = (*FIELDS, "password", "forget_password")
        return {name: getattr(self, name).data for name in names}
