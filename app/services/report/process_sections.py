"""The process report's sections, each report -> list of flowables, in the order
PROCESS_SECTIONS (in __init__) lists them: the title page, the events, the review
in numbers, the contributions by action field with what became of them, the
televoting of every event, the goals register.

Contributions are shown in the process language, as the coordination group
reviewed them; the report's own words are in the report language."""

from itertools import groupby

from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from app.models.card import SMART_LABELS
from app.models.process import GOAL_STATE_LABELS, GOAL_STATES, OUTCOME_LABELS, OUTCOMES
from app.services.report.content import language_name
from app.services.report.document import FRAME_WIDTH, Heading
from app.services.report.flowables import (
    card_text,
    category_heading,
    data_table,
    facts_table,
    heading,
    label,
    longest_word,
    numbers_table,
    para,
    paragraphs,
    poll_results,
)
from app.services.report.process_content import (
    event_rows,
    field_title,
    outcome_totals,
    polled_events,
    taken_up,
)
from app.services.report.text import is_rtl, ui_is_rtl

NUMBER_COLUMN = 20 * mm
CELL_PADDING = 14  # reportlab's table cells: 6 pt on each side, and a little air


def cover(report):
    process = report.process
    return [
        para(process.title, "title", flush_right=ui_is_rtl()),
        label(_("Documentation of the participation process"), "subtitle"),
        facts_table(
            [
                (_("Period"), _period(process)),
                (_("Organiser"), process.organiser.name),
                (_("Concept draft"), _draft(process.current_draft)),
            ]
        ),
        Spacer(1, 8 * mm),
        *paragraphs(process.description),
        Spacer(1, 8 * mm),
        _cover_numbers(report),
        PageBreak(),
    ]


def _cover_numbers(report):
    totals = outcome_totals(report.groups)
    return numbers_table(
        [
            (len(report.process.events), _("Events")),
            (sum(totals.values()), _("Contributions")),
            (taken_up(totals), _("adopted or already planned")),
            (len(report.process.goals), _("Goals")),
        ]
    )


def _period(process):
    start, end = process.starts_on, process.ends_on
    if start and end:
        return f"{format_date(start, 'long')} – {format_date(end, 'long')}"
    if start:
        return _("from %(date)s", date=format_date(start, "long"))
    return _("until %(date)s", date=format_date(end, "long")) if end else ""


def _draft(draft):
    if draft is None:
        return ""
    number = _("Draft %(number)s", number=draft.number)
    return f"{number}: {draft.note}" if draft.note else number


def events(report):
    """Each event with its date, target group and numbers."""
    rows = [
        [
            f"{event.title}\n{format_date(event.starts_at, 'medium')}",
            event.target_group,
            *(numbers[key] for key in ("participants", "contributions", "votes")),
        ]
        for event, numbers in event_rows(report.process)
    ]
    if not rows:
        return []
    headers = [_("Event"), _("Target group"), _("Participants")]
    headers += [_("Contributions"), _("Votes")]
    return [heading(_("Events"), 0), data_table(headers, rows, bars=False)]


def review_overview(report):
    """Per action field: contributions and what became of them."""
    if not report.groups:
        return []
    headers = [_("Action field"), _("Contributions"), *_outcome_headers()]
    rows = [
        [_field_title(report, group.name), *_outcome_cells(group.counts)]
        for group in report.groups
    ]
    totals = outcome_totals(report.groups)
    rows.append([_("All action fields"), *_outcome_cells(totals)])
    return [
        CondPageBreak(60 * mm),
        heading(_("Review of the contributions"), 0),
        data_table(headers, rows, bars=False, widths=_overview_widths(headers)),
    ]


def _overview_widths(headers):
    """Each count as wide as its heading's longest word, at least NUMBER_COLUMN;
    the action field gets the rest."""
    counts = [
        max(NUMBER_COLUMN, longest_word(header, "muted") + CELL_PADDING)
        for header in headers[1:]
    ]
    return [FRAME_WIDTH - sum(counts), *counts]


def _outcome_headers():
    return [
        _("Adopted or already planned"),
        str(OUTCOME_LABELS["not_adopted"]),
        str(OUTCOME_LABELS["passed_on"]),
        _("Not reviewed yet"),
    ]


def _outcome_cells(counts):
    total = sum(counts.values())
    return [
        total,
        taken_up(counts),
        counts["not_adopted"],
        counts["passed_on"],
        counts[None],
    ]


def _field_title(report, name):
    if not name:
        return _("Without an action field")
    return field_title(report.process, name, report.language)


def field_chapters(report):
    """A chapter per action field: its numbers, then its contributions by event
    and category, each with its review outcome."""
    story = []
    for group in report.groups:
        title = _field_title(report, group.name)
        story += [
            CondPageBreak(80 * mm),
            Heading(title, 0, flush_right=ui_is_rtl()),
            label(_field_summary(group), "muted"),
            label(_outcome_line(group.counts), "muted"),
        ]
        for event, items in groupby(group.items, key=lambda item: item.event):
            story += _event_part(report, event, list(items))
    return story


def _field_summary(group):
    total = len(group.items)
    return ngettext(
        "%(taken)s of %(num)s contribution adopted or already planned",
        "%(taken)s of %(num)s contributions adopted or already planned",
        total,
        taken=group.taken_up,
    )


def _outcome_line(counts):
    parts = [f"{OUTCOME_LABELS[o]}: {counts[o]}" for o in OUTCOMES if counts[o]]
    if counts[None]:
        parts.append(f"{_('Not reviewed yet')}: {counts[None]}")
    return " · ".join(parts)


def _event_part(report, event, items):
    title = " · ".join(text for text in (event.title, event.target_group) if text)
    story = [para(title, "h3", flush_right=ui_is_rtl())]
    for category, found in groupby(items, key=lambda item: item.card.category):
        found = list(found)
        story.append(category_heading(category, len(found)))
        story += [_contribution(report, item) for item in found]
    return story


def _contribution(report, item):
    """The card in the process language, then what became of it."""
    card = item.card
    written_in = language_name(card.language, report.language)
    mentions = card.merged_count + 1
    details = [label(_mentioned(mentions), "original")] if mentions > 1 else []
    flush_right = is_rtl(item.view.text)
    decision = _decision(item, flush_right)
    return KeepTogether(card_text(item.view, written_in, details) + decision)


def _mentioned(mentions):
    return ngettext("mentioned %(num)s time", "mentioned %(num)s times", mentions)


def _decision(item, flush_right):
    decision = item.decision
    if decision is None:
        return [label(_("Not reviewed yet"), "note", flush_right=flush_right)]
    if decision.outcome == "passed_on":
        words = [_("Passed on to %(whom)s", whom=decision.passed_to)]
    else:
        words = [str(decision.outcome_label)]
    if decision.section:
        words.append(_("Section %(section)s", section=decision.section))
    if item.idea:
        words.append(_("Idea: %(title)s", title=item.idea))
    lines = [label(" · ".join(words), "outcome", flush_right=flush_right)]
    if decision.reason:
        lines.append(para(decision.reason, "original"))
    return lines


def televoting(report):
    """The polls of every event with their results."""
    found = polled_events(report.process)
    if not found:
        return []
    story = [CondPageBreak(60 * mm), heading(_("Televoting"), 0)]
    for event, polls in found:
        story.append(Heading(event.title, 1, flush_right=ui_is_rtl()))
        for poll in polls:
            story += poll_results(poll)
    return story


def goals(report):
    """The goals register: each goal with its SMART fields and its status."""
    found = report.process.goals
    if not found:
        return []
    counts = {state: 0 for state in GOAL_STATES}
    for goal in found:
        counts[goal.state] += 1
    line = " · ".join(f"{GOAL_STATE_LABELS[s]}: {n}" for s, n in counts.items() if n)
    story = [CondPageBreak(60 * mm), heading(_("Goals"), 0), label(line, "muted")]
    return story + [_goal(report, goal) for goal in found]


def _goal(report, goal):
    field = _field_title(report, goal.action_field) if goal.action_field else ""
    deadline = format_date(goal.deadline, "long") if goal.deadline else ""
    facts = [
        (_("Action field"), field),
        (str(SMART_LABELS["indicator"]), goal.indicator),
        (_("Target value"), goal.target_value),
        (str(SMART_LABELS["actor"]), goal.actor),
        (str(SMART_LABELS["deadline"]), deadline),
        (str(SMART_LABELS["resources"]), goal.resources),
        (_("Status"), str(goal.state_label)),
    ]
    items = [para(goal.text, "h3"), facts_table(facts)]
    for update in goal.updates:
        items.append(label(_status_line(update), "original"))
        if update.note:
            items.append(para(update.note, "original"))
    return KeepTogether([*items, Spacer(1, 4 * mm)])


def _status_line(update):
    return f"{format_date(update.on, 'medium')} · {update.state_label}"
