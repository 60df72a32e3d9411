from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from app.models.card import MAX_CARD_LENGTH


class JoinForm(FlaskForm):
    first_name = StringField(
        _l("Your first name (optional)"), validators=[Optional(), Length(max=60)]
    )
    table = SelectField(_l("Your table"), coerce=int)
    submit = SubmitField(_l("Join"))

    def __init__(self, tables, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.table.choices = [(table.id, _table_choice(table)) for table in tables]


def _table_choice(table):
    return _l("Table %(number)s: %(topic)s", number=table.number, topic=table.topic)


class CardForm(FlaskForm):
    """Category and text are checked by the service, so a phone gets the same
    answer with or without JavaScript."""

    uuid = HiddenField()
    category = RadioField(_l("Kind of card"), choices=[], validate_choice=False)
    text = TextAreaField(_l("Your card"), render_kw={"maxlength": MAX_CARD_LENGTH})
    language = SelectField(
        _l("Language of your card"), choices=[], validate_choice=False
    )
    submit = SubmitField(_l("Send card"))
