"""Exports for organisers: every card as CSV and XLSX, the whole event as JSON.
No e-mail address and nothing that names a participant goes into an export."""

import json

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Card
from app.plain_text import clean_data
from app.services.export_fields import (
    card_cells,
    card_fields,
    card_json,
    headers,
    translation_languages,
)
from app.services.report.content import cover_numbers
from app.services.spreadsheet import csv_bytes, workbook_bytes
from app.services.tables import event_photos
from app.services.voting.export import poll_json


def all_cards(event):
    return db.session.scalars(
        select(Card)
        .where(Card.event_id == event.id)
        .options(selectinload(Card.table), selectinload(Card.category))
        .order_by(Card.id)
    ).all()


def _fields(event, cards):
    return card_fields(translation_languages(cards, event.language))


def cards_csv(event):
    cards = all_cards(event)
    fields = _fields(event, cards)
    rows = [card_cells(card, fields) for card in cards]
    return csv_bytes([headers(fields), *rows])


def cards_xlsx(event):
    cards = all_cards(event)
    fields = _fields(event, cards)
    rows = [card_cells(card, fields) for card in cards]
    wide = [field.wide for field in fields]
    return workbook_bytes([(_("Cards"), headers(fields), rows, wide)])


def event_json(event):
    """The whole event: set-up, phases, tables, cards, poster photos (without
    their files), poll results and counts."""
    data = {
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "venue": event.venue,
        "target_group": event.target_group,
        "language": event.language,
        "format": event.format,
        "state": event.state,
        "action_fields": [field.name for field in event.action_fields],
        "tables": [_table(table) for table in event.tables],
        "phases": [_phase(phase) for phase in event.phases],
        "cards": _cards_json(event),
        "photos": [_photo(photo) for photo in event_photos(event.id)],
        "polls": [poll_json(poll) for poll in event.polls if poll.state != "draft"],
        "counts": cover_numbers(event),
    }
    text = json.dumps(clean_data(data), ensure_ascii=False, indent=2)
    return text.encode("utf-8")


def _table(table):
    field = table.action_field.name if table.action_field else None
    return {"number": table.number, "name": table.name, "action_field": field}


def _phase(phase):
    return {
        "key": phase.key,
        "label": str(phase.label),
        "state": phase.state,
        "started_at": phase.started_at.isoformat() if phase.started_at else None,
        "closed_at": phase.closed_at.isoformat() if phase.closed_at else None,
        "categories": [
            {"key": c.key, "label": str(c.label), "colour": c.colour}
            for c in phase.categories
        ],
    }


def _cards_json(event):
    cards = all_cards(event)
    fields = _fields(event, cards)
    return [card_json(card, fields) for card in cards]


def _photo(photo):
    """A photo that was not removed; who sent it and where its file is stay out."""
    return {
        "id": photo.id,
        "table": photo.table.number,
        "phase": _phase_key(photo.phase),
        "caption": photo.caption,
        "created_at": photo.created_at.isoformat(),
    }


def _phase_key(phase):
    return (phase.key or phase.name) if phase is not None else None
