"""Exports for organisers: every card as CSV and XLSX, the whole event as JSON.
No e-mail address and nothing that names a participant goes into an export."""

import io
import json

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import Card
from app.models.card import SMART_FIELDS
from app.services.report.content import cover_numbers
from app.services.spreadsheet import csv_bytes
from app.services.tables import event_photos
from app.services.voting.export import poll_json


def all_cards(event):
    return db.session.scalars(
        select(Card)
        .where(Card.event_id == event.id)
        .options(selectinload(Card.table), selectinload(Card.category))
        .order_by(Card.id)
    ).all()


def card_headers():
    return [
        _("No."), _("Time"), _("Table"), _("Action field"), _("Phase"),
        _("Category"), _("Language"), _("Card"), _("Translation"),
        _("Translated by"), _("Hidden"),
    ]  # fmt: skip


def card_row(card, event_language):
    """One card; the translation is its finished one into the event language."""
    table = card.table
    field = table.action_field.name if table.action_field else ""
    translation = card.translation_into(event_language)
    return [
        card.id,
        card.created_at.isoformat(sep=" ", timespec="seconds"),
        table.number,
        field,
        str(card.phase.label),
        str(card.category.label),
        card.language,
        card.text,
        translation.text if translation else "",
        _translated_by(translation),
        _hidden(card),
    ]


def _hidden(card):
    """Hidden from the room: yes, no, or still waiting for approval."""
    if card.is_waiting:
        return _("waiting for approval")
    return _("yes") if card.is_hidden else _("no")


def _translated_by(translation):
    if translation is None:
        return ""
    return _("interpreter") if translation.is_human else _("machine")


def cards_csv(event):
    rows = [card_row(card, event.language) for card in all_cards(event)]
    return csv_bytes([card_headers(), *rows])


def cards_xlsx(event):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Cards")[:31]
    sheet.append(card_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for card in all_cards(event):
        sheet.append(card_row(card, event.language))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["H"].width = 80
    sheet.column_dimensions["I"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
        "cards": [_card(card) for card in all_cards(event)],
        "photos": [_photo(photo) for photo in event_photos(event.id)],
        "polls": [poll_json(poll) for poll in event.polls if poll.state != "draft"],
        "counts": cover_numbers(event),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


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


def _card(card):
    return {
        "id": card.id,
        "table": card.table.number,
        "phase": _phase_key(card.phase),
        "category": card.category.key or card.category.name,
        "language": card.language,
        "text": card.text,
        "corrected_text": card.edited_text,
        "translations": {
            t.language: {"text": t.text, "state": t.state} for t in card.translations
        },
        "state": card.state,
        "hidden": card.is_hidden,
        "merged_into": card.merged_into_id,
        "heading": card.heading,
        "section": card.section,
        "smart": {name: getattr(card, name) for name in SMART_FIELDS},
        "praise": card.praise_count,
        "concerns": card.concern_count,
        "created_at": card.created_at.isoformat(),
    }


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
