"""Exports of cards (CSV, XLSX) and of the whole event (JSON) for organisers."""

import csv
import io
import json

from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.models import CardTranslation
from app.services import addresses
from app.services.machine_translation import record_machine_translation
from tests.conftest import CONFIRMED, join, join_as_interpreter, send_card
from tests.photo_helpers import JSON, upload_photo

SCHOOLS, GARDENS, STREETS = "مدارس أفضل", "حدائق", "شوارع"


def event_with_cards(app, logged_in, phone, make_event, event_data, start_phase):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    writer = phone()
    join(writer, data["tables"][0][1])
    send_card(writer, data["phases"][0][1][0], "Mehr Sprachkurse")
    send_card(writer, data["phases"][0][1][1], '=HYPERLINK("http://evil")')
    with app.test_request_context():
        from app.extensions import db
        from app.models import Event

        addresses.add_addresses(
            db.session.get(Event, event_id), "ana@example.org", "de"
        )
    return event_id


def event_with_translated_cards(app, phone, open_event):
    """Three Arabic cards of a German event: one translated by an interpreter
    (with a name), one by a machine, one not yet."""
    event_id, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1], language="ar")
    for text in (SCHOOLS, GARDENS, STREETS):
        send_card(writer, data["phases"][0][1][0], text)
    interpreter = phone()
    join_as_interpreter(interpreter, data["interpreter_token"], ["ar"], "Ingrid")
    items = interpreter.get("/interpret/queue.json").json["items"]
    url = next(item["url"] for item in items if item["text"] == SCHOOLS)
    interpreter.post(url, data={"text": "Bessere Schulen"}, headers=JSON)
    with app.test_request_context():
        rows = db.session.scalars(select(CardTranslation)).all()
        gardens = next(row for row in rows if row.card.text == GARDENS)
        record_machine_translation(gardens.id, "Mehr Gärten")
    return event_id


def test_cards_export_as_csv_with_table_field_phase_and_category(
    app, logged_in, phone, make_event, event_data, start_phase
):
    event_id = event_with_cards(
        app, logged_in, phone, make_event, event_data, start_phase
    )

    response = logged_in.get(f"/events/{event_id}/export.csv")

    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:8] == [
        "Nr.", "Zeit", "Tisch", "Handlungsfeld", "Arbeitsphase", "Kartenart",
        "Sprache", "Karte",
    ]  # fmt: skip
    assert rows[1][2:8] == [
        "1", "Willkommenskultur", "Ausgangslage", "Stärken", "de", "Mehr Sprachkurse"
    ]  # fmt: skip
    assert rows[2][7].startswith("'=")
    assert "attachment" in response.headers["Content-Disposition"]
    assert "ana@example.org" not in response.data.decode("utf-8-sig")


def test_cards_export_as_xlsx_keeps_formulas_as_text(
    app, logged_in, phone, make_event, event_data, start_phase
):
    event_id = event_with_cards(
        app, logged_in, phone, make_event, event_data, start_phase
    )

    response = logged_in.get(f"/events/{event_id}/export.xlsx")

    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][7] == "Mehr Sprachkurse"
    assert sheet.cell(row=3, column=8).data_type == "s"


def test_event_exports_as_json_without_addresses_or_names(
    app, logged_in, phone, make_event, event_data, start_phase
):
    event_id = event_with_cards(
        app, logged_in, phone, make_event, event_data, start_phase
    )

    response = logged_in.get(f"/events/{event_id}/export.json")

    data = json.loads(response.data)
    assert data["title"] == "Dialogforum Laatzen"
    assert [c["text"] for c in data["cards"]][0] == "Mehr Sprachkurse"
    assert data["counts"]["cards"] == 2
    assert "ana@example.org" not in response.get_data(as_text=True)


def test_event_json_lists_photos_without_files_or_senders(
    app, logged_in, phone, make_event, event_data, start_phase
):
    event_id = event_with_cards(
        app, logged_in, phone, make_event, event_data, start_phase
    )
    photographer = phone()
    join(photographer, event_data(event_id)["tables"][1][1])
    kept = upload_photo(photographer, caption="Unser Plakat").json["photo"]
    removed = upload_photo(photographer, caption="Verwackelt").json["photo"]
    logged_in.post(f"/events/{event_id}/photos/{removed['id']}/remove", data=CONFIRMED)

    response = logged_in.get(f"/events/{event_id}/export.json")

    [photo] = json.loads(response.data)["photos"]
    assert photo.pop("created_at")
    assert photo == {
        "id": kept["id"], "table": 2, "phase": "situation", "caption": "Unser Plakat"
    }  # fmt: skip
    assert kept["url"].split("/")[-2] not in response.get_data(as_text=True)


def test_exports_are_for_organisers_only(client, make_event):
    event_id = make_event()
    assert client.get(f"/events/{event_id}/export.csv").status_code == 302
    assert client.get(f"/events/{event_id}/export.pdf").status_code == 302


def test_csv_and_xlsx_hold_each_cards_translation_into_the_event_language(
    app, logged_in, phone, open_event
):
    event_id = event_with_translated_cards(app, phone, open_event)

    csv_response = logged_in.get(f"/events/{event_id}/export.csv")
    xlsx_response = logged_in.get(f"/events/{event_id}/export.xlsx")

    text = csv_response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    sheet = list(load_workbook(io.BytesIO(xlsx_response.data)).active.values)
    assert rows[0][6:11] == [
        "Sprache", "Karte", "Übersetzung", "Übersetzt von", "Ausgeblendet"
    ]  # fmt: skip
    expected = [
        ["ar", SCHOOLS, "Bessere Schulen", "Dolmetscher*in"],
        ["ar", GARDENS, "Mehr Gärten", "Maschine"],
        ["ar", STREETS, "", ""],
    ]
    assert [row[6:10] for row in rows[1:]] == expected
    assert [[v or "" for v in row[6:10]] for row in sheet[1:]] == expected
    assert "Ingrid" not in text


def test_event_json_lists_every_translation_of_each_card(
    app, logged_in, phone, open_event
):
    event_id = event_with_translated_cards(app, phone, open_event)

    response = logged_in.get(f"/events/{event_id}/export.json")

    cards = json.loads(response.data)["cards"]
    assert [card["translations"] for card in cards] == [
        {"de": {"text": "Bessere Schulen", "state": "human"}},
        {"de": {"text": "Mehr Gärten", "state": "machine"}},
        {"de": {"text": "", "state": "requested"}},
    ]
    assert "Ingrid" not in response.get_data(as_text=True)
