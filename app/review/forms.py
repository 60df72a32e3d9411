from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

from app.forms import PageForm
from app.models import DomainError
from app.models.process import GOAL_STATE_LABELS, MAX_REASON_LENGTH, OUTCOME_LABELS
from app.services.review_listing import FILTERS, UNDECIDED
from app.services.review_lookups import option_value
from app.templating import language_name

MAX_TEXT = 2000
TOO_LONG = _l("This text is too long.")


def require_valid(form):
    """A posted form's first complaint, as a refusal in the user's language."""
    if not form.validate_on_submit():
        messages = [message for field in form.errors.values() for message in field]
        raise DomainError(messages[0], status=400)


def _unique(pairs):
    return list(dict(pairs).items())


class ReviewFilterForm(PageForm):
    """What the review list shows; read from the query string, checked against
    what the process has."""

    class Meta:
        csrf = False

    event = SelectField(_l("Event"))
    group = SelectField(_l("Target group"))
    phase = SelectField(_l("Phase"))
    category = SelectField(_l("Category"))
    language = SelectField(_l("Language"))
    state = SelectField(_l("Review state"))
    submit = SubmitField(_l("Filter"))

    def __init__(self, lookups, formdata):
        super().__init__(formdata)
        events = lookups.events.values()
        self.event.choices = [(str(e.id), e.title) for e in events]
        groups = sorted({e.target_group for e in events if e.target_group})
        self.group.choices = [(group, group) for group in groups]
        phases = lookups.phases.values()
        self.phase.choices = _unique((option_value(p), p.label) for p in phases)
        categories = lookups.categories.values()
        self.category.choices = _unique((option_value(c), c.label) for c in categories)
        self.language.choices = [(c, language_name(c)) for c in lookups.languages]
        self.state.choices = [(UNDECIDED, _l("Not decided yet")), *_outcomes()]
        for name in FILTERS:
            self[name].choices.insert(0, ("", _l("All")))

    def filters(self):
        """{name: value} of the filters set to something the process has."""
        return {
            name: self[name].data
            for name in FILTERS
            if self[name].data and self[name].data in dict(self[name].choices)
        }


def _outcomes():
    return list(OUTCOME_LABELS.items())


class DecisionForm(PageForm):
    """A decision on a contribution or an idea; the outcome's rules (a reason,
    to whom) are the model's."""

    outcome = RadioField(_l("Decision"), choices=_outcomes(), validate_choice=False)
    reason = TextAreaField(
        _l("Reason"), validators=[Length(max=MAX_REASON_LENGTH, message=TOO_LONG)]
    )
    passed_to = StringField(
        _l("Passed on to"), validators=[Length(max=200, message=TOO_LONG)]
    )
    section = StringField(_l("Section of the draft"))
    # The list's query string, and the item after this one: where to come back.
    back = HiddenField()
    following = HiddenField()

    def __init__(self, draft=None, **kwargs):
        super().__init__(**kwargs)
        self.draft = draft

    def validate_section(self, field):
        if field.data and field.data not in section_values(self.draft):
            raise ValidationError(_l("Please choose a section of the current draft."))


def section_values(draft):
    """{value: label} of the current draft's sections ("2.3 Sprachkurse…")."""
    lines = draft.section_choices() if draft else []
    return {line[:40]: line for line in lines}


def _card_id(value):
    return int(value) if str(value).isdigit() else 0


class IdeaForm(PageForm):
    title = StringField(
        _l("Title of the idea"), validators=[Length(max=200, message=TOO_LONG)]
    )
    card = SelectMultipleField(coerce=_card_id, validate_choice=False)
    back = HiddenField()
    submit = SubmitField(_l("Group as one idea"))


class GoalForm(PageForm):
    """A goal's text and its SMART fields."""

    text = TextAreaField(
        _l("Goal"), validators=[Length(max=MAX_TEXT, message=TOO_LONG)]
    )
    action_field = SelectField(_l("Action field"), validate_choice=False)
    indicator = TextAreaField(
        _l("Indicator"), validators=[Length(max=MAX_TEXT, message=TOO_LONG)]
    )
    target_value = StringField(
        _l("Target value"), validators=[Length(max=200, message=TOO_LONG)]
    )
    actor = StringField(
        _l("Responsible actor"), validators=[Length(max=200, message=TOO_LONG)]
    )
    deadline = DateField(_l("Deadline"), validators=[Optional()])
    resources = TextAreaField(
        _l("Resources (staff, money)"),
        validators=[Length(max=MAX_TEXT, message=TOO_LONG)],
    )
    submit = SubmitField(_l("Save goal"))

    def __init__(self, action_fields, *args, **kwargs):
        """action_fields: (stored name, name in the reader's language) pairs."""
        super().__init__(*args, **kwargs)
        choices = dict(action_fields)
        if self.action_field.data and self.action_field.data not in choices:
            choices[self.action_field.data] = self.action_field.data
        self.action_field.choices = [("", _l("(none)")), *choices.items()]

    def goal_fields(self):
        names = ("text", "action_field", "indicator", "target_value", "actor")
        found = {name: self[name].data or "" for name in names}
        found.update(deadline=self.deadline.data, resources=self.resources.data or "")
        return found


class GoalStatusForm(PageForm):
    """A dated status update; without a date the model refuses it."""

    state = SelectField(_l("Status"), choices=list(GOAL_STATE_LABELS.items()))
    on = DateField(_l("Date"), validators=[Optional()])
    note = TextAreaField(
        _l("Note"), validators=[Length(max=MAX_TEXT, message=TOO_LONG)]
    )
    submit = SubmitField(_l("Record status"))
