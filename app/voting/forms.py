from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from app.forms import PageForm
from app.models.poll import VISIBILITY
from app.services.voting.codes import MAX_CODES


class PollForm(PageForm):
    """One form for every kind; the page shows the settings of the poll's kind."""

    question = StringField(_l("Question"), validators=[DataRequired(), Length(max=300)])
    visibility = SelectField(_l("Results"), choices=list(VISIBILITY.items()))
    options = TextAreaField(_l("Options, one per line"), validators=[Length(max=8000)])
    min_choices = IntegerField(
        _l("At least this many choices"), default=1, validators=[NumberRange(1, 30)]
    )
    max_choices = IntegerField(
        _l("At most this many choices"), default=2, validators=[NumberRange(1, 30)]
    )
    scale_min = IntegerField(
        _l("Lowest value"),
        default=1,
        validators=[InputRequired(), NumberRange(-10, 10)],
    )
    scale_max = IntegerField(
        _l("Highest value"),
        default=5,
        validators=[InputRequired(), NumberRange(-10, 10)],
    )
    scale_labels = TextAreaField(
        _l("Labels from the lowest value up, one per line (optional)"),
        validators=[Length(max=2000)],
    )
    card_source = SelectField(_l("Cards to vote on"), choices=[])
    dots = IntegerField(
        _l("Dots per voter"), default=5, validators=[NumberRange(1, 20)]
    )
    dots_per_card = IntegerField(
        _l("At most this many dots per card"),
        default=2,
        validators=[NumberRange(1, 20)],
    )
    step = SelectField(_l("Open with run-sheet step"), coerce=int, choices=[])
    submit = SubmitField(_l("Save poll"))

    # The fields each kind uses besides question, visibility and step.
    KIND_FIELDS = {
        "single": ("options",),
        "multiple": ("options", "min_choices", "max_choices"),
        "scale": ("scale_min", "scale_max", "scale_labels"),
        "ranking": ("options",),
        "words": (),
        "text": (),
        "dots": ("card_source", "dots", "dots_per_card"),
        "consent": (),
    }

    def prepare(self, kind, card_sources, steps):
        """Offer this event's card sets and steps; fields of other kinds are dropped,
        so their defaults neither show nor fail validation."""
        self.card_source.choices = [
            (value, str(label)) for value, label in card_sources
        ]
        self.step.choices = [(0, _l("No step: open it by hand"))] + [
            (step.id, f"{step.position + 1}. {step.label}") for step in steps
        ]
        kept = set(self.KIND_FIELDS[kind])
        for name in ("options", "min_choices", "max_choices", "scale_min",
                     "scale_max", "scale_labels", "card_source", "dots",
                     "dots_per_card"):  # fmt: skip
            if name not in kept:
                delattr(self, name)
        return self

    def values(self, kind):
        values = {"kind": kind}
        for name in ("question", "visibility", "step", *self.KIND_FIELDS[kind]):
            values[name] = getattr(self, name).data
        return values


class CodesForm(PageForm):
    count = IntegerField(
        _l("How many voting codes to add"),
        default=50,
        validators=[InputRequired(), NumberRange(1, MAX_CODES)],
    )
    submit = SubmitField(_l("Add voting codes"))


class CodesModeForm(PageForm):
    required = BooleanField(_l("Only phones with a voting code may vote"))
    submit = SubmitField(_l("Save"))


class RedeemForm(PageForm):
    code = StringField(
        _l("Your voting code"), validators=[DataRequired(), Length(max=40)]
    )
    submit = SubmitField(_l("Use this code"))
