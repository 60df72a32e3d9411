"""A dot vote's results stay linked to their cards: every result carries its card
(id, table, action field) in the tally, on the console's poll page, in the
CSV and JSON exports and in the report's televoting chapter."""

# ruff: noqa: F401, F811 (the room fixture comes from test_voting)

import csv
import io
import re
import subprocess

import pytest

from app.extensions import db
from app.models import Card, Event
from tests.conftest import join, send_card
from tests.test_voting import make_poll, option_ids, room, tally, vote


@pytest.fixture
def dot_vote(app, room, event_data):
    """Goal proposals at tables 1 and 2, voted on: (event id, poll id, cards)."""
    event_id, data, (a, b, _c) = room
    with app.test_request_context():
        from app.services import moderation

        event = db.session.get(Event, event_id)
        moderation.start_phase(event, event.phases[1], confirmed=True)
    goal = data["phases"][1][1][0]
    send_card(a, goal, "Radweg an der B6")
    elsewhere = app.test_client()
    join(elsewhere, data["tables"][1][1], language="en")
    send_card(elsewhere, goal, "Jugendtreff öffnen")
    poll_id = make_poll(
        app, event_id, "dots", card_source=f"category:{goal}", dots=3, dots_per_card=2
    )
    bike, youth = option_ids(app, poll_id)
    vote(a, poll_id, **{f"dots_{bike}": 1, f"dots_{youth}": 2})
    vote(b, poll_id, **{f"dots_{youth}": 2})
    with app.app_context():
        cards = {c.text: c.id for c in db.session.scalars(db.select(Card))}
    return event_id, poll_id, cards


def test_each_dot_result_carries_its_card_table_and_action_field(app, dot_vote):
    _, poll_id, cards = dot_vote
    youth, bike = tally(app, poll_id, public=True)["options"]
    assert (youth["label"], youth["dots"], youth["card_id"]) == (
        "Jugendtreff öffnen",
        4,
        cards["Jugendtreff öffnen"],
    )
    assert youth["table"]["number"] == 2
    assert youth["table"]["action_field"] == "Wohnen und Leben"
    assert bike["table"]["number"] == 1
    assert bike["table"]["action_field"] == "Willkommenskultur"
    assert bike["table"]["colour"].startswith("#")


def test_the_console_poll_page_links_each_result_to_its_card(app, dot_vote, logged_in):
    event_id, poll_id, _ = dot_vote
    page = logged_in.get(f"/events/{event_id}/polls/{poll_id}").get_data(as_text=True)
    # voting.js draws the live results from the page data: the tally and the
    # link to a card in the console.
    assert f"/events/{event_id}/console#card-0" in page
    assert "Willkommenskultur" in page and "Wohnen und Leben" in page


def _csv_rows(answer):
    return list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))


def test_the_poll_csv_has_card_id_table_and_action_field(app, dot_vote, logged_in):
    event_id, poll_id, cards = dot_vote
    logged_in.get("/lang/en")
    rows = _csv_rows(logged_in.get(f"/events/{event_id}/polls/{poll_id}/results.csv"))
    assert ["Card id", "Card", "Table", "Action field", "Dots"] in rows
    assert [str(cards["Jugendtreff öffnen"]), "Jugendtreff öffnen", "2"] == rows[-2][:3]
    assert rows[-2][3:] == ["Wohnen und Leben", "4"]
    assert rows[-1] == [
        str(cards["Radweg an der B6"]),
        "Radweg an der B6",
        "1",
        "Willkommenskultur",
        "1",
    ]


def test_the_event_json_has_card_id_table_and_action_field(app, dot_vote, logged_in):
    event_id, _, cards = dot_vote
    logged_in.get("/lang/en")
    poll = logged_in.get(f"/events/{event_id}/export.json").get_json()["polls"][0]
    assert poll["columns"] == ["Card id", "Card", "Table", "Action field", "Dots"]
    assert poll["results"][0] == [
        cards["Jugendtreff öffnen"],
        "Jugendtreff öffnen",
        2,
        "Wohnen und Leben",
        4,
    ]


def test_the_report_names_table_and_action_field_beside_each_card(
    app, dot_vote, logged_in
):
    event_id, _, _ = dot_vote
    pdf = logged_in.get(f"/events/{event_id}/report.pdf?lang=en").data
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    chapter = text[text.rindex("Televoting") :]
    assert re.search(r"Card\s+Table\s+Action field\s+Dots", chapter)
    assert re.search(r"Jugendtreff öffnen\s+2\s+Wohnen und Leben\s+4", chapter)
    assert re.search(r"Radweg an der B6\s+1\s+Willkommenskultur\s+1", chapter)
