from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    EmailField,
    RadioField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    Optional,
    ValidationError,
)

from app.forms import PageForm
from app.models.accessibility import CONFORMANCE_LABELS, METHOD_LABELS


class StatementForm(PageForm):
    """The organisation's accessibility statement, field by field of the EU
    model statement."""

    conformance = RadioField(
        _l("These pages are"), choices=list(CONFORMANCE_LABELS.items())
    )
    known_gaps = TextAreaField(
        _l("Content that is not accessible (one point per line)"),
        validators=[Length(max=5000)],
    )
    prepared_on = DateField(_l("Statement prepared on"), validators=[DataRequired()])
    reviewed_on = DateField(_l("Last reviewed on"), validators=[Optional()])
    method = RadioField(_l("Based on"), choices=list(METHOD_LABELS.items()))
    contact_email = EmailField(
        _l("E-mail address for feedback (reported barriers are mailed to it)"),
        validators=[DataRequired(), Email(), Length(max=254)],
    )
    contact_phone = StringField(
        _l("Telephone (optional)"), validators=[Optional(), Length(max=40)]
    )
    contact_address = TextAreaField(
        _l("Postal address (optional)"), validators=[Optional(), Length(max=500)]
    )
    enforcement_name = StringField(
        _l("Enforcement body (Schlichtungsstelle)"),
        validators=[DataRequired(), Length(max=300)],
    )
    enforcement_address = TextAreaField(
        _l("Its address"), validators=[Optional(), Length(max=500)]
    )
    enforcement_url = URLField(
        _l("Its web address"),
        validators=[Optional(), Length(max=500)],
    )
    submit = SubmitField(_l("Save statement"))

    def validate_enforcement_url(self, field):
        parts = urlsplit(field.data or "")
        if field.data and (parts.scheme not in ("https", "http") or not parts.netloc):
            raise ValidationError(
                _l("Please give a web address starting with https://.")
            )

    def validate_reviewed_on(self, field):
        prepared = self.prepared_on.data
        if field.data and prepared and field.data < prepared:
            raise ValidationError(
                _l("The review cannot be before the statement's date.")
            )


class BarrierForm(PageForm):
    page_url = StringField(
        _l("Which page? (its address)"), validators=[Optional(), Length(max=500)]
    )
    description = TextAreaField(
        _l("What did not work for you?"),
        validators=[DataRequired(), Length(max=2000)],
    )
    name = StringField(_l("Your name (optional)"), validators=[Length(max=120)])
    email = EmailField(
        _l("Your e-mail address (optional, for an answer)"),
        validators=[Optional(), Email(), Length(max=254)],
    )
    submit = SubmitField(_l("Report the barrier"))
