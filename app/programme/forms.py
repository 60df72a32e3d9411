import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from app.formats import SEATING_MODES, STEP_KINDS
from app.forms import PageForm
from app.pictograms import PICTOGRAMS, pictogram_choices
from app.services.programme import MAX_MINUTES

COLOUR = Regexp(re.compile(r"^#[0-9a-fA-F]{6}$"), message=_l("Please pick a colour."))


def _minutes(label):
    return IntegerField(
        label, default=30, validators=[InputRequired(), NumberRange(0, MAX_MINUTES)]
    )


class PhaseForm(PageForm):
    name = StringField(_l("Name"), validators=[Length(max=200)])
    seating = SelectField(_l("Seating"), choices=list(SEATING_MODES.items()))
    submit = SubmitField(_l("Save phase"))


class NewPhaseForm(PhaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    minutes = _minutes(_l("Planned minutes"))
    submit = SubmitField(_l("Add work phase"))


class CategoryForm(PageForm):
    name = StringField(_l("Category"), validators=[DataRequired(), Length(max=200)])
    colour = StringField(_l("Colour"), default="#1565c0", validators=[COLOUR])
    help_text = StringField(_l("Short help text"), validators=[Length(max=300)])
    smart = BooleanField(_l("Goal proposal with SMART details"))
    pictogram = SelectField(
        _l("Pictogram"),
        choices=pictogram_choices(),
        validate_choice=False,
        validators=[
            Optional(),
            AnyOf(PICTOGRAMS, message=_l("Please choose a pictogram from the set.")),
        ],
    )
    submit = SubmitField(_l("Save category"))


class StepForm(PageForm):
    title = StringField(_l("Title (optional)"), validators=[Length(max=200)])
    minutes = _minutes(_l("Planned minutes"))
    reference = StringField(_l("Reference (optional)"), validators=[Length(max=100)])
    submit = SubmitField(_l("Save step"))


class NewStepForm(StepForm):
    kind = SelectField(
        _l("Kind of step"),
        choices=[(key, label) for key, label in STEP_KINDS.items() if key != "phase"],
    )
    submit = SubmitField(_l("Add step"))


class PerspectivesForm(PageForm):
    perspectives = TextAreaField(
        _l("Perspectives participants can name at join, one per line"),
        validators=[Length(max=4000)],
    )
    submit = SubmitField(_l("Save perspectives"))


class DraftForm(PageForm):
    pdf = FileField(_l("Concept draft as PDF (optional)"), render_kw={"accept": ".pdf"})
    text = TextAreaField(
        _l("Concept draft as text (optional)"), validators=[Optional()]
    )
    sections = TextAreaField(
        _l("Sections cards can point at, one per line (e.g. 2.3 Language courses)"),
        validators=[Length(max=10000)],
    )
    submit = SubmitField(_l("Save draft"))
