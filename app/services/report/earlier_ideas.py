"""The report of a later event in a process: what became of the ideas of the
events before it (the feedback the room heard), per action field, with counts.
Nothing for an event without a process or without decisions on earlier ideas.

Contributions are read in the event language, as the report's own chapters
read theirs; who wrote them stays out, as on the feedback page."""

from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether

from app.services.earlier_ideas import earlier_feedback
from app.services.feedback import (
    by_outcome,
    outcome_counts,
    outcome_name,
    overall,
    taken_up_text,
)
from app.services.report.content import ReportCard
from app.services.report.sections import _card, heading, label, para


def earlier_ideas(report):
    event = report.event
    fields = earlier_feedback(event, event.language)
    if not fields:
        return []
    story = [
        CondPageBreak(60 * mm),
        heading(_("What became of the earlier ideas"), 0),
        label(_("Decisions on the contributions of the process's earlier events.")),
        label(taken_up_text(overall(fields)), "h3"),
    ]
    for found in fields:
        story += _field(report, found)
    return story


def _field(report, found):
    story = [
        CondPageBreak(40 * mm),
        heading(found.view.text, 1),
        label(taken_up_text(found), "muted"),
        label(_counts(found), "muted"),
    ]
    for entry in by_outcome(found.decided):
        story.append(KeepTogether(_entry(report, entry)))
    return story


def _counts(found):
    return " · ".join(
        f"{outcome_name(outcome)}: {count}" for outcome, count in outcome_counts(found)
    )


def _entry(report, entry):
    decision = entry.decision
    line = str(decision.label)
    if decision.section:
        line += " · " + _("Section %(section)s", section=decision.section)
    items = [label(line, "category")]
    if entry.idea_title:
        items.append(para(entry.idea_title, "card"))
    for view in entry.views:
        items += _card(report, ReportCard(view, view.source or view.language))
    if decision.outcome == "not_adopted" and decision.reason:
        items.append(label(_("Reason") + ":", "note"))
        items.append(para(decision.reason, "original"))
    if decision.outcome == "passed_on" and decision.passed_to:
        passed = _("Passed on to %(name)s", name=decision.passed_to)
        items.append(para(passed, "original"))
    return items
