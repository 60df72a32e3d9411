"""What every entry of the review list reads, looked up once for the page: a
list of hundreds of cards must not ask the catalogues for the same words, or
the URL map for the same routes, once per card."""

from flask import url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from app.models.card import SMART_FIELDS, SMART_LABELS
from app.models.process import OUTCOME_LABELS
from app.review.forms import section_values
from app.services.goals import ADOPTING, GOAL_CATEGORY

SMART_LETTERS = (
    ("specific", "S"),
    ("measurable", "M"),
    ("assigned", "A"),
    ("realistic", "R"),
    ("time_bound", "T"),
)


def entry_context(process, back, entry=None, errors=None, picked=(), idea_title=""):
    """What every entry of the list reads, looked up once for the page."""
    return {
        "process": process,
        "back": back,
        "sections": section_values(process.current_draft),
        "outcomes": {key: str(label) for key, label in OUTCOME_LABELS.items()},
        "words": words(),
        "csrf": generate_csrf(),
        "urls": {
            "card": _decide_url(process, "card"),
            "idea": _decide_url(process, "idea"),
        },
        "smart_letters": SMART_LETTERS,
        "smart_fields": SMART_FIELDS,
        "goal_category": GOAL_CATEGORY,
        "goal_outcomes": ADOPTING,
        "entry": entry or {},
        "errors": errors or {},
        "picked": set(picked),
        "idea_title": idea_title,
    }


def _decide_url(process, kind):
    """Where an entry's decision goes, less the entry's id at its end."""
    url = url_for(f"review.decide_{kind}", process_id=process.id, **{f"{kind}_id": 0})
    return url.removesuffix("0")


def words():
    return {
        "select": _("Select for an idea"),
        "table": _("Table %(number)s"),
        "human": _("Translated by an interpreter"),
        "machine": _("Machine translation, not checked yet"),
        "untranslated": _("Not translated yet"),
        "original": _("Original"),
        "idea": _("Idea"),
        "take_out": _("Take out of the idea"),
        "undecided": _("Not decided yet"),
        "decision": _("Decision"),
        "reason": _("Reason"),
        "reason_hint": _("(required for “not adopted”)"),
        "passed_to": _("Passed on to"),
        "section": _("Section of the draft"),
        "no_section": _("(none)"),
        "save": _("Save decision"),
        # SMART, as the console's _card_smart.html says it
        "specific": _("Specific: a sentence of at least four words"),
        "measurable": _("Measurable: an indicator"),
        "assigned": _("Assigned: a responsible actor"),
        "realistic": _("Realistic: resources named"),
        "time_bound": _("Time-bound: a deadline"),
        **{key: str(label) for key, label in SMART_LABELS.items()},
    }
