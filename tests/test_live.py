import pytest

from app.extensions import db, socketio
from app.live import broadcast
from app.models import Card, Event
from app.services import moderation
from tests.conftest import join, join_as_interpreter, live_client, send_card
from tests.test_voting import make_poll

JSON = {"Accept": "application/json"}


def received(socket_client, name):
    return [
        m["args"][0] for m in socket_client.get_received("/live") if m["name"] == name
    ]


def seated_phone(app, phone, table_token):
    browser = phone()
    join(browser, table_token)
    return browser, live_client(app, browser, {"role": "phone"})


def console_for(app, logged_in, event_id):
    return live_client(app, logged_in, {"role": "console", "event": event_id})


def test_card_reaches_phones_at_the_same_table_and_the_console_only(
    app, phone, logged_in, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    writer, writer_live = seated_phone(app, phone, data["tables"][0][1])
    _, neighbour_live = seated_phone(app, phone, data["tables"][0][1])
    _, other_table_live = seated_phone(app, phone, data["tables"][1][1])
    console = console_for(app, logged_in, event_id)
    for client in (writer_live, neighbour_live, other_table_live, console):
        client.get_received("/live")

    send_card(writer, data["phases"][0][1][0], "Gute Sprachkurse")

    assert [c["text"] for c in received(neighbour_live, "card")] == ["Gute Sprachkurse"]
    assert [c["text"] for c in received(writer_live, "card")] == ["Gute Sprachkurse"]
    assert [c["text"] for c in received(console, "card")] == ["Gute Sprachkurse"]
    assert received(other_table_live, "card") == []


def test_resent_card_is_not_pushed_twice(
    app, phone, logged_in, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    writer, _ = seated_phone(app, phone, data["tables"][0][1])
    console = console_for(app, logged_in, event_id)
    console.get_received("/live")
    for _attempt in range(3):
        send_card(
            writer,
            data["phases"][0][1][0],
            "Einmal",
            card_uuid="11111111-2222-4333-8444-555555555555",
        )
    assert len(received(console, "card")) == 1


def test_hidden_card_disappears_everywhere_live(
    app, phone, logged_in, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    writer, writer_live = seated_phone(app, phone, data["tables"][0][1])
    card_id = send_card(writer, data["phases"][0][1][0], "beleidigend").json["card"][
        "id"
    ]
    console = console_for(app, logged_in, event_id)
    writer_live.get_received("/live")

    response = logged_in.post(
        f"/events/{event_id}/cards/{card_id}/hide",
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 200
    assert [c["hidden"] for c in received(writer_live, "card")] == [True]
    messages = console.get_received("/live")
    assert [m["args"][0]["hidden"] for m in messages if m["name"] == "card"] == [True]
    assert [m["args"][0]["cards"] for m in messages if m["name"] == "counts"] == [0]
    assert "beleidigend" not in writer.get("/me").get_data(as_text=True)


def counts_of(socket_client):
    return received(socket_client, "counts")


def test_phase_start_reaches_phones_console_and_projector(
    app, phone, logged_in, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    _, phone_live = seated_phone(app, phone, data["tables"][0][1])
    console = console_for(app, logged_in, event_id)
    projector = live_client(
        app, phone(), {"role": "projector", "token": data["projector_token"]}
    )
    phase_id = data["phases"][0][0]

    logged_in.post(f"/events/{event_id}/phases/{phase_id}/start")

    for client in (phone_live, console, projector):
        state = received(client, "state")[-1]
        assert state["event_open"] is True and state["phase_id"] == phase_id


def test_projector_counts_participants_and_cards_live(
    app, phone, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    projector = live_client(
        app, phone(), {"role": "projector", "token": data["projector_token"]}
    )
    writer, _ = seated_phone(app, phone, data["tables"][0][1])
    send_card(writer, data["phases"][0][1][0], "Zählt mit")
    latest = counts_of(projector)[-1]
    assert latest["participants"] == 1 and latest["cards"] == 1
    assert latest["tables"] == {str(data["tables"][0][0]): 1}


def test_closing_the_event_tells_every_phone(
    app, phone, logged_in, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    _, phone_live = seated_phone(app, phone, data["tables"][3][1])
    with app.test_request_context():
        moderation.close_event(db.session.get(Event, event_id))
    state = received(phone_live, "state")[-1]
    assert state["event_open"] is False and state["phase_id"] is None


def test_unknown_sockets_are_refused(app, phone, make_event, event_data):
    event_id = make_event()
    stranger = phone()
    assert not live_client(app, stranger, {"role": "phone"}).is_connected("/live")
    assert not live_client(
        app, stranger, {"role": "console", "event": event_id}
    ).is_connected("/live")
    assert not live_client(
        app, stranger, {"role": "projector", "token": "guess"}
    ).is_connected("/live")
    assert not live_client(app, stranger, None).is_connected("/live")


def test_phone_of_another_event_hears_nothing(
    app, phone, make_event, event_data, start_phase
):
    first, second = make_event(), make_event(catalogue="melle")
    a, b = event_data(first), event_data(second)
    start_phase(first)
    writer, _ = seated_phone(app, phone, a["tables"][0][1])
    _, outsider_live = seated_phone(app, phone, b["tables"][0][1])
    outsider_live.get_received("/live")
    send_card(writer, a["phases"][0][1][0], "Nur für Event A")
    assert received(outsider_live, "card") == []


def test_counts_for_a_burst_of_cards_go_out_once(
    app, phone, make_event, event_data, start_phase
):
    import time

    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    projector = live_client(
        app, phone(), {"role": "projector", "token": data["projector_token"]}
    )
    writer, _ = seated_phone(app, phone, data["tables"][0][1])
    projector.get_received("/live")
    # Long enough that the five cards are sent well within one interval, even on a
    # busy CI machine.
    app.config["COUNTS_PUSH_INTERVAL"] = 2.0
    try:
        for number in range(5):
            send_card(writer, data["phases"][0][1][0], f"Karte {number}")
        time.sleep(2.5)
    finally:
        app.config["COUNTS_PUSH_INTERVAL"] = 0
    # The first card's counts go out at once, the rest of the burst once after it.
    pushed = [counts["cards"] for counts in counts_of(projector)]
    assert len(pushed) == 2
    assert pushed[-1] == 5


def test_a_hidden_card_reaches_the_room_without_its_text(
    app, phone, logged_in, open_event
):
    event_id, data = open_event()
    table_token = data["tables"][0][1]
    writer, writer_live = seated_phone(app, phone, table_token)
    _, neighbour_live = seated_phone(app, phone, table_token)
    interpreter = phone()
    join_as_interpreter(interpreter, data["interpreter_token"], ["en"])
    screens = [
        writer_live,
        neighbour_live,
        live_client(app, interpreter, {"role": "interpreter"}),
        live_client(
            app, phone(), {"role": "projector", "token": data["projector_token"]}
        ),
    ]
    category = data["phases"][0][1][0]
    card = send_card(writer, category, "beleidigend").json["card"]
    make_poll(app, event_id, "dots", card_source=f"category:{category}", dots=1)
    console = console_for(app, logged_in, event_id)
    for screen in screens:
        screen.get_received("/live")

    logged_in.post(f"/events/{event_id}/cards/{card['id']}/hide", headers=JSON)
    with app.test_request_context():
        broadcast.translation_changed(db.session.get(Card, card["id"]))

    for screen in screens:
        messages = screen.get_received("/live")
        assert "beleidigend" not in repr(messages)
        pushed = [m["args"][0] for m in messages if m["name"] == "card"]
        assert {(c["uuid"], c["table_id"], c["hidden"]) for c in pushed} == {
            (card["uuid"], card["table_id"], True)
        }
        assert not {"text", "translations", "original"} & set().union(*pushed)
    assert received(console, "card")[0]["text"] == "beleidigend"


def rooms_of(socket_client):
    server = socketio.server
    sid = server.manager.sid_from_eio_sid(socket_client.eio_sid, "/live")
    return set(server.manager.get_rooms(sid, "/live"))


@pytest.mark.parametrize(
    "arguments",
    [(), ({"role": "phone"},), ("again", {"role": "projector", "token": "TOKEN"})],
)
def test_a_connect_event_sent_by_a_client_is_ignored_quietly(
    app, phone, open_event, caplog, arguments
):
    _, data = open_event()
    _, live = seated_phone(app, phone, data["tables"][0][1])
    before = rooms_of(live)
    token = data["projector_token"]
    arguments = [a | {"token": token} if isinstance(a, dict) else a for a in arguments]
    caplog.clear()

    live.emit("connect", *arguments, namespace="/live")

    assert live.is_connected("/live") and rooms_of(live) == before
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= 40]


def test_a_socket_that_joins_again_on_the_same_connection_hears_its_table_again(
    app, phone, open_event
):
    """Leaving the namespace forgets how the socket had joined: joining again
    over the same transport is checked anew and puts it back into its rooms."""
    _event_id, data = open_event()
    writer, _ = seated_phone(app, phone, data["tables"][0][1])
    _, listener = seated_phone(app, phone, data["tables"][0][1])
    listener.disconnect(namespace="/live")
    listener.connect(namespace="/live", auth={"role": "phone"})
    listener.get_received("/live")
    send_card(writer, data["phases"][0][1][0], "Mehr Bänke im Park")
    assert [c["text"] for c in received(listener, "card")] == ["Mehr Bänke im Park"]
