"""The fields of an exported card, listed once. The JSON export nests them by
their paths ("smart.indicator" under "smart"), the spreadsheets (CSV, XLSX) give
each a column: a field added here reaches both, so they cannot drift apart."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from operator import attrgetter

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.models.card import ENTERED_BY_LABELS, SMART_FIELDS, SMART_LABELS

MISSING = object()  # a translation the card does not have: no JSON key, no text


@dataclass(frozen=True)
class Field:
    """path: where the value sits in the JSON card; header: the column's title;
    value: the JSON value of a card; cell: the spreadsheet's, where it reads
    better (labels instead of keys); wide: a column of running text."""

    path: str
    header: object
    value: Callable
    cell: Callable | None = None
    wide: bool = False


def card_fields(languages):
    """Every field of an exported card in order; languages: those the cards
    were translated into, each with a text and a state."""
    translations = [field for code in languages for field in _translation(code)]
    return [*FIRST, *translations, *LAST]


def translation_languages(cards, event_language):
    """The languages the cards have translations into, the event's first."""
    found = {t.language for card in cards for t in card.translations}
    return sorted(found, key=lambda code: (code != event_language, code))


def card_json(card, fields):
    """The card as a JSON object, nested by the fields' paths."""
    record = {}
    for field in fields:
        value = field.value(card)
        if value is MISSING:
            continue
        *parents, key = field.path.split(".")
        place = record
        for parent in parents:
            place = place.setdefault(parent, {})
        place[key] = value.isoformat() if isinstance(value, date) else value
    return record


def card_cells(card, fields):
    """The card as one spreadsheet row."""
    return [_cell((field.cell or field.value)(card)) for field in fields]


def headers(fields):
    return [str(field.header) for field in fields]


def card_field(path):
    """The card's field at path, for records that hold a card (`record.card`)."""
    field = next(field for field in [*FIRST, *LAST] if field.path == path)
    cell = field.cell or field.value
    return Field(
        field.path,
        field.header,
        lambda record: field.value(record.card),
        lambda record: cell(record.card),
        field.wide,
    )


def _cell(value):
    if value is MISSING or value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _translation(code):
    def of(card):
        return next((t for t in card.translations if t.language == code), MISSING)

    def text(card):
        found = of(card)
        return found if found is MISSING else found.text

    def state(card):
        found = of(card)
        return found if found is MISSING else found.state

    return [
        Field(
            f"translations.{code}.text",
            _("Translation (%(language)s)", language=code),
            text,
            wide=True,
        ),
        Field(
            f"translations.{code}.state",
            _("Translated by (%(language)s)", language=code),
            state,
            lambda card: str(MADE_BY.get(state(card), "")),
        ),
    ]


MADE_BY = {
    "human": _l("interpreter"),
    "machine": _l("machine"),
    "requested": _l("Not translated yet"),
}


def _hidden(card):
    """Hidden from the room: yes, no, or still waiting for approval."""
    if card.is_waiting:
        return _("waiting for approval")
    return _("yes") if card.is_hidden else _("no")


def _action_field(card):
    field = card.table.action_field
    return field.name if field else None


FIRST = [
    Field("id", _l("No."), attrgetter("id")),
    Field("created_at", _l("Time"), attrgetter("created_at")),
    Field("table", _l("Table"), attrgetter("table.number")),
    Field("action_field", _l("Action field"), _action_field),
    Field(
        "phase",
        _l("Phase"),
        lambda card: card.phase.key or card.phase.name,
        lambda card: str(card.phase.label),
    ),
    Field(
        "category",
        _l("Category"),
        lambda card: card.category.key or card.category.name,
        lambda card: str(card.category.label),
    ),
    Field("language", _l("Language"), attrgetter("language")),
    Field("text", _l("Card"), attrgetter("text"), wide=True),
    Field("corrected_text", _l("Corrected text"), attrgetter("edited_text"), wide=True),
]
LAST = [
    Field("state", _l("State"), attrgetter("state")),
    Field("hidden", _l("Hidden"), attrgetter("is_hidden"), lambda card: _hidden(card)),
    Field(
        "entered_by",
        _l("Entered by"),
        attrgetter("entered_by"),
        lambda card: str(ENTERED_BY_LABELS[card.entered_by]),
    ),
    Field("merged_into", _l("Merged into"), attrgetter("merged_into_id")),
    Field("mentions", _l("Times named"), lambda card: card.merged_count + 1),
    Field("heading", _l("Heading"), attrgetter("heading")),
    Field("section", _l("Section"), attrgetter("section")),
    *[
        Field(f"smart.{name}", SMART_LABELS[name], attrgetter(name), wide=True)
        for name in SMART_FIELDS
    ],
    Field("praise", _l("Praise"), attrgetter("praise_count")),
    Field("concerns", _l("Concerns"), attrgetter("concern_count")),
]
