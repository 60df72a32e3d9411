"""Moving a card to another category of its phase or another table: by the
moderator (console) and the table's host (own table's cards only)."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import (
    Card,
    CardTranslation,
    Category,
    DomainError,
    Event,
    Reaction,
    Table,
)
from app.services import cards as card_services
from tests.conftest import join, live_client, send_card
from tests.test_gallery import react, start_step_of_kind
from tests.test_live import console_for, received, seated_phone

JSON = {"Accept": "application/json"}


@pytest.fixture
def room(app, phone, open_event):
    """Phase 1 running; a host at table 1, a writer at table 1, a phone at table 2."""
    event_id, data = open_event()
    with app.app_context():
        token = db.session.get(Table, data["tables"][0][0]).host_token
    host = phone()
    host.post(f"/h/{token}", data={"first_name": "Hanna"})
    writer = phone()
    join(writer, data["tables"][0][1])
    strength, weakness = data["phases"][0][1][:2]
    card_id = send_card(writer, strength, "Mehr Sprachkurse").json["card"]["id"]
    return {
        "event_id": event_id,
        "data": data,
        "host": host,
        "writer": writer,
        "card": card_id,
        "strength": strength,
        "weakness": weakness,
        "goal": data["phases"][1][1][0],
        "tables": [table_id for table_id, _token in data["tables"]],
    }


def load(card_id):
    return db.session.get(Card, card_id)


def host_move(room, card_id, table, category):
    return room["host"].post(
        f"/me/host/cards/{card_id}/move", data={"table": table, "category": category}
    )


def moderator_move(client, room, card_id, table, category):
    return client.post(
        f"/events/{room['event_id']}/cards/{card_id}/move",
        data={"table": table, "category": category},
        headers=JSON,
    )


# --- the model refuses illegal moves -------------------------------------------


def test_a_card_moves_within_its_phase_only(ctx, room):
    card = load(room["card"])
    goal = db.session.get(Category, room["goal"])
    with pytest.raises(DomainError):
        card.move_to(card.table, goal)  # a category of phase 2
    with pytest.raises(DomainError):
        card.move_to(card.table, card.category)  # already there


def test_a_card_moves_to_a_table_of_its_own_event_only(ctx, room, make_event):
    other_event = db.session.get(Event, make_event(title="Anderes Forum"))
    card = load(room["card"])
    with pytest.raises(DomainError):
        card.move_to(other_event.tables[0], card.category)


def test_hidden_rejected_and_merged_cards_do_not_move(ctx, room):
    card = load(room["card"])
    table = db.session.get(Table, room["tables"][1])
    for state in ("hidden", "rejected", "merged"):
        card.state = state
        with pytest.raises(DomainError):
            card.move_to(table, card.category)


def test_moving_to_another_table_drops_the_old_tables_mark_and_heading(ctx, room):
    card = load(room["card"])
    card.present_position, card.heading = 1, "Sprache"
    weakness = db.session.get(Category, room["weakness"])
    card.move_to(card.table, weakness)  # same table: both stay
    assert (card.present_position, card.heading) == (1, "Sprache")
    card.move_to(db.session.get(Table, room["tables"][1]), weakness)
    assert (card.present_position, card.heading) == (None, "")


def test_merging_across_tables_is_refused(ctx, room, phone):
    other = phone()
    join(other, room["data"]["tables"][1][1])
    foreign = send_card(other, room["strength"], "Anderswo").json["card"]["id"]
    with pytest.raises(DomainError):
        load(room["card"]).merge_into(load(foreign))


# --- services ------------------------------------------------------------------


def test_a_merged_group_moves_together_with_its_translations(app, room, phone):
    writer = room["writer"]
    second = send_card(writer, room["strength"], "Sprachkurse, bitte").json["card"]
    third = send_card(writer, room["strength"], "Kurse!").json["card"]
    room["host"].post(
        "/me/host/merge",
        data={"card": [room["card"], second["id"]], "keep": room["card"]},
    )
    room["host"].post(
        "/me/host/merge",
        data={"card": [third["id"], room["card"]], "keep": third["id"]},
    )
    assert (
        host_move(room, third["id"], room["tables"][1], room["weakness"]).status_code
        == 302
    )
    with app.app_context():
        moved = [load(card_id) for card_id in (third["id"], room["card"], second["id"])]
        assert {card.table_id for card in moved} == {room["tables"][1]}
        assert {card.category_id for card in moved} == {room["weakness"]}
        assert moved[0].merged_count == 2 and moved[0].state == "visible"


def test_moving_keeps_reactions_and_votes_and_asks_for_the_new_tables_languages(
    app, room, phone
):
    visitor = phone()
    join(visitor, room["data"]["tables"][1][1], language="uk")
    start_step_of_kind(app, room["event_id"], "gallery")
    assert react(visitor, room["card"]).status_code == 200
    with app.test_request_context():
        card = load(room["card"])
        card_services.move_card(
            card, db.session.get(Table, room["tables"][2]), card.category
        )
    with app.app_context():
        card = load(room["card"])
        assert card.praise_count == 1
        assert db.session.scalar(select(Reaction.card_id)) == room["card"]
    third = phone()
    join(third, room["data"]["tables"][3][1], language="tr")
    with app.test_request_context():
        card = load(room["card"])
        card_services.move_card(
            card, db.session.get(Table, room["tables"][3]), card.category
        )
    with app.app_context():
        languages = db.session.scalars(
            select(CardTranslation.language).where(
                CardTranslation.card_id == room["card"]
            )
        ).all()
        # uk: asked for when the gallery walk started, for the Ukrainian visitor;
        # tr: by the move, for the new table; de is the card's own language.
        assert sorted(languages) == ["tr", "uk"]


# --- who may move what ---------------------------------------------------------


def test_host_moves_an_own_card_to_another_category_and_another_table(app, room):
    host_move(room, room["card"], room["tables"][0], room["weakness"])
    with app.app_context():
        assert load(room["card"]).category_id == room["weakness"]
    host_move(room, room["card"], room["tables"][1], room["weakness"])
    with app.app_context():
        assert load(room["card"]).table_id == room["tables"][1]
    # gone from the host's table: the host cannot move it back
    back = host_move(room, room["card"], room["tables"][0], room["weakness"])
    assert back.status_code == 403


def test_host_move_targets_are_looked_up_never_trusted(
    app, room, make_event, event_data
):
    other = event_data(make_event(title="Anderes Forum"))
    foreign_table = other["tables"][0][0]
    foreign_category = other["phases"][0][1][0]
    assert (
        host_move(room, room["card"], foreign_table, room["weakness"]).status_code
        == 404
    )
    assert (
        host_move(room, room["card"], room["tables"][1], foreign_category).status_code
        == 404
    )
    assert host_move(room, room["card"], "x", room["weakness"]).status_code == 404
    refused = host_move(room, room["card"], room["tables"][1], room["goal"])
    assert refused.status_code == 302  # refused with a message: another phase
    with app.app_context():
        card = load(room["card"])
        assert (card.table_id, card.category_id) == (
            room["tables"][0],
            room["strength"],
        )


def test_phones_cannot_move_cards(app, room):
    moved = room["writer"].post(
        f"/me/host/cards/{room['card']}/move",
        data={"table": room["tables"][1], "category": room["strength"]},
    )
    assert moved.status_code == 403


def test_moderator_moves_any_card_of_the_event(app, room, logged_in):
    answer = moderator_move(
        logged_in, room, room["card"], room["tables"][2], room["weakness"]
    )
    assert answer.status_code == 200
    with app.app_context():
        card = load(room["card"])
        assert (card.table_id, card.category_id) == (
            room["tables"][2],
            room["weakness"],
        )
    refused = moderator_move(
        logged_in, room, room["card"], room["tables"][2], room["goal"]
    )
    assert refused.status_code == 400 and refused.json["error"]


def test_moving_needs_a_moderator_login(app, room, client):
    answer = moderator_move(
        client, room, room["card"], room["tables"][2], room["weakness"]
    )
    assert answer.status_code in (302, 401, 403)
    with app.app_context():
        assert load(room["card"]).table_id == room["tables"][0]


# --- live ----------------------------------------------------------------------


def test_moved_card_leaves_the_old_tables_phones_and_reaches_the_new_ones(
    app, room, phone, logged_in
):
    data = room["data"]
    writer_live = live_client(app, room["writer"], {"role": "phone"})
    _, old_neighbour = seated_phone(app, phone, data["tables"][0][1])
    _, new_neighbour = seated_phone(app, phone, data["tables"][1][1])
    _, elsewhere = seated_phone(app, phone, data["tables"][2][1])
    console = console_for(app, logged_in, room["event_id"])
    projector = live_client(
        app, phone(), {"role": "projector", "token": data["projector_token"]}
    )
    sockets = (writer_live, old_neighbour, new_neighbour, elsewhere, console, projector)
    for socket in sockets:
        socket.get_received("/live")

    moderator_move(logged_in, room, room["card"], room["tables"][1], room["strength"])

    for socket in (writer_live, old_neighbour, new_neighbour, console, projector):
        pushed = received(socket, "card")
        assert [(c["id"], c["table_id"]) for c in pushed] == [
            (room["card"], room["tables"][1])
        ]
    assert received(elsewhere, "card") == []
    old_page = room["writer"].get("/me/state").json
    assert room["card"] not in [c["id"] for c in old_page["cards"]]


def test_the_projector_showing_the_old_table_is_sent_the_table_again(
    app, room, phone, logged_in
):
    event_id = room["event_id"]
    logged_in.post(f"/events/{event_id}/spotlight", data={"table": room["tables"][0]})
    projector = live_client(
        app, phone(), {"role": "projector", "token": room["data"]["projector_token"]}
    )
    projector.get_received("/live")
    moderator_move(logged_in, room, room["card"], room["tables"][1], room["strength"])
    spotlight = received(projector, "spotlight")[-1]
    assert spotlight["table"]["id"] == room["tables"][0] and spotlight["cards"] == []
