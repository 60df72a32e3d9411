"""Exports of a process for its organisers: every contribution with its event
and its review outcome (CSV, XLSX, JSON), and the goals register (a second
sheet, a JSON key). Organiser-only: the reviewer's name is in, nothing that
names a participant is."""

import json
from operator import attrgetter

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.models.card import SMART_LABELS
from app.plain_text import clean_data
from app.services.export_fields import (
    MADE_BY,
    Field,
    card_cells,
    card_field,
    card_json,
    headers,
)
from app.services.report.process_content import event_rows, process_contributions
from app.services.spreadsheet import csv_bytes, workbook_bytes


def _review(name, value=None):
    """A value read from the record's decision (its attribute name, or value);
    None for a contribution not reviewed yet."""
    get = value or attrgetter(name)
    return lambda record: get(record.decision) if record.decision else None


CONTRIBUTION_FIELDS = [
    Field("id", _l("No."), lambda record: record.card.id),
    Field("event", _l("Event"), lambda record: record.event.title),
    Field("event_date", _l("Date"), lambda record: record.event.starts_at.date()),
    Field("target_group", _l("Target group"), lambda record: record.event.target_group),
    Field("action_field", _l("Action field"), attrgetter("field")),
    card_field("phase"),
    card_field("category"),
    card_field("language"),
    Field("text", _l("Card"), lambda record: record.card.shown_text, wide=True),
    Field("original", _l("Original"), lambda record: record.card.text, wide=True),
    Field(
        "in_process_language",
        _l("In the process language"),
        lambda record: record.view.text,
        wide=True,
    ),
    Field(
        "translated_by",
        _l("Translated by"),
        lambda record: record.view.mark,
        lambda record: str(MADE_BY.get(record.view.mark, "")),
    ),
    card_field("entered_by"),
    card_field("mentions"),
    Field(
        "review.outcome",
        _l("Review"),
        _review("outcome"),
        _review("outcome", lambda decision: str(decision.outcome_label)),
    ),
    Field("review.reason", _l("Reason"), _review("reason"), wide=True),
    Field("review.passed_to", _l("Passed on to"), _review("passed_to")),
    Field("review.section", _l("Draft section"), _review("section")),
    Field("review.idea", _l("Idea"), lambda record: record.idea or None),
    Field("review.decided_at", _l("Decided at"), _review("decided_at")),
    Field(
        "review.reviewer",
        _l("Reviewed by"),
        _review("reviewer", lambda decision: decision.reviewer.name),
    ),
]


def _latest(goal):
    return goal.updates[-1] if goal.updates else None


GOAL_FIELDS = [
    Field("id", _l("No."), attrgetter("id")),
    Field("action_field", _l("Action field"), attrgetter("action_field")),
    Field("text", _l("Goal"), attrgetter("text"), wide=True),
    Field("indicator", SMART_LABELS["indicator"], attrgetter("indicator"), wide=True),
    Field("target_value", _l("Target value"), attrgetter("target_value")),
    Field("actor", SMART_LABELS["actor"], attrgetter("actor")),
    Field("deadline", SMART_LABELS["deadline"], attrgetter("deadline")),
    Field("resources", SMART_LABELS["resources"], attrgetter("resources"), wide=True),
    Field(
        "state", _l("Status"), attrgetter("state"), lambda goal: str(goal.state_label)
    ),
    Field("state_since", _l("Since"), lambda goal: _latest(goal) and _latest(goal).on),
    Field(
        "note",
        _l("Note"),
        lambda goal: _latest(goal) and _latest(goal).note,
        wide=True,
    ),
    Field("card_id", _l("From contribution No."), attrgetter("card_id")),
]


def contributions_csv(process):
    records = process_contributions(process)
    rows = [card_cells(record, CONTRIBUTION_FIELDS) for record in records]
    return csv_bytes([headers(CONTRIBUTION_FIELDS), *rows])


def process_xlsx(process):
    """Two sheets: the contributions and the goals."""
    contributions = process_contributions(process)
    return workbook_bytes(
        [
            _sheet(_("Contributions"), CONTRIBUTION_FIELDS, contributions),
            _sheet(_("Goals"), GOAL_FIELDS, process.goals),
        ]
    )


def _sheet(title, fields, records):
    rows = [card_cells(record, fields) for record in records]
    return title, headers(fields), rows, [field.wide for field in fields]


def process_json(process):
    """The process, its events with their numbers, every contribution with its
    review outcome, and the goals with their status history."""
    data = {
        "title": process.title,
        "description": process.description,
        "starts_on": _iso(process.starts_on),
        "ends_on": _iso(process.ends_on),
        "language": process.language,
        "events": [_event(event, numbers) for event, numbers in event_rows(process)],
        "contributions": [
            card_json(record, CONTRIBUTION_FIELDS)
            for record in process_contributions(process)
        ],
        "goals": [_goal(goal) for goal in process.goals],
    }
    text = json.dumps(clean_data(data), ensure_ascii=False, indent=2)
    return text.encode("utf-8")


def _iso(day):
    return day.isoformat() if day else None


def _event(event, numbers):
    return {
        "id": event.id,
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "target_group": event.target_group,
        **numbers,
    }


def _goal(goal):
    updates = [
        {"state": update.state, "on": update.on.isoformat(), "note": update.note}
        for update in goal.updates
    ]
    return {**card_json(goal, GOAL_FIELDS), "updates": updates}
