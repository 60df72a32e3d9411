"""The gallery walk: praise or a concern on other tables' cards, counted once."""

from app.extensions import db
from app.models import Card, Event
from app.services import runsheet
from tests.conftest import live_client, send_card
from tests.test_live import console_for, received, seated_phone

JSON = {"Accept": "application/json"}


def start_step_of_kind(app, event_id, kind):
    from app.services import programme

    with app.test_request_context():
        event = db.session.get(Event, event_id)
        step = next((s for s in event.steps if s.kind == kind), None)
        step = step or programme.add_step(event, kind, "", 15)
        runsheet.start_step(event, step, confirmed=True)


def react(browser, card_id, kind="praise", on="1"):
    return browser.post(
        f"/me/gallery/cards/{card_id}", data={"kind": kind, "on": on}, headers=JSON
    )


def test_phones_praise_and_worry_about_other_tables_cards_once(
    app, phone, logged_in, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id, 0)
    writer, _ = seated_phone(app, phone, data["tables"][0][1])
    visitor, _ = seated_phone(app, phone, data["tables"][1][1])
    card_id = send_card(writer, data["phases"][0][1][0], "Sprachcafé").json["card"][
        "id"
    ]
    assert react(visitor, card_id).status_code == 409  # no gallery walk yet
    start_step_of_kind(app, event_id, "gallery")
    console = console_for(app, logged_in, event_id)
    projector = live_client(
        app, phone(), {"role": "projector", "token": data["projector_token"]}
    )

    for _twice in range(2):
        assert react(visitor, card_id).json["praise"] == 1
    assert react(visitor, card_id, "concern").json["concern"] == 1
    assert react(writer, card_id).status_code == 409  # own table

    for socket in (console, projector):
        assert received(socket, "reaction")[-1] == {
            "card_id": card_id,
            "table_id": data["tables"][0][0],
            "praise": 1,
            "concern": 1,
        }
    assert react(visitor, card_id, on="0").json["praise"] == 0
    with app.app_context():
        stored = db.session.get(Card, card_id)
        assert (stored.praise_count, stored.concern_count) == (0, 1)
    assert react(visitor, card_id, kind="love").status_code == 400


def test_gallery_page_lists_the_other_tables_only(
    app, phone, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id, 0)
    writer, _ = seated_phone(app, phone, data["tables"][0][1])
    send_card(writer, data["phases"][0][1][0], "<i>Begegnung</i>")
    visitor, _ = seated_phone(app, phone, data["tables"][1][1])
    start_step_of_kind(app, event_id, "gallery")
    page = visitor.get(f"/me/gallery?table={data['tables'][0][0]}").get_data(
        as_text=True
    )
    assert "&lt;i&gt;Begegnung&lt;/i&gt;" in page and "<i>Begegnung" not in page
    own = visitor.get(f"/me/gallery?table={data['tables'][1][0]}").get_data(
        as_text=True
    )
    own_table, other_table = data["tables"][1][0], data["tables"][0][0]
    own_link = f'href="/me/gallery?table={own_table}"'
    other_link = f'href="/me/gallery?table={other_table}"'
    assert other_link in own and own_link not in own  # never the own table
    phone_page = visitor.get("/me").get_data(as_text=True)
    assert "/me/gallery" in phone_page


def test_cards_of_another_event_cannot_be_reacted_to(
    app, phone, make_event, event_data, start_phase
):
    first, second = make_event(), make_event(catalogue="melle")
    a, b = event_data(first), event_data(second)
    start_phase(second, 0)
    writer, _ = seated_phone(app, phone, b["tables"][0][1])
    card_id = send_card(writer, b["phases"][0][1][0], "Fremd").json["card"]["id"]
    visitor, _ = seated_phone(app, phone, a["tables"][0][1])
    start_step_of_kind(app, first, "gallery")
    assert react(visitor, card_id).status_code == 404


def walk_with_a_card(app, phone, make_event, event_data, start_phase):
    """A gallery walk with one card at table 1 and a visitor from table 2:
    (event id, event data, visitor, card id)."""
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id, 0)
    writer, _ = seated_phone(app, phone, data["tables"][0][1])
    visitor, _ = seated_phone(app, phone, data["tables"][1][1])
    card_id = send_card(writer, data["phases"][0][1][0], "Fest").json["card"]["id"]
    start_step_of_kind(app, event_id, "gallery")
    return event_id, data, visitor, card_id


def test_gallery_totals_per_table_reach_the_projector_live(
    app, phone, logged_in, make_event, event_data, start_phase
):
    event_id, data, visitor, card_id = walk_with_a_card(
        app, phone, make_event, event_data, start_phase
    )
    projector = live_client(
        app, phone(), {"role": "projector", "token": data["projector_token"]}
    )
    table = str(data["tables"][0][0])

    react(visitor, card_id)
    react(visitor, card_id, "concern")
    assert received(projector, "gallery")[-1] == {table: {"praise": 1, "concern": 1}}
    logged_in.post(f"/events/{event_id}/cards/{card_id}/hide")
    assert received(projector, "gallery")[-1] == {}  # a hidden card counts no more
    logged_in.post(f"/events/{event_id}/cards/{card_id}/show")
    assert received(projector, "gallery")[-1][table]["praise"] == 1


def test_projector_shows_the_gallery_totals_it_loads_with(
    app, phone, make_event, event_data, start_phase
):
    _event_id, data, visitor, card_id = walk_with_a_card(
        app, phone, make_event, event_data, start_phase
    )
    react(visitor, card_id)
    page = phone().get(f"/projector/{data['projector_token']}").get_data(as_text=True)
    row = page.split(f'data-table="{data["tables"][0][0]}"')[1].split("</li>")[0]
    assert '<b class="praise">1</b>' in row and '<b class="concern">0</b>' in row
