"""Characters no keyboard types (a NUL, a vertical tab, an escape) sent by a
crafted request: removed where text comes in, and no export of an event or a
process breaks on those stored before. Tabs and line breaks stay."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import String, select, text

from app.extensions import db
from app.models import Ballot, Card, Participant
from app.plain_text import clean_data, clean_text
from tests.conftest import CONFIRMED, join, send_card
from tests.test_voting import make_poll, vote

HOSTILE = "Mehr\x00 Kita\x0b-Plätze\x1b[31m\x7f\x85\ufffe\tfür alle\r\nsofort\x0c"
CLEAN = "Mehr Kita-Plätze[31m\tfür alle\r\nsofort"
EVENT_EXPORTS = ["export.xlsx", "export.csv", "export.json", "report.pdf"]
PROCESS_EXPORTS = ["export.xlsx", "export.csv", "export.json", "report.pdf"]


def test_clean_text_keeps_tabs_and_line_breaks_and_leaves_other_values_alone():
    assert clean_text(HOSTILE) == CLEAN
    assert clean_text("\ud800lone") == "lone"
    assert clean_text(None) is None and clean_text(7) == 7
    assert clean_data({"a\x00": [HOSTILE, {"b": "\x1bc"}, 3]}) == {
        "a": [CLEAN, {"b": "c"}, 3]
    }


def text_columns():
    """(model class, attribute) of every text column of every model."""
    return [
        (mapper.class_, column.key)
        for mapper in db.Model.registry.mappers
        for column in mapper.column_attrs
        if isinstance(column.columns[0].type, String)
    ]


def test_every_text_column_of_every_model_drops_what_no_keyboard_types(app):
    columns = text_columns()
    assert len(columns) > 50

    kept = []
    for model, key in columns:
        row = model()
        setattr(row, key, HOSTILE)
        if getattr(row, key) != CLEAN:
            kept.append(f"{model.__name__}.{key}")

    assert kept == []


def test_a_phones_card_and_name_arrive_without_control_characters(
    app, phone, open_event
):
    _event_id, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1], first_name="Mi\x1bna\x00")

    response = send_card(writer, data["phases"][0][1][0], HOSTILE)

    assert response.status_code == 201
    with app.app_context():
        assert db.session.get(Card, response.json["card"]["id"]).text == CLEAN.strip()
        assert db.session.scalar(select(Participant.first_name)) == "Mina"


def test_a_card_of_control_characters_only_is_refused_as_empty(phone, open_event):
    _event_id, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1])

    response = send_card(writer, data["phases"][0][1][0], "\x00\x1b\x0b")

    assert response.status_code == 400
    assert response.json["ok"] is False


def test_poll_answers_arrive_without_control_characters(app, phone, open_event):
    event_id, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1])
    sent = {"text": {"text": "Mehr\x00 Bänke\x1b"}, "words": {"entry": ["Bänke\x00"]}}

    answers = {}
    for kind, form in sent.items():
        poll_id = make_poll(app, event_id, kind)  # opening it closes the one before
        assert vote(writer, poll_id, **form).status_code == 200
        with app.app_context():
            answers[kind] = db.session.scalar(
                select(Ballot.answer).where(Ballot.poll_id == poll_id)
            )

    assert answers == {"text": {"text": "Mehr Bänke"}, "words": {"words": ["bänke"]}}


def store_behind_the_apps_back(app, value):
    """Text as a database written before the cleaning may hold it (PostgreSQL
    never stores a NUL byte, so there old text cannot hold one)."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            value = value.replace("\x00", "")
        for statement in (
            "UPDATE card SET text = :v, heading = :v",
            'UPDATE "table" SET name = :v',
            "UPDATE event SET title = :v, target_group = :v",
            "UPDATE participant SET first_name = :v",
            "UPDATE process SET title = :v, description = :v",
        ):
            # One type for the one parameter, whatever the column's.
            typed = statement.replace(":v", "CAST(:v AS TEXT)")
            db.session.execute(text(typed), {"v": value})
        db.session.commit()


@pytest.fixture
def hidden_hostile_card(app, logged_in, phone, open_event):
    """An event whose one card held control characters when it was stored, and
    was hidden by the moderator since."""
    event_id, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1], first_name="Mina")
    card = send_card(writer, data["phases"][0][1][0], "Kita").json["card"]
    logged_in.post(f"/events/{event_id}/cards/{card['id']}/hide", data=CONFIRMED)
    store_behind_the_apps_back(app, HOSTILE)
    return event_id


@pytest.mark.parametrize("path", EVENT_EXPORTS)
def test_every_event_export_survives_control_characters_stored_before(
    hidden_hostile_card, logged_in, path
):
    response = logged_in.get(f"/events/{hidden_hostile_card}/{path}")

    assert response.status_code == 200


def test_the_exports_hold_the_text_without_the_control_characters(
    hidden_hostile_card, logged_in
):
    base = f"/events/{hidden_hostile_card}"

    sheet = load_workbook(io.BytesIO(logged_in.get(f"{base}/export.xlsx").data))
    rows = io.StringIO(logged_in.get(f"{base}/export.csv").data.decode("utf-8-sig"))
    data = json.loads(logged_in.get(f"{base}/export.json").data)

    # XML reads a carriage return and line feed as one line feed.
    assert CLEAN.replace("\r\n", "\n") in list(sheet.active.values)[1]
    assert CLEAN in list(csv.reader(rows))[1]
    assert data["title"] == CLEAN and data["cards"][0]["text"] == CLEAN


@pytest.mark.parametrize("path", PROCESS_EXPORTS)
def test_every_process_export_survives_control_characters_stored_before(
    app, make_process, logged_in, path
):
    process_id = make_process()["process_id"]
    store_behind_the_apps_back(app, HOSTILE)

    response = logged_in.get(f"/processes/{process_id}/{path}")

    assert response.status_code == 200
