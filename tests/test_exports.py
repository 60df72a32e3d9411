"""Exports of cards (CSV, XLSX) and of the whole event (JSON) for organisers."""

import csv
import io
import json

import pytest
from flask_babel import force_locale, gettext
from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.models import CardTranslation, Event
from app.services import addresses, exports
from app.services.export_fields import card_fields
from app.services.machine_translation import record_machine_translation
from app.services.spreadsheet import spreadsheet_safe
from tests.conftest import CONFIRMED, join, join_as_interpreter, send_card
from tests.photo_helpers import JSON, upload_photo
from tests.test_report import add_card
from tests.test_voting import make_poll

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
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
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
    with app.test_request_context(), force_locale("de"):
        wanted = [
            gettext("Language"),
            gettext("Card"),
            gettext("Translation (%(language)s)", language="de"),
            gettext("Translated by (%(language)s)", language="de"),
        ]
        not_yet = gettext("Not translated yet")
    columns = [rows[0].index(header) for header in wanted]
    assert sheet[0] == tuple(rows[0])
    expected = [
        ["ar", SCHOOLS, "Bessere Schulen", "Dolmetscher*in"],
        ["ar", GARDENS, "Mehr Gärten", "Maschine"],
        ["ar", STREETS, "", not_yet],
    ]
    assert [[row[n] for n in columns] for row in rows[1:]] == expected
    assert [[row[n] or "" for n in columns] for row in sheet[1:]] == expected
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


@pytest.fixture
def worked_card(ctx, make_event):
    """A goal proposal with everything a card can carry: corrected by the host,
    under a heading, naming a section, SMART fields, a merged duplicate, praise
    and concerns, translated into German and asked for in English; and a
    hidden card beside it."""
    event = db.session.get(Event, make_event())
    card = add_card(event, event.tables[0], "=Mehr Kita-Plätze", phase=1)
    duplicate = add_card(event, event.tables[0], "Mehr Kitaplätze", phase=1)
    add_card(event, event.tables[1], "Beleidigung", state="hidden")
    duplicate.merge_into(card)
    card.edited_text = "Mehr Kita-Plätze bis 2027"
    card.heading, card.section = "Familie", "2.3"
    card.indicator, card.actor = "500 Plätze", "Jugendamt"
    card.deadline, card.resources = "2027", "2 Stellen, 1 Mio. €"
    card.praise_count, card.concern_count = 4, 1
    card.translations.append(CardTranslation(language="en", state="requested"))
    translation = CardTranslation(language="de")
    translation.record_machine("Mehr Kita-Plätze (maschinell)")
    card.translations.append(translation)
    db.session.commit()
    return event


def flat(record, prefix=""):
    """{"smart": {"actor": x}} as {"smart.actor": x}."""
    found = {}
    for key, value in record.items():
        if isinstance(value, dict):
            found |= flat(value, f"{prefix}{key}.")
        else:
            found[f"{prefix}{key}"] = value
    return found


def csv_rows(event):
    text = exports.cards_csv(event).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def sheet_rows(event):
    sheet = load_workbook(io.BytesIO(exports.cards_xlsx(event))).active
    return [["" if v is None else str(v) for v in row] for row in sheet.values]


def test_spreadsheets_have_a_column_for_every_field_of_the_json(worked_card):
    cards = json.loads(exports.event_json(worked_card))["cards"]
    rows, sheet = csv_rows(worked_card), sheet_rows(worked_card)
    fields = card_fields(["de", "en"])

    assert set().union(*map(flat, cards)) == {field.path for field in fields}
    assert rows[0] == sheet[0] == [str(field.header) for field in fields]
    assert [[spreadsheet_safe(cell) for cell in row] for row in sheet] == rows
    for card, row in zip(map(flat, cards), rows[1:], strict=True):
        for field, cell in zip(fields, row, strict=True):
            value = card.get(field.path)
            if value not in ("", None, False):
                assert cell, field.path
            shown_as_is = field.cell is None and not isinstance(value, bool)
            if shown_as_is and isinstance(value, str | int) and value != "":
                if field.path == "created_at":  # to the second, not the microsecond
                    value = value.replace("T", " ")[:19]
                assert cell == spreadsheet_safe(str(value)), field.path


def test_spreadsheets_carry_the_hosts_work_smart_fields_and_reactions(worked_card):
    header, card, duplicate, _hidden = csv_rows(worked_card)
    row = dict(zip(header, card, strict=True))

    def cell(label, **values):
        return row[gettext(label, **values)]

    with force_locale("de"):
        assert cell("Card") == "'=Mehr Kita-Plätze"  # never a formula
        assert cell("Corrected text") == "Mehr Kita-Plätze bis 2027"
        assert cell("Times named") == "2"
        assert duplicate[header.index(gettext("Merged into"))] == card[0]
        assert (cell("Heading"), cell("Section")) == ("Familie", "2.3")
        assert (cell("Indicator"), cell("Responsible")) == ("500 Plätze", "Jugendamt")
        assert (cell("Deadline"), cell("Resources")) == ("2027", "2 Stellen, 1 Mio. €")
        assert (cell("Praise"), cell("Concerns")) == ("4", "1")
        de, en = ({"language": code} for code in ("de", "en"))
        assert (
            cell("Translation (%(language)s)", **de) == "Mehr Kita-Plätze (maschinell)"
        )
        assert cell("Translated by (%(language)s)", **de) == gettext("machine")
        assert cell("Translated by (%(language)s)", **en) == gettext(
            "Not translated yet"
        )


def test_csv_downloads_name_their_charset_once(app, open_event, logged_in):
    event_id, _data = open_event()
    poll_id = make_poll(app, event_id, "single")

    cards = logged_in.get(f"/events/{event_id}/export.csv")
    poll = logged_in.get(f"/events/{event_id}/polls/{poll_id}/results.csv")

    data = logged_in.get(f"/events/{event_id}/export.json")
    assert cards.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert poll.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert data.headers["Content-Type"] == "application/json"
