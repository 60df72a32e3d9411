from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from app.services.report import report_languages
from app.templating import LANGUAGE_NAMES


class AddressListForm(FlaskForm):
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


class TestMailForm(FlaskForm):
    address = EmailField(
        _l("Send a test mail to"),
        validators=[DataRequired(), Email(), Length(max=254)],
    )
    submit = SubmitField(_l("Send test mail"))
