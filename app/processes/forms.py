from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.forms import PageForm
from app.organiser.forms import (
    EVENT_LANGUAGES,
    ActionFieldsChoice,
    EventDetailsForm,
    OrganisationChoice,
)
from app.programme.forms import DraftForm
from app.services.concept_drafts import MAX_NOTE


class ProcessForm(ActionFieldsChoice, PageForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    description = TextAreaField(
        _l("Description (optional)"), validators=[Length(max=5000)]
    )
    language = SelectField(
        _l("Language of the process"), choices=EVENT_LANGUAGES, default="de"
    )
    submit = SubmitField(_l("Save process"))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end cannot be before the start."))

    def details(self):
        return {
            "title": self.title.data.strip(),
            "starts_on": self.starts_on.data,
            "ends_on": self.ends_on.data,
            "description": (self.description.data or "").strip(),
            "language": self.language.data,
        }


class ProcessEventForm(EventDetailsForm):
    """An event inside the process: its language and action fields are the
    process's."""


class AttachEventForm(PageForm):
    # Any id is accepted here: the service says why an event cannot be attached.
    event = SelectField(_l("Event"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Attach to the process"))

    def __init__(self, events, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.event.choices = [
            (event.id, f"{event.title} ({format_date(event.starts_at, 'medium')})")
            for event in events
        ]


class DraftVersionForm(DraftForm):
    note = StringField(
        _l("Note on this version (optional)"), validators=[Length(max=MAX_NOTE)]
    )
    submit = SubmitField(_l("Add as a new version"))


class NewProcessForm(OrganisationChoice, ProcessForm):
    pass
