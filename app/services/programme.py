"""An event's programme: work phases with their card categories, and the run-sheet.

Built from a format when the event is created; organisers edit it afterwards."""

from flask import current_app
from flask_babel import force_locale, lazy_ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select

from app.extensions import db
from app.formats import (
    CATEGORY_COLOURS,
    FORMATS,
    PERSPECTIVES,
    SEATING_MODES,
    SMART_CATEGORIES,
    STEP_KINDS,
)
from app.models import Card, Category, DomainError, Phase, Step
from app.pictograms import category_pictogram

MAX_MINUTES = 600


def apply_format(event, format_key):
    """Give a new event the phases, categories, run-sheet and perspectives of a
    format; names that are not built in are written in the event's language."""
    spec = FORMATS[format_key]
    with force_locale(event.language):
        event.perspectives = "\n".join(str(p) for p in PERSPECTIVES)
        phases = [_new_phase(s, i) for i, s in enumerate(spec["phases"])]
    event.phases.extend(phases)
    for position, (kind, minutes, index) in enumerate(spec["steps"]):
        phase = phases[index] if index is not None else None
        event.steps.append(
            Step(
                position=position, kind=kind, planned_seconds=minutes * 60, phase=phase
            )
        )


def _new_phase(spec, position):
    name = spec["key"] or _("Work phase %(number)s", number=position + 1)
    phase = Phase(
        key=spec["key"], name=name, position=position, seating=spec["seating"]
    )
    for index, key in enumerate(spec["categories"]):
        phase.categories.append(
            Category(
                key=key,
                name=key,
                position=index,
                colour=CATEGORY_COLOURS.get(key, "#888888"),
                smart=key in SMART_CATEGORIES,
            )
        )
    return phase


def _saved(event, message, *args):
    db.session.flush()
    current_app.logger.info("event %s: " + message, event.id, *args)


def update_phase(phase, name, seating):
    """Rename a phase (an own name replaces the built-in one) and set its seating."""
    _require_seating(seating)
    name = name.strip()
    if name and name != str(phase.label):
        phase.key, phase.name = "", name
    phase.seating = seating
    _saved(phase.event, "phase %s changed", phase.id)


def add_phase(event, name, seating, minutes):
    """A new work phase with one category and its step, before a closing step."""
    _require_seating(seating)
    minutes = valid_minutes(minutes)
    phase = Phase(
        key="", name=name.strip(), position=len(event.phases), seating=seating
    )
    phase.categories.append(Category(name=_("Ideas"), colour="#1565c0"))
    event.phases.append(phase)
    steps = list(event.steps)
    at = len(steps) - 1 if steps and steps[-1].kind == "closing" else len(steps)
    step = Step(kind="phase", phase=phase, planned_seconds=minutes * 60)
    event.steps.append(step)
    steps.insert(at, step)
    _renumber(event, steps)
    _saved(event, "phase added")
    return phase


def remove_phase(phase):
    if phase.state != "pending" or _has_cards(Card.phase_id == phase.id):
        raise DomainError(_l("This phase has already run, so it cannot be removed."))
    event = phase.event
    for step in [s for s in event.steps if s.phase_id == phase.id]:
        event.steps.remove(step)
    event.phases.remove(phase)
    _renumber(event, event.steps)
    _saved(event, "phase %s removed", phase.id)


def _require_seating(seating):
    if seating not in SEATING_MODES:
        raise DomainError(_l("Please choose how people are seated."), status=400)


def save_category(phase, category, name, colour, help_text, smart, pictogram=None):
    """Add (category None) or change a card category of a phase; pictogram is a
    key of app/pictograms.py (None keeps the category's)."""
    name, help_text = name.strip(), help_text.strip()
    if not name:
        raise DomainError(_l("Please name the category."), status=400)
    if category is None:
        category = Category(position=len(phase.categories))
        phase.categories.append(category)
    if name != str(category.label) or help_text != str(category.help or ""):
        category.key, category.name, category.help_text = "", name, help_text
    category.colour, category.smart = colour, smart
    if pictogram is not None:
        chosen = pictogram != category_pictogram(category.key)
        category.pictogram = pictogram if chosen else ""
    _saved(phase.event, "category of phase %s saved", phase.id)
    return category


def remove_category(category):
    if len(category.phase.categories) == 1:
        raise DomainError(_l("A phase needs at least one category."))
    if _has_cards(Card.category_id == category.id):
        raise DomainError(_l("Cards were written in this category; it stays."))
    phase = category.phase
    phase.categories.remove(category)
    _saved(phase.event, "category %s removed", category.id)


def _has_cards(condition):
    return db.session.scalar(select(exists().where(condition)))


def valid_minutes(minutes):
    if minutes is None or not 0 <= minutes <= MAX_MINUTES:
        raise DomainError(
            lazy_ngettext(
                "Plan between 0 and %(num)s minute.",
                "Plan between 0 and %(num)s minutes.",
                MAX_MINUTES,
            ),
            status=400,
        )
    return minutes


def add_step(event, kind, title, minutes):
    """A step that is not a work phase (those come with add_phase)."""
    if kind not in STEP_KINDS or kind == "phase":
        raise DomainError(_l("Please choose what kind of step this is."), status=400)
    step = Step(
        kind=kind, title=title.strip(), planned_seconds=valid_minutes(minutes) * 60
    )
    event.steps.append(step)
    _renumber(event, event.steps)
    _saved(event, "step added")
    return step


def update_step(step, title, minutes, reference=""):
    step.title = title.strip()
    step.planned_seconds = valid_minutes(minutes) * 60
    step.reference = reference.strip()
    _saved(step.event, "step %s changed", step.id)


def move_step(step, offset):
    steps = list(step.event.steps)
    index = steps.index(step)
    target = min(max(index + offset, 0), len(steps) - 1)
    steps.insert(target, steps.pop(index))
    _renumber(step.event, steps)
    _saved(step.event, "step %s moved", step.id)


def remove_step(step):
    if step.is_current:
        raise DomainError(_l("A running step cannot be removed."))
    if step.kind == "phase":
        raise DomainError(_l("Remove the work phase itself to remove its step."))
    event = step.event
    event.steps.remove(step)
    _renumber(event, event.steps)
    _saved(event, "step %s removed", step.id)


def _renumber(event, steps):
    for position, step in enumerate(steps):
        step.position = position
    event.steps.sort(key=lambda s: s.position)


def save_perspectives(event, text):
    """The perspectives offered at join, one per line; empty: none is asked."""
    lines = [line.strip()[:60] for line in (text or "").splitlines() if line.strip()]
    event.perspectives = "\n".join(dict.fromkeys(lines))
    _saved(event, "perspectives saved")
