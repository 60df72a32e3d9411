from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

from app.forms import PageForm
from app.models.card import MAX_CARD_LENGTH
from app.services.addresses import normalise


class ResultsMailMixin:
    """An optional address for the report, only with explicit consent."""

    email = EmailField(
        _l("E-mail address for the results (optional)"),
        validators=[Optional(), Length(max=254)],
    )
    consent = BooleanField()

    def validate_email(self, field):
        if field.data and normalise(field.data) is None:
            raise ValidationError(_l("Please enter a valid e-mail address."))

    def validate_consent(self, field):
        if self.email.data and not field.data:
            raise ValidationError(
                _l("Please confirm that we may send you the results.")
            )


def _table_id(value):
    """The chosen table's id; anything else (nothing chosen) is None."""
    return int(value) if str(value).isdigit() else None


class JoinForm(ResultsMailMixin, PageForm):
    first_name = StringField(
        _l("Your first name (optional)"), validators=[Optional(), Length(max=60)]
    )
    # Radio buttons drawn as large table cards (participation/_table_choice.html);
    # nothing is checked for a new phone, so nobody lands at a table by default.
    table = RadioField(
        _l("Choose your table"), coerce=_table_id, choices=[], validate_choice=False
    )
    perspective = SelectField(
        _l("Which perspective do you bring? (optional)"), validate_choice=False
    )
    submit = SubmitField(_l("Join"))

    def __init__(self, tables, *args, perspectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.table.choices = [(table.id, table.id) for table in tables]
        self.perspective.choices = [("", _l("— no answer —"))] + [
            (name, name) for name in perspectives
        ]

    def validate_table(self, field):
        """Tables offered (not a mixed phase): one of them must be chosen."""
        offered = [table_id for table_id, _label in field.choices]
        if offered and field.data not in offered:
            raise ValidationError(_l("Please choose your table."))


class CardForm(PageForm):
    """Category and text are checked by the service, so a phone gets the same
    answer with or without JavaScript."""

    uuid = HiddenField()
    category = RadioField(_l("Kind of card"), choices=[], validate_choice=False)
    text = TextAreaField(_l("Your card"), render_kw={"maxlength": MAX_CARD_LENGTH})
    language = SelectField(
        _l("Language of your card"), choices=[], validate_choice=False
    )
    submit = SubmitField(_l("Send card"))


class ResultsMailForm(ResultsMailMixin, PageForm):
    submit = SubmitField(_l("Send me the results"))
