"""Phones write over their live socket: the acknowledgement answers as HTTP does,
resends count once, pushes reach the room, only phones may write, and a malformed
or failing write still gets its answer."""

import uuid

import pytest
from sqlalchemy import func, select

from app.errors import status_message
from app.extensions import db, socketio
from app.live.writes import socket_write
from app.models import Ballot, Card, Participant
from tests import live_writes
from tests.conftest import join, join_as_interpreter, live_client, send_card
from tests.live_writes import JSON, close_poll, option, received

world = live_writes.world


def test_a_card_over_the_socket_is_answered_as_over_http_and_reaches_the_room(
    app, world, logged_in
):
    here = world()
    console = live_client(app, logged_in, {"role": "console", "event": here.event_id})
    http_phone, writer = here.phones["http"][0], here.phones["socket"][1]
    for live in (console, here.phones["http"][1], writer):
        live.get_received("/live")
    over_http = send_card(http_phone, here.category, "Über HTTP").get_json()
    fields = {"uuid": str(uuid.uuid4()), "category": here.category, "text": "Socket"}
    ack = writer.emit("card", fields, namespace="/live", callback=True)
    assert ack["ok"] is True and set(ack) == set(over_http)
    assert set(ack["card"]) == set(over_http["card"]) and ack["card"]["own"] is True
    assert ack["card"]["text"] == "Socket" and ack["card"]["uuid"] == fields["uuid"]
    assert [c["text"] for c in received(console, "card")] == ["Über HTTP", "Socket"]
    neighbour = here.phones["http"][1]
    assert [c["text"] for c in received(neighbour, "card")] == ["Über HTTP", "Socket"]


def test_a_resent_card_is_answered_with_the_card_stored_and_pushed_once(
    app, world, logged_in
):
    here = world()
    console = live_client(app, logged_in, {"role": "console", "event": here.event_id})
    console.get_received("/live")
    client, live = here.phones["socket"]
    fields = {"uuid": str(uuid.uuid4()), "category": here.category, "text": "Einmal"}
    acks = [live.emit("card", fields, namespace="/live", callback=True) for _ in "abc"]
    by_http = client.post("/me/cards", data=fields, headers=JSON)
    assert all(ack["ok"] for ack in acks) and by_http.status_code == 200
    ids = {ack["card"]["id"] for ack in acks} | {by_http.get_json()["card"]["id"]}
    assert len(ids) == 1
    assert len(received(console, "card")) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Card.id))) == 1


def test_a_resent_vote_counts_once_and_is_answered_even_after_the_poll_closed(
    app, world
):
    here = world("single")
    client, live = here.phones["socket"]
    sent = {"poll": here.poll_id, "uuid": str(uuid.uuid4()), "fields": option(0)(here)}
    first = live.emit("vote", sent, namespace="/live", callback=True)
    again = live.emit("vote", sent, namespace="/live", callback=True)
    close_poll(here)
    late = live.emit("vote", sent, namespace="/live", callback=True)
    form = {"option": here.options[0], "uuid": sent["uuid"]}
    by_http = client.post(f"/me/polls/{here.poll_id}/vote", data=form, headers=JSON)
    assert first == again == late == {"ok": True, "ballot": first["ballot"]}
    assert by_http.get_json() == first
    changed = {**sent, "uuid": str(uuid.uuid4()), "fields": option(1)(here)}
    refused = live.emit("vote", changed, namespace="/live", callback=True)
    assert (refused["ok"], refused["status"]) == (False, 409)
    with app.app_context():
        ballots = db.session.scalars(select(Ballot)).all()
    assert [(b.answer, b.uuid) for b in ballots] == [
        ({"options": [here.options[0]]}, sent["uuid"])
    ]


def test_a_vote_over_the_socket_pushes_the_tally_to_console_and_projector(
    app, world, logged_in
):
    here = world("single")
    console = live_client(app, logged_in, {"role": "console", "event": here.event_id})
    projector_token = here.data["projector_token"]
    projector = live_client(
        app, app.test_client(), {"role": "projector", "token": projector_token}
    )
    for live in (console, projector):
        live.get_received("/live")
    sent = {"poll": here.poll_id, "uuid": str(uuid.uuid4()), "fields": option(0)(here)}
    assert here.phones["socket"][1].emit(
        "vote", sent, namespace="/live", callback=True
    )["ok"]
    assert received(console, "tally")[-1]["options"][0]["count"] == 1
    assert received(projector, "tally")[-1]["voters"] == 1


def test_a_phone_hears_refusals_in_its_own_language(app, phone, open_event):
    _event_id, data = open_event()
    answers = {}
    for language in ("en", "de"):
        client = phone()
        join(client, data["tables"][0][1], language=language)
        live = live_client(app, client, {"role": "phone"})
        fields = {"uuid": str(uuid.uuid4()), "category": "abc", "text": "x"}
        ack = live.emit("card", fields, namespace="/live", callback=True)
        by_http = client.post("/me/cards", data=fields, headers=JSON).get_json()
        assert ack["error"] == by_http["error"]
        answers[language] = ack["error"]
    assert answers["en"] == "Please choose what kind of card this is."
    assert answers["de"] != answers["en"]


def test_only_phones_may_write_over_the_socket(app, world, logged_in):
    here = world("single")
    interpreter_browser = app.test_client()
    join_as_interpreter(interpreter_browser, here.data["interpreter_token"], ["en"])
    others = [
        live_client(app, logged_in, {"role": "console", "event": here.event_id}),
        live_client(
            app,
            app.test_client(),
            {"role": "projector", "token": here.data["projector_token"]},
        ),
        live_client(app, interpreter_browser, {"role": "interpreter"}),
    ]
    card_fields = {"uuid": str(uuid.uuid4()), "category": here.category, "text": "x"}
    vote_fields = {"poll": here.poll_id, "fields": option(0)(here)}
    for live in others:
        assert live.is_connected("/live")
        for name, payload in (("card", card_fields), ("vote", vote_fields)):
            ack = live.emit(name, payload, namespace="/live", callback=True)
            assert (ack["ok"], ack["status"]) == (False, 403)
    with app.app_context():
        assert db.session.scalar(select(func.count(Card.id))) == 0
        assert db.session.scalar(select(func.count(Ballot.id))) == 0


@pytest.mark.parametrize(
    "name, payload, status",
    [
        ("card", "just text", 400),
        ("card", None, 400),
        ("card", {"text": {"nested": 1}}, 400),
        ("vote", {"poll": "abc", "fields": []}, 404),
        ("vote", {"poll": True, "fields": []}, 404),
        ("vote", {"poll": 1, "fields": "option=1"}, 400),
        ("vote", {"poll": 1, "fields": [["option"]]}, 400),
        ("vote", {"poll": 1, "fields": [["option", ["1"]]]}, 400),
    ],
)
def test_malformed_socket_writes_are_refused_with_the_http_messages(
    app, world, name, payload, status
):
    here = world()
    live = here.phones["socket"][1]
    ack = live.emit(name, payload, namespace="/live", callback=True)
    with app.test_request_context():  # the phones joined in German, the default
        message = status_message(status)
    assert ack == {"ok": False, "status": status, "error": message}


@socketio.on("test-failing-write", namespace="/live")
@socket_write
def failing_write(participant, payload):
    participant.first_name = "Geändert"
    raise RuntimeError("a bug in a write")


def test_an_unexpected_error_is_answered_rolled_back_and_logged(app, world, caplog):
    here = world()
    ack = here.phones["socket"][1].emit(
        "test-failing-write", {}, namespace="/live", callback=True
    )
    with app.test_request_context():
        assert ack == {"ok": False, "status": 500, "error": status_message(500)}
        names = db.session.scalars(select(Participant.first_name)).all()
    assert "Geändert" not in names
    failure = [r for r in caplog.records if "test-failing-write" in r.getMessage()]
    assert failure and failure[0].exc_info[0] is RuntimeError
