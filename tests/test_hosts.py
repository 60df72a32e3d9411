"""Table hosts: join by host QR, tidy their own table's cards (never another's),
present them in the plenary; the moderator can always take over."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, Participant, Table
from app.services import runsheet
from tests.conftest import join, send_card
from tests.test_live import received


@pytest.fixture
def hosted(app, phone, make_event, event_data, start_phase):
    """An event in phase 1: a host at table 1 and a writer at tables 1 and 2."""
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id, 0)
    with app.app_context():
        token = db.session.get(Table, data["tables"][0][0]).host_token
    host = phone()
    assert host.post(f"/h/{token}", data={"first_name": "Hanna"}).status_code == 302
    writer, other = phone(), phone()
    join(writer, data["tables"][0][1])
    join(other, data["tables"][1][1])
    category = data["phases"][0][1][0]
    own = [send_card(writer, category, t).json["card"]["id"] for t in TEXTS]
    foreign = send_card(other, category, "Am anderen Tisch").json["card"]["id"]
    return {
        "event_id": event_id,
        "host": host,
        "writer": writer,
        "own": own,
        "foreign": foreign,
        "data": data,
    }


TEXTS = ("Mehr Sprachkurse anbeiten", "Mehr Sprachkurse anbieten", "Kita-Plätze")


def card(app, card_id):
    with app.app_context():
        return db.session.get(Card, card_id)


def act(browser, card_id, action, **form):
    return browser.post(f"/me/host/cards/{card_id}/{action}", data=form)


def test_host_qr_seats_the_phone_as_host_and_shows_the_tools(app, hosted):
    page = hosted["host"].get("/me").get_data(as_text=True)
    assert "/me/host" in page
    tools = hosted["host"].get("/me/host").get_data(as_text=True)
    assert all(text in tools for text in TEXTS) and "Am anderen Tisch" not in tools


def test_host_corrects_a_typo_and_the_original_is_kept(app, hosted):
    typo = hosted["own"][0]
    act(hosted["host"], typo, "edit", text="Mehr Sprachkurse anbieten!")
    found = card(app, typo)
    assert found.text == TEXTS[0] and found.shown_text == "Mehr Sprachkurse anbieten!"
    page = hosted["writer"].get("/me").get_data(as_text=True)
    assert "Mehr Sprachkurse anbieten!" in page


def test_host_merges_duplicates_groups_and_marks_cards(app, hosted):
    first, second, third = hosted["own"]
    act(hosted["host"], first, "merge", into=second)
    act(hosted["host"], second, "heading", heading="  Sprache  ")
    act(hosted["host"], third, "mark", marked="1")
    act(hosted["host"], second, "mark", marked="1")
    assert card(app, first).state == "merged"
    kept = card(app, second)
    assert kept.merged_count == 1 and kept.heading == "Sprache"
    assert (card(app, third).present_position, kept.present_position) == (1, 2)
    act(hosted["host"], first, "unmerge")
    assert card(app, first).state == "visible" and card(app, second).merged_count == 0


def test_hosts_cannot_touch_other_tables(app, hosted):
    foreign = hosted["foreign"]
    for action, form in [
        ("edit", {"text": "gekapert"}),
        ("heading", {"heading": "x"}),
        ("mark", {"marked": "1"}),
        ("unmerge", {}),
        ("merge", {"into": hosted["own"][0]}),
    ]:
        assert act(hosted["host"], foreign, action, **form).status_code == 403
    assert (
        act(hosted["host"], hosted["own"][0], "merge", into=foreign).status_code == 403
    )
    assert card(app, foreign).shown_text == "Am anderen Tisch"


def test_participants_who_do_not_host_have_no_host_tools(app, hosted):
    writer = hosted["writer"]
    assert writer.get("/me/host").status_code == 403
    assert act(writer, hosted["own"][0], "edit", text="x").status_code == 403
    assert writer.post("/me/host/present/table").status_code == 403


def test_host_presents_in_the_plenary_and_the_moderator_can_take_over(
    app, hosted, logged_in
):
    from tests.conftest import live_client

    event_id, host = hosted["event_id"], hosted["host"]
    projector = live_client(
        app,
        hosted["writer"],
        {"role": "projector", "token": hosted["data"]["projector_token"]},
    )
    act(host, hosted["own"][2], "mark", marked="1")
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        runsheet.start_step(event, event.steps[2])
    assert host.post("/me/host/present/card").status_code == 302  # not on projector
    host.post("/me/host/present/table")
    spotlight = received(projector, "spotlight")[-1]
    assert spotlight["presenting"] and [c["id"] for c in spotlight["cards"]] == [
        hosted["own"][2]
    ]
    host.post("/me/host/present/card", data={"direction": "next"})
    assert received(projector, "spotlight")[-1]["focus"] == hosted["own"][2]
    logged_in.post(f"/events/{event_id}/plenary/table", data={"direction": "next"})
    assert received(projector, "spotlight")[-1]["table"]["number"] == 2
    host.post("/me/host/present/next_table")  # not their turn any more
    assert received(projector, "spotlight") == []


def test_moderator_makes_a_participant_host_and_ends_it(app, hosted, logged_in):
    event_id = hosted["event_id"]
    with app.app_context():
        writer = db.session.scalar(
            select(Participant).where(Participant.first_name == "")
        )
        writer_id, table_id = writer.id, writer.table_id
    logged_in.post(
        f"/events/{event_id}/seats",
        data={"participant": writer_id, "table": table_id, "host": "1"},
    )
    with app.app_context():
        assert db.session.get(Participant, writer_id).hosts_table_id == table_id
    logged_in.post(f"/events/{event_id}/hosts/{writer_id}/end")
    with app.app_context():
        assert db.session.get(Participant, writer_id).hosts_table_id is None


def test_host_cards_pdf_has_one_page_per_table(logged_in, make_event):
    from io import BytesIO

    from pypdf import PdfReader

    event_id = make_event()
    response = logged_in.get(f"/events/{event_id}/host-cards.pdf")
    assert response.status_code == 200
    assert len(PdfReader(BytesIO(response.data)).pages) == 7
