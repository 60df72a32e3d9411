"""Cards for people without a phone: entered by the table's host or the moderator,
stored as nobody's, marked with who entered them, counted apart in the console,
the report and the exports, through the one card path of phones."""

import csv
import io
import json
import uuid

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, Participant, Table
from app.services import moderation, participation
from app.services.hosts import host_writer
from app.services.moderation import moderator_writer
from app.services.report import build_report
from app.services.stats import event_counts
from tests.conftest import join, live_client, send_card
from tests.test_report import pdf_text

JSON = {"Accept": "application/json"}


@pytest.fixture
def hosted(app, phone, open_event):
    """Phase 1 runs; a host at table 1, a phone at table 1, a phone at table 2."""
    event_id, data = open_event()
    with app.app_context():
        token = db.session.get(Table, data["tables"][0][0]).host_token
    host = phone()
    host.get("/lang/en")  # the messages below are read in English
    host.post(f"/h/{token}", data={"first_name": "Hanna"})
    writer, other = phone(), phone()
    join(writer, data["tables"][0][1])
    join(other, data["tables"][1][1])
    return {"event_id": event_id, "data": data, "host": host, "writer": writer}


def category(data, phase=0, index=0):
    return data["phases"][phase][1][index]


def enter_as_host(host, data, text, card_uuid=None, json=True, **extra):
    form = {
        "uuid": card_uuid or str(uuid.uuid4()),
        "category": category(data),
        "text": text,
        **extra,
    }
    return host.post("/me/host/cards", data=form, headers=JSON if json else {})


def enter_as_moderator(client, event_id, table_id, category_id, text, **extra):
    form = {
        "uuid": extra.pop("card_uuid", None) or str(uuid.uuid4()),
        "table": table_id,
        "category": category_id,
        "text": text,
        **extra,
    }
    headers = JSON if extra.pop("json", True) else {}
    return client.post(f"/events/{event_id}/cards/enter", data=form, headers=headers)


def stored(app, text):
    with app.app_context():
        card = db.session.scalar(select(Card).where(Card.text == text))
        db.session.expunge(card)
        return card


def test_host_card_belongs_to_nobody_and_is_marked_as_entered_by_the_host(app, hosted):
    response = enter_as_host(hosted["host"], hosted["data"], "Mehr Ruhe im Kurs")
    assert response.status_code == 201
    card = stored(app, "Mehr Ruhe im Kurs")
    assert card.participant_id is None
    assert card.entered_by == "host" and card.on_behalf
    assert card.table_id == hosted["data"]["tables"][0][0]


def test_host_card_is_written_in_the_language_chosen_on_the_form(app, hosted):
    enter_as_host(hosted["host"], hosted["data"], "مدارس أفضل", language="ar")
    assert stored(app, "مدارس أفضل").language == "ar"


def test_host_enters_for_their_own_table_only(app, hosted):
    """Whatever table a host's form names, the card lands at the hosted table."""
    other_table = hosted["data"]["tables"][1][0]
    enter_as_host(hosted["host"], hosted["data"], "Nur hier", table=other_table)
    assert stored(app, "Nur hier").table_id == hosted["data"]["tables"][0][0]


def test_phones_that_do_not_host_cannot_enter_cards_for_others(hosted):
    response = enter_as_host(hosted["writer"], hosted["data"], "Fremd")
    assert response.status_code == 403
    anonymous = hosted["host"].application.test_client()
    assert enter_as_host(anonymous, hosted["data"], "Anonym").status_code == 401


def test_resent_on_behalf_card_is_stored_once(app, hosted):
    card_uuid = str(uuid.uuid4())
    first = enter_as_host(hosted["host"], hosted["data"], "Einmal", card_uuid)
    again = enter_as_host(hosted["host"], hosted["data"], "Einmal", card_uuid)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["card"]["id"] == again.json["card"]["id"]
    with app.app_context():
        assert len(db.session.scalars(select(Card)).all()) == 1


def test_a_phone_cannot_claim_an_on_behalf_cards_uuid(app, hosted):
    """A phone resending a host's UUID learns nothing of that card."""
    card_uuid = str(uuid.uuid4())
    enter_as_host(hosted["host"], hosted["data"], "Vom Host", card_uuid)
    response = send_card(
        hosted["writer"], category(hosted["data"]), "Vom Host", card_uuid
    )
    assert response.status_code == 400 and "card" not in response.json


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"text": "   "}, "Please write something on the card."),
        ({"text": "x" * 501}, "A card can hold at most 500 characters."),
        ({"category": "999999"}, "Please choose what kind of card this is."),
        ({"language": "xx"}, "Please choose the language of your card."),
        ({"section": "s" * 41}, "A detail can hold at most 40 characters."),
        ({"uuid": "not-a-uuid"}, "This card could not be sent. Please try again."),
    ],
)
def test_refused_on_behalf_cards_get_the_messages_of_phones(app, hosted, form, message):
    values = {"text": "Gut", "category": category(hosted["data"])} | form
    card_uuid = values.pop("uuid", None)
    response = enter_as_host(
        hosted["host"], hosted["data"], card_uuid=card_uuid, **values
    )
    assert response.status_code == 400 and response.json["error"] == message
    with app.app_context():
        assert db.session.scalars(select(Card)).all() == []


def test_host_without_javascript_gets_the_refused_card_back_with_its_details(
    app, hosted, start_phase
):
    start_phase(hosted["event_id"], 1)
    response = enter_as_host(
        hosted["host"],
        hosted["data"],
        "x" * 501,
        json=False,
        category=category(hosted["data"], phase=1),
        indicator="Zahl der Kurse",
        language="uk",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "A card can hold at most 500 characters." in page
    assert "x" * 501 in page and 'value="Zahl der Kurse"' in page
    assert '<option value="uk" lang="uk" selected>' in page


def test_host_without_javascript_enters_a_card_and_comes_back_to_the_form(app, hosted):
    response = enter_as_host(hosted["host"], hosted["data"], "Ohne JS", json=False)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/me/host?entered=1#enter-card")
    page = hosted["host"].get("/me/host?entered=1").get_data(as_text=True)
    assert "The card was entered for someone without a phone." in page
    assert '<details class="panel" id="enter-card" open>' in page
    assert stored(app, "Ohne JS").entered_by == "host"


def test_host_tools_offer_the_running_phases_kinds_and_smart_fields(
    app, hosted, start_phase
):
    situation_page = hosted["host"].get("/me/host").get_data(as_text=True)
    assert 'name="indicator"' not in situation_page  # no goal proposals yet
    start_phase(hosted["event_id"], 1)  # goals: goal proposals have SMART fields
    page = hosted["host"].get("/me/host").get_data(as_text=True)
    goals = hosted["data"]["phases"][1][1]
    situation = hosted["data"]["phases"][0][1]
    assert all(f'name="category" value="{c}"' in page for c in goals)
    assert not any(f'name="category" value="{c}"' in page for c in situation)
    assert 'name="indicator"' in page and 'name="deadline"' in page
    enter_as_host(
        hosted["host"],
        hosted["data"],
        "Mehr Abendkurse bis 2027 anbieten",
        category=goals[0],
        indicator="Zahl der Kurse",
        actor="VHS",
    )
    card = stored(app, "Mehr Abendkurse bis 2027 anbieten")
    assert (card.indicator, card.actor, card.entered_by) == (
        "Zahl der Kurse",
        "VHS",
        "host",
    )


def test_moderator_enters_a_card_at_a_table_they_pick(app, hosted, logged_in):
    table = hosted["data"]["tables"][2][0]
    response = enter_as_moderator(
        logged_in, hosted["event_id"], table, category(hosted["data"]), "Vom Zettel"
    )
    assert response.status_code == 201
    assert response.json["card"]["entered_by"] == "moderator"
    card = stored(app, "Vom Zettel")
    assert (card.table_id, card.participant_id, card.entered_by) == (
        table,
        None,
        "moderator",
    )


def test_moderator_cannot_enter_a_card_at_another_events_table(
    app, hosted, logged_in, open_event
):
    _other_id, other = open_event(title="Anderes Forum")
    logged_in.get("/lang/en")
    response = enter_as_moderator(
        logged_in,
        hosted["event_id"],
        other["tables"][0][0],
        category(hosted["data"]),
        "Falscher Tisch",
    )
    assert response.status_code == 404
    missing = enter_as_moderator(
        logged_in, hosted["event_id"], "", category(hosted["data"]), "Kein Tisch"
    )
    assert missing.status_code == 400
    assert missing.json["error"] == "Please choose a table."


def test_only_organisers_enter_cards_at_the_console(hosted):
    response = enter_as_moderator(
        hosted["writer"],
        hosted["event_id"],
        hosted["data"]["tables"][0][0],
        category(hosted["data"]),
        "Ich bin kein Moderator",
    )
    assert response.status_code == 403


def test_moderator_without_javascript_goes_back_to_the_console_at_the_same_table(
    app, hosted, logged_in
):
    table = hosted["data"]["tables"][1][0]
    event_id = hosted["event_id"]
    logged_in.get("/lang/en")
    response = enter_as_moderator(
        logged_in, event_id, table, category(hosted["data"]), "Zettel", json=False
    )
    location = response.headers["Location"]
    assert response.status_code == 302
    assert location.endswith(f"/console?entry_table={table}#enter-card")
    page = logged_in.get(location.split("#")[0]).get_data(as_text=True)
    assert "Card entered at table 2." in page
    assert f'<option value="{table}" selected>' in page
    refused = enter_as_moderator(
        logged_in, event_id, table, category(hosted["data"]), " ", json=False
    )
    assert refused.status_code == 400
    assert "Please write something on the card." in refused.get_data(as_text=True)
    own_page = logged_in.get(f"/events/{event_id}/cards/enter?table={table}")
    assert f'<option value="{table}" selected>' in own_page.get_data(as_text=True)


def test_moderator_and_host_entries_have_their_own_card_budget(app, hosted):
    """A host entering cards for several people does not use up their own phone's
    budget, and the limit applies to entries as it does to phones."""
    app.config["CARD_RATE_LIMIT"] = 2
    try:
        codes = [
            enter_as_host(hosted["host"], hosted["data"], f"Karte {n}").status_code
            for n in range(3)
        ]
        own = send_card(hosted["host"], category(hosted["data"]), "Eigene Karte")
    finally:
        app.config["CARD_RATE_LIMIT"] = 30
    assert codes == [201, 201, 429] and own.status_code == 201


def test_entering_is_refused_when_no_phase_runs(app, hosted):
    with app.test_request_context():
        event = db.session.get(Event, hosted["event_id"])
        moderation.close_phase(event, event.running_phase)
    response = enter_as_host(hosted["host"], hosted["data"], "Zu spät")
    assert response.status_code == 409
    assert "No work phase is running" in response.json["error"]
    page = hosted["host"].get("/me/host").get_data(as_text=True)
    assert "No work phase is running right now" in page
    assert 'action="/me/host/cards"' not in page


def test_on_behalf_cards_are_counted_apart(app, hosted, logged_in):
    data = hosted["data"]
    send_card(hosted["writer"], category(data), "Vom Telefon")
    enter_as_host(hosted["host"], data, "Vom Host")
    enter_as_moderator(
        logged_in, hosted["event_id"], data["tables"][1][0], category(data), "Vom Mod"
    )
    with app.app_context():
        counts = event_counts(hosted["event_id"])
    assert (counts["cards"], counts["on_behalf"]) == (3, 2)
    assert counts["participants"] == 3  # host, writer, other: entries add nobody
    page = logged_in.get(f"/events/{hosted['event_id']}/console").get_data(as_text=True)
    assert 'id="count-on-behalf">2</strong>' in page


def test_console_learns_who_entered_a_card_and_phones_do_not(app, hosted, logged_in):
    event_id = hosted["event_id"]
    console = live_client(app, logged_in, {"role": "console", "event": event_id})
    phone = live_client(app, hosted["writer"], {"role": "phone"})
    for client in (console, phone):
        client.get_received("/live")
    enter_as_host(hosted["host"], hosted["data"], "Für Frau K.")
    to_console = [
        m["args"][0] for m in console.get_received("/live") if m["name"] == "card"
    ]
    to_phone = [
        m["args"][0] for m in phone.get_received("/live") if m["name"] == "card"
    ]
    assert [c["entered_by"] for c in to_console] == ["host"]
    assert [c["text"] for c in to_phone] == ["Für Frau K."]
    assert "entered_by" not in to_phone[0]
    state = logged_in.get(f"/events/{event_id}/console/state").json
    assert [c["entered_by"] for c in state["cards"]] == ["host"]
    assert "entered_by" not in hosted["writer"].get("/me/state").json["cards"][0]


def test_card_writer_of_a_service_call_marks_and_counts(ctx, open_event):
    """The service directly: one path for every writer."""
    event_id, data = open_event()
    event = db.session.get(Event, event_id)
    table = event.tables[0]
    host = Participant(event=event, table=table, hosts_table_id=table.id)
    db.session.add(host)
    db.session.commit()
    card, created = participation.add_card(
        host_writer(host), str(uuid.uuid4()), category(data), "Vom Host"
    )
    assert created and card.entered_by == "host" and card.participant_id is None
    card, created = participation.add_card(
        moderator_writer(event.tables[1], 1, "de"),
        str(uuid.uuid4()),
        category(data),
        "Vom Mod",
    )
    assert created and card.entered_by == "moderator" and card.approved_on_entry
    assert event_counts(event_id)["on_behalf"] == 2


@pytest.fixture
def mixed_cards(app, hosted, logged_in):
    """One phone card, one host card, one moderator card; a hidden host card."""
    data = hosted["data"]
    send_card(hosted["writer"], category(data), "Vom Telefon")
    enter_as_host(hosted["host"], data, "Vom Host")
    hidden = enter_as_host(hosted["host"], data, "Versteckt").json["card"]["id"]
    enter_as_moderator(
        logged_in, hosted["event_id"], data["tables"][1][0], category(data), "Vom Mod"
    )
    logged_in.post(f"/events/{hosted['event_id']}/cards/{hidden}/hide")
    return hosted["event_id"]


def test_exports_say_who_entered_each_card(logged_in, mixed_cards):
    english = {"Accept-Language": "en"}
    csv_text = logged_in.get(
        f"/events/{mixed_cards}/export.csv", headers=english
    ).get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    column = rows[0].index("Entered by")
    by_text = {row[7]: row[column] for row in rows[1:]}
    assert by_text == {
        "Vom Telefon": "the writer's phone",
        "Vom Host": "table host",
        "Versteckt": "table host",
        "Vom Mod": "moderator",
    }
    book = load_workbook(
        io.BytesIO(
            logged_in.get(f"/events/{mixed_cards}/export.xlsx", headers=english).data
        )
    )
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert "Entered by" in header
    values = [
        row[header.index("Entered by")] for row in sheet.iter_rows(2, values_only=True)
    ]
    assert sorted(values) == [
        "moderator",
        "table host",
        "table host",
        "the writer's phone",
    ]


def test_json_export_counts_cards_entered_on_behalf(logged_in, mixed_cards):
    data = json.loads(logged_in.get(f"/events/{mixed_cards}/export.json").data)
    assert data["counts"]["cards"] == 3 and data["counts"]["cards_on_behalf"] == 2
    by_text = {card["text"]: card["entered_by"] for card in data["cards"]}
    assert by_text["Vom Host"] == "host" and by_text["Vom Telefon"] == "phone"


def test_report_cover_says_how_many_cards_were_entered_on_behalf(app, mixed_cards):
    with app.test_request_context():
        event = db.session.get(Event, mixed_cards)
        german = pdf_text(build_report(event, "de"))
        english = pdf_text(build_report(event, "en"))
    assert "Cards, 2 of them entered for people without a phone" in english
    assert "Vom Host" in english and "Versteckt" not in english
    assert german  # the German wording comes with the catalogues


def test_report_cover_without_on_behalf_cards_says_cards(app, hosted):
    send_card(hosted["writer"], category(hosted["data"]), "Vom Telefon")
    with app.test_request_context():
        event = db.session.get(Event, hosted["event_id"])
        text = pdf_text(build_report(event, "en"))
    assert "Cards" in text and "without a phone" not in text
