"""Pre-moderation: at a public event a new card reaches the table's other phones,
the projector and the interpreters only after the host or the moderator approved
it; its writer sees it at once, marked as waiting."""

import csv
import io
import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Card, CardTranslation, DomainError, Event, Table
from app.services import events
from app.services.report import build_report
from app.services.voting.polls import source_cards
from tests.conftest import join, join_as_interpreter, live_client, send_card
from tests.test_gallery import start_step_of_kind
from tests.test_live import console_for, received
from tests.test_report import pdf_text

JSON = {"Accept": "application/json"}
ABUSE = "Eine beleidigende Karte"


def premoderate(app, event_id, enabled=True):
    with app.test_request_context():
        events.set_premoderation(db.session.get(Event, event_id), enabled)


@pytest.fixture
def room(app, phone, open_event):
    """A pre-moderated event in phase 1: a host, a writer (Arabic) and a neighbour
    at table 1, a phone at table 2."""
    event_id, data = open_event()
    premoderate(app, event_id)
    with app.app_context():
        token = db.session.get(Table, data["tables"][0][0]).host_token
    host, writer, neighbour, other = phone(), phone(), phone(), phone()
    host.post(f"/h/{token}", data={"first_name": "Hanna"})
    join(writer, data["tables"][0][1], language="ar")
    join(neighbour, data["tables"][0][1])
    join(other, data["tables"][1][1])
    return {
        "event_id": event_id,
        "data": data,
        "host": host,
        "writer": writer,
        "neighbour": neighbour,
        "other": other,
        "strength": data["phases"][0][1][0],
    }


def write(room, text=ABUSE, who="writer"):
    response = send_card(room[who], room["strength"], text)
    assert response.status_code == 201
    return response.json["card"]


def load(app, card_id):
    with app.app_context():
        card = db.session.get(Card, card_id)
        return card.state, sorted(t.language for t in card.translations)


def host_act(room, card_id, action, who="host"):
    return room[who].post(f"/me/host/cards/{card_id}/{action}")


def moderator_act(client, room, card_id, action):
    return client.post(
        f"/events/{room['event_id']}/cards/{card_id}/{action}", headers=JSON
    )


# --- the model -----------------------------------------------------------------


def card_in(state):
    return Card(text="x", language="de", state=state)


def test_only_a_waiting_card_can_be_approved_or_rejected(ctx):
    for state in ("visible", "hidden", "rejected", "merged"):
        with pytest.raises(DomainError):
            card_in(state).approve()
        with pytest.raises(DomainError):
            card_in(state).reject()
    approved, rejected = card_in("waiting"), card_in("waiting")
    approved.approve()
    rejected.reject()
    assert (approved.state, rejected.state) == ("visible", "rejected")
    assert rejected.is_hidden and not rejected.is_public and rejected.is_withheld


def test_a_waiting_card_is_rejected_not_hidden_and_a_rejected_one_can_be_shown(ctx):
    waiting = card_in("waiting")
    with pytest.raises(DomainError):
        waiting.hide()
    rejected = card_in("rejected")
    with pytest.raises(DomainError):
        rejected.hide()
    rejected.show()
    assert rejected.state == "visible"


def test_only_a_new_card_waits_for_approval(ctx):
    stored = card_in("visible")
    stored.id = 7
    with pytest.raises(DomainError):
        stored.hold_for_approval()


def test_waiting_cards_cannot_be_merged(ctx):
    waiting, shown = card_in("waiting"), card_in("visible")
    waiting.id, shown.id, waiting.table_id, shown.table_id = 1, 2, 1, 1
    with pytest.raises(DomainError):
        waiting.merge_into(shown)
    with pytest.raises(DomainError):
        shown.merge_into(waiting)


# --- the setting ---------------------------------------------------------------


def test_organiser_switches_pre_moderation_on_the_event_page(
    app, logged_in, make_event
):
    event_id = make_event()
    page = logged_in.get(f"/events/{event_id}").get_data(as_text=True)
    assert f"/events/{event_id}/premoderation" in page
    logged_in.post(f"/events/{event_id}/premoderation", data={"premoderation": "y"})
    with app.app_context():
        assert db.session.get(Event, event_id).premoderation
    logged_in.post(f"/events/{event_id}/premoderation", data={})
    with app.app_context():
        assert not db.session.get(Event, event_id).premoderation


def test_only_organisers_change_the_setting(app, client, make_event):
    event_id = make_event()
    client.post(f"/events/{event_id}/premoderation", data={"premoderation": "y"})
    with app.app_context():
        assert not db.session.get(Event, event_id).premoderation


def test_without_pre_moderation_cards_are_visible_at_once(app, phone, open_event):
    _, data = open_event()
    writer = phone()
    join(writer, data["tables"][0][1])
    card = send_card(writer, data["phases"][0][1][0], "Sofort").json["card"]
    assert card["state"] == "visible"


# --- phones --------------------------------------------------------------------


def test_new_card_waits_and_only_its_writer_sees_it_marked(app, room):
    card = write(room)
    assert card["state"] == "waiting"
    assert load(app, card["id"]) == ("waiting", [])  # no translation asked yet
    own = room["writer"].get("/me").get_data(as_text=True)
    assert ABUSE in own and "meta-waiting" in own and "is-waiting" in own
    assert ABUSE not in room["neighbour"].get("/me").get_data(as_text=True)
    own_state = room["writer"].get("/me/state").json["cards"]
    assert [(c["id"], c["state"]) for c in own_state] == [(card["id"], "waiting")]
    assert room["neighbour"].get("/me/state").json["cards"] == []


def test_phones_cannot_ask_to_translate_a_waiting_card(app, room):
    card = write(room)
    for who in ("writer", "neighbour"):
        asked = room[who].post(f"/me/cards/{card['id']}/translation", headers=JSON)
        assert asked.status_code == 404
    assert load(app, card["id"]) == ("waiting", [])


def test_the_hosts_own_card_needs_no_approval(app, room):
    assert write(room, "Vom Tischpaten", who="host")["state"] == "visible"


def test_a_plain_form_card_tells_the_writer_it_waits(app, room):
    response = send_card(room["writer"], room["strength"], "Ohne JS", json=False)
    assert response.status_code == 302
    page = room["writer"].get("/me").get_data(as_text=True)
    assert "Ohne JS" in page and "meta-waiting" in page


# --- approving and rejecting ---------------------------------------------------


def test_host_approves_and_translations_are_asked_for_only_then(app, room):
    card = write(room)
    tools = room["host"].get("/me/host").get_data(as_text=True)
    assert tools.index('id="waiting"') < tools.index('id="present"')
    assert ABUSE in tools and "/approve" in tools and "/reject" in tools
    assert host_act(room, card["id"], "approve").status_code == 302
    # German text (detected, though written on the Arabic phone) into Arabic
    assert load(app, card["id"]) == ("visible", ["ar"])
    assert ABUSE in room["neighbour"].get("/me").get_data(as_text=True)


def test_host_rejects_and_the_writer_sees_it_was_not_approved(app, room):
    card = write(room)
    host_act(room, card["id"], "reject")
    assert load(app, card["id"]) == ("rejected", [])
    own = room["writer"].get("/me").get_data(as_text=True)
    assert ABUSE in own and "meta-rejected" in own
    assert ABUSE not in room["neighbour"].get("/me").get_data(as_text=True)
    assert host_act(room, card["id"], "approve").status_code == 302  # refused
    assert load(app, card["id"])[0] == "rejected"


def test_moderator_approves_rejects_and_can_publish_a_rejected_card(
    app, room, logged_in
):
    first, second = write(room, "Erste"), write(room, "Zweite")
    assert moderator_act(logged_in, room, first["id"], "approve").status_code == 200
    assert moderator_act(logged_in, room, second["id"], "reject").status_code == 200
    assert moderator_act(logged_in, room, second["id"], "approve").status_code == 409
    assert moderator_act(logged_in, room, second["id"], "show").status_code == 200
    assert load(app, second["id"]) == ("visible", ["de"])


def test_no_one_else_approves(app, room, phone, client):
    card = write(room)
    assert host_act(room, card["id"], "approve", who="neighbour").status_code == 403
    other_host = phone()
    with app.app_context():
        token = db.session.get(Table, room["data"]["tables"][1][0]).host_token
    other_host.post(f"/h/{token}")
    assert other_host.post(f"/me/host/cards/{card['id']}/approve").status_code == 403
    anonymous = moderator_act(client, room, card["id"], "approve")
    assert anonymous.status_code in (302, 401, 403)
    assert load(app, card["id"])[0] == "waiting"


# --- live ----------------------------------------------------------------------


def sockets(app, room, logged_in, phone):
    data = room["data"]
    interpreter = phone()
    join_as_interpreter(interpreter, data["interpreter_token"], ["ar"])
    found = {
        "writer": live_client(app, room["writer"], {"role": "phone"}),
        "neighbour": live_client(app, room["neighbour"], {"role": "phone"}),
        "host_phone": live_client(app, room["host"], {"role": "phone"}),
        "host_tools": live_client(app, room["host"], {"role": "host"}),
        "other": live_client(app, room["other"], {"role": "phone"}),
        "console": console_for(app, logged_in, room["event_id"]),
        "projector": live_client(
            app, phone(), {"role": "projector", "token": data["projector_token"]}
        ),
        "interpreter": live_client(app, interpreter, {"role": "interpreter"}),
    }
    for socket in found.values():
        socket.get_received("/live")
    return found


def hearing(found, card_id, state):
    return {
        name
        for name, socket in found.items()
        if any(
            c["id"] == card_id and c["state"] == state for c in received(socket, "card")
        )
    }


def test_a_waiting_card_reaches_only_its_writer_the_host_tools_and_the_console(
    app, room, logged_in, phone
):
    found = sockets(app, room, logged_in, phone)
    card = write(room)
    assert hearing(found, card["id"], "waiting") == {"writer", "host_tools", "console"}


def test_approval_then_reaches_the_table_the_projector_and_the_interpreters(
    app, room, logged_in, phone
):
    card = write(room)
    found = sockets(app, room, logged_in, phone)
    host_act(room, card["id"], "approve")
    assert hearing(found, card["id"], "visible") == {
        "writer",
        "neighbour",
        "host_phone",
        "host_tools",
        "console",
        "projector",
        "interpreter",
    }


def test_a_rejection_reaches_the_writer_but_no_other_phone(app, room, logged_in, phone):
    card = write(room)
    found = sockets(app, room, logged_in, phone)
    moderator_act(logged_in, room, card["id"], "reject")
    assert hearing(found, card["id"], "rejected") == {"writer", "host_tools", "console"}


def test_the_hosts_phone_counts_the_waiting_cards_live(app, room, logged_in, phone):
    host_phone = live_client(app, room["host"], {"role": "phone"})
    neighbour = live_client(app, room["neighbour"], {"role": "phone"})
    first, _second = write(room, "Eins"), write(room, "Zwei")
    host_act(room, first["id"], "approve")
    assert [w["count"] for w in received(host_phone, "waiting")] == [1, 2, 1]
    assert received(neighbour, "waiting") == []
    page = room["host"].get("/me").get_data(as_text=True)
    assert "data-host-waiting" in page and "<b>1</b>" in page


def test_console_and_projector_count_visible_cards_waiting_ones_apart(
    app, room, logged_in
):
    card = write(room)
    write(room, "Noch eine")
    counts = logged_in.get(f"/events/{room['event_id']}/console/state").json["counts"]
    assert (counts["cards"], counts["waiting"]) == (0, 2)
    projector = room["other"].get(f"/projector/{room['data']['projector_token']}")
    assert '<dd id="count-cards">0</dd>' in projector.get_data(as_text=True)
    host_act(room, card["id"], "approve")
    counts = logged_in.get(f"/events/{room['event_id']}/console/state").json["counts"]
    assert (counts["cards"], counts["waiting"]) == (1, 1)
    console = logged_in.get(f"/events/{room['event_id']}/console").get_data(
        as_text=True
    )
    assert 'id="count-waiting"' in console


# --- everything that lists or counts visible cards -----------------------------


def test_waiting_cards_stay_out_of_gallery_dot_votes_and_the_interpreters_queue(
    app, room, phone
):
    card = write(room, "Wartet noch")
    shown = write(room, "Schon da", who="host")
    interpreter = phone()
    join_as_interpreter(interpreter, room["data"]["interpreter_token"], ["ar"])
    queue = interpreter.get("/interpret/queue.json").json["items"]
    assert "Wartet noch" not in [item["text"] for item in queue]
    host_act(room, card["id"], "approve")
    queue = interpreter.get("/interpret/queue.json").json["items"]
    assert "Wartet noch" in [item["text"] for item in queue]
    with app.test_request_context():
        event = db.session.get(Event, room["event_id"])
        voted = [c.id for c in source_cards(event, f"category:{room['strength']}")]
        assert voted == [card["id"], shown["id"]]
    waiting = write(room, "Wartet auch")
    with app.test_request_context():
        event = db.session.get(Event, room["event_id"])
        voted = [c.id for c in source_cards(event, f"category:{room['strength']}")]
        assert waiting["id"] not in voted
    start_step_of_kind(app, room["event_id"], "gallery")
    table = room["data"]["tables"][0][0]
    gallery = room["other"].get(f"/me/gallery?table={table}").get_data(as_text=True)
    assert "Schon da" in gallery and "Wartet auch" not in gallery
    praise = room["other"].post(
        f"/me/gallery/cards/{waiting['id']}",
        data={"kind": "praise", "on": "1"},
        headers=JSON,
    )
    assert praise.status_code == 409


def test_report_leaves_waiting_cards_out_and_its_page_says_so(app, room, logged_in):
    write(room, "Wartet noch")
    write(room, "Schon da", who="host")
    with app.test_request_context():
        text = pdf_text(build_report(db.session.get(Event, room["event_id"]), "de"))
    assert "Schon da" in text and "Wartet noch" not in text
    page = logged_in.get(f"/events/{room['event_id']}/report").get_data(as_text=True)
    assert 'id="waiting-cards"' in page
    with app.app_context():
        waiting = db.session.scalar(select(Card).where(Card.state == "waiting"))
        waiting_id = waiting.id
    host_act(room, waiting_id, "approve")
    page = logged_in.get(f"/events/{room['event_id']}/report").get_data(as_text=True)
    assert 'id="waiting-cards"' not in page


def test_exports_mark_waiting_and_rejected_cards(app, room, logged_in):
    waiting, rejected = write(room, "Wartet noch"), write(room, "Abgelehnt")
    host_act(room, rejected["id"], "reject")
    event_id = room["event_id"]
    rows = list(
        csv.reader(io.StringIO(logged_in.get(f"/events/{event_id}/export.csv").text))
    )
    hidden = {row[7]: row[10] for row in rows[1:]}
    assert hidden["Abgelehnt"] == "ja"
    assert hidden["Wartet noch"] not in ("ja", "nein")
    data = json.loads(logged_in.get(f"/events/{event_id}/export.json").data)
    states = {card["text"]: (card["state"], card["hidden"]) for card in data["cards"]}
    assert states == {
        "Wartet noch": ("waiting", False),
        "Abgelehnt": ("rejected", True),
    }
    assert data["counts"]["cards"] == 0
    assert waiting["id"] in [card["id"] for card in data["cards"]]


def test_switching_pre_moderation_off_publishes_no_waiting_card(app, room):
    card = write(room)
    premoderate(app, room["event_id"], enabled=False)
    assert load(app, card["id"])[0] == "waiting"
    assert write(room, "Jetzt sofort")["state"] == "visible"
    with app.app_context():
        assert db.session.scalar(select(CardTranslation).limit(1)) is not None
