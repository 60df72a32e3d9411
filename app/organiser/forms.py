from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from app.formats import CATALOGUES, FORMATS
from app.forms import PageForm
from app.templating import LANGUAGE_NAMES

# Every phone language can be an event's, right-to-left ones included.
EVENT_LANGUAGES = list(LANGUAGE_NAMES.items())
MAX_FIELDS = 40


class ActionFieldsChoice:
    """The action-field catalogue of an event or a process: a built-in one, or the
    organisers' own names, one per line."""

    catalogue = SelectField(_l("Action fields"), default="osnabrueck")
    custom_fields = TextAreaField(
        _l("Your own action fields, one per line"), validators=[Length(max=8000)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalogue.choices = [
            (key, label) for key, (label, _f) in CATALOGUES.items()
        ] + [("custom", _l("Type your own action fields"))]

    def custom_field_names(self):
        lines = (self.custom_fields.data or "").splitlines()
        return [line.strip()[:200] for line in lines if line.strip()]

    def validate_custom_fields(self, field):
        if self.catalogue.data != "custom":
            return
        names = self.custom_field_names()
        if not names:
            raise ValidationError(_l("Please name at least one action field."))
        if len(names) > MAX_FIELDS:
            raise ValidationError(
                lazy_ngettext(
                    "At most %(num)s action field.",
                    "At most %(num)s action fields.",
                    MAX_FIELDS,
                )
            )


class EventDetailsForm(PageForm):
    """What every new event needs; its languages and action fields come from the
    form below or from its process."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    date = DateField(_l("Date"), validators=[DataRequired()])
    time = TimeField(_l("Start time"), validators=[DataRequired()])
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=200)])
    target_group = StringField(
        _l("Target group"), validators=[Optional(), Length(max=200)]
    )
    format = SelectField(_l("Format"), default="dialogue_forum")
    submit = SubmitField(_l("Create event"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.format.choices = [(key, spec["label"]) for key, spec in FORMATS.items()]

    def details(self):
        """The event's details as create_event takes them."""
        return {
            "title": self.title.data.strip(),
            "starts_at": datetime.combine(self.date.data, self.time.data),
            "venue": (self.venue.data or "").strip(),
            "target_group": (self.target_group.data or "").strip(),
            "format": self.format.data,
        }


class OrganisationChoice:
    """Where a new event or process goes: one of the organisations in which the
    member may create (shown only when there is more than one)."""

    organisation = SelectField(_l("Organisation"), coerce=int)

    def offer(self, organisations):
        self.organisation.choices = [(o.id, o.name) for o in organisations]
        if self.organisation.data is None:
            self.organisation.data = organisations[0].id
        self.organisations = {o.id: o for o in organisations}
        return self

    def chosen_organisation(self):
        return self.organisations[self.organisation.data]


class EventForm(OrganisationChoice, ActionFieldsChoice, EventDetailsForm):
    language = SelectField(_l("Event language"), choices=EVENT_LANGUAGES, default="de")


class TableForm(PageForm):
    name = StringField(
        _l("Table name (optional)"), validators=[Optional(), Length(max=200)]
    )
    action_field = SelectField(_l("Action field"), coerce=int)
    capacity = IntegerField(
        _l("Seats"), default=8, validators=[DataRequired(), NumberRange(min=1, max=50)]
    )
    colour = StringField(
        _l("Colour (optional)"),
        validators=[Optional(), Regexp(r"^#[0-9a-fA-F]{6}$")],
        render_kw={"type": "color"},
    )
    submit = SubmitField(_l("Save table"))

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.action_field.choices = [(0, _l("— none —"))] + [
            (field.id, field.name) for field in event.action_fields
        ]


class AssistantForm(PageForm):
    assistant = BooleanField(
        _l("Suggest duplicates, themes and a first summary (computed on this laptop)")
    )
    submit = SubmitField(_l("Save"))


class PremoderationForm(PageForm):
    premoderation = BooleanField(
        _l("Approve new cards before the table and the projector see them")
    )
    submit = SubmitField(_l("Save"))
