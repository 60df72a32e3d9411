"""Photos and the projector spotlight, pushed live over Socket.IO."""

import pytest

from tests.conftest import CONFIRMED, live_client, send_card
from tests.photo_helpers import JSON, good_bad_good, upload_photo
from tests.test_live import console_for, received, seated_phone


def projector_for(app, phone, data):
    return live_client(
        app, phone(), {"role": "projector", "token": data["projector_token"]}
    )


@pytest.fixture
def running(make_event, event_data, start_phase):
    """An event with its first phase running: (event id, event data)."""
    event_id = make_event()
    start_phase(event_id)
    return event_id, event_data(event_id)


def test_photo_reaches_its_table_the_console_and_the_projector_only(
    app, phone, logged_in, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    writer, writer_live = seated_phone(app, phone, data["tables"][0][1])
    _, neighbour_live = seated_phone(app, phone, data["tables"][0][1])
    _, other_table_live = seated_phone(app, phone, data["tables"][1][1])
    console = console_for(app, logged_in, event_id)
    projector = projector_for(app, phone, data)
    everyone = (writer_live, neighbour_live, other_table_live, console, projector)
    for client in everyone:
        client.get_received("/live")

    photo = upload_photo(writer, caption="Plakat Tisch 1").json["photo"]

    for client in (writer_live, neighbour_live, console, projector):
        assert [p["id"] for p in received(client, "photo")] == [photo["id"]]
    assert received(other_table_live, "photo") == []


def test_removed_photo_leaves_every_screen_live(
    app, phone, logged_in, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    writer, writer_live = seated_phone(app, phone, data["tables"][0][1])
    photo = upload_photo(writer, caption="Name am Rand").json["photo"]
    writer_live.get_received("/live")

    remove = f"/events/{event_id}/photos/{photo['id']}/remove"
    logged_in.post(remove, data=CONFIRMED, headers=JSON)

    pushed = received(writer_live, "photo")
    assert [p["removed"] for p in pushed] == [True]
    assert "Name am Rand" not in repr(pushed) and "url" not in pushed[0]
    assert writer.get("/me/photos").json["photos"] == []


def test_a_refused_batch_pushes_no_photo(app, logged_in, make_event, event_data):
    """Good, SVG, good: the first photo is neither stored nor announced."""
    event_id = make_event()
    table_id = event_data(event_id)["tables"][0][0]
    console = console_for(app, logged_in, event_id)
    console.get_received("/live")
    url = f"/events/{event_id}/tables/{table_id}/photos"
    response = logged_in.post(url, data=good_bad_good(), headers=JSON)
    assert response.status_code == 415 and received(console, "photo") == []


def test_spotlight_shows_a_tables_cards_and_photos_on_the_projector(
    app, phone, logged_in, running
):
    event_id, data = running
    table_id, table_token = data["tables"][2]
    writer, _ = seated_phone(app, phone, table_token)
    send_card(writer, data["phases"][0][1][0], "Mehr Begegnungsorte")
    photo = upload_photo(writer).json["photo"]
    projector = projector_for(app, phone, data)
    console = console_for(app, logged_in, event_id)

    response = logged_in.post(
        f"/events/{event_id}/spotlight", data={"table": table_id}, headers=JSON
    )

    assert response.status_code == 200
    shown = received(projector, "spotlight")[-1]
    assert shown["table"]["id"] == table_id and shown["table"]["number"] == 3
    assert [c["text"] for c in shown["cards"]] == ["Mehr Begegnungsorte"]
    assert [p["id"] for p in shown["photos"]] == [photo["id"]]
    assert received(console, "spotlight")[-1]["table"]["id"] == table_id


def test_spotlight_follows_new_cards_and_goes_back_to_the_join_view(
    app, phone, logged_in, running
):
    event_id, data = running
    table_id, table_token = data["tables"][0]
    logged_in.post(f"/events/{event_id}/spotlight", data={"table": table_id})
    page = phone().get(f"/projector/{data['projector_token']}").get_data(as_text=True)
    assert f'"table": {{"id": {table_id}' in page
    projector = projector_for(app, phone, data)
    writer, _ = seated_phone(app, phone, table_token)

    send_card(writer, data["phases"][0][1][0], "Live auf dem Beamer")
    logged_in.post(f"/events/{event_id}/spotlight", data={"table": ""})

    messages = projector.get_received("/live")
    cards = [m["args"][0]["text"] for m in messages if m["name"] == "card"]
    spotlights = [m["args"][0] for m in messages if m["name"] == "spotlight"]
    assert cards == ["Live auf dem Beamer"] and spotlights == [{"table": None}]


def test_spotlight_refuses_a_table_of_another_event(
    app, logged_in, make_event, event_data
):
    event_id, other = make_event(), make_event(catalogue="melle")
    foreign_table = event_data(other)["tables"][0][0]
    response = logged_in.post(
        f"/events/{event_id}/spotlight", data={"table": foreign_table}
    )
    assert response.status_code == 404


def test_phones_cannot_move_the_spotlight(app, client, make_event, event_data):
    event_id = make_event()
    response = client.post(f"/events/{event_id}/spotlight", data={"table": ""})
    assert response.status_code in (302, 403)
    with app.app_context():
        from app.extensions import db
        from app.models import Event

        assert db.session.get(Event, event_id).spotlight_table_id is None
