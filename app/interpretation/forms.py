import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.extensions import db
from app.forms import PageForm
from app.models import Event
from app.templating import language_names


def normalised_code(text):
    """The code as stored: typed with spaces, dashes or capitals, it still works."""
    return re.sub(r"[^0-9a-z]", "", (text or "").lower())


class InterpreterCodeForm(PageForm):
    code = StringField(
        _l("Interpreter code"), validators=[DataRequired(), Length(max=40)]
    )
    submit = SubmitField(_l("Continue"))

    def validate_code(self, field):
        self.event = db.session.scalar(
            select(Event).where(Event.interpreter_token == normalised_code(field.data))
        )
        if self.event is None:
            raise ValidationError(
                _l("This code is not known. Please check it and try again.")
            )


class InterpreterForm(PageForm):
    name = StringField(
        _l("Your name (optional; only the moderators see it)"),
        validators=[Optional(), Length(max=60)],
    )
    languages = SelectMultipleField(
        _l("Languages you translate to and from"),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    submit = SubmitField(_l("Start translating"))

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = [
            (code, name)
            for code, name in language_names().items()
            if code != event.language
        ]

    def validate_languages(self, field):
        if not field.data:
            raise ValidationError(
                _l("Please choose at least one language you translate.")
            )
