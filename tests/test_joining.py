"""Joining by the event QR: a conscious choice of table, never a silent default;
mixed phases assign the emptiest table; the table QR stays a one-table join."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Event, Participant
from tests.conftest import join
from tests.test_page_weight import BUDGET, transferred


def radios(page):
    """{table id: the radio's attributes} of the table chooser."""
    found = re.findall(r'<input type="radio" name="table" value="(\d+)"([^>]*)>', page)
    return {int(table_id): attributes for table_id, attributes in found}


def option_of(page, number):
    """The text of table `number`'s card in the chooser, tags removed."""
    cards = re.findall(r'<label class="table-option[^"]*".*?</label>', page, re.S)
    card = next(c for c in cards if re.search(rf">\D*{number}</span>", c))
    return " ".join(re.sub(r"<[^>]+>", " ", card).split())


def seated(app, table_id=None):
    with app.app_context():
        query = select(Participant)
        if table_id is not None:
            query = query.where(Participant.table_id == table_id)
        return db.session.scalars(query).all()


def set_capacity(app, event_id, index, capacity):
    with app.app_context():
        db.session.get(Event, event_id).tables[index].capacity = capacity
        db.session.commit()


def test_event_qr_offers_every_table_and_checks_none(client, make_event, event_data):
    data = event_data(make_event())
    page = client.get(f"/j/{data['join_token']}").get_data(as_text=True)
    offered = radios(page)
    assert sorted(offered) == sorted(table_id for table_id, _token in data["tables"])
    assert not any("checked" in attributes for attributes in offered.values())
    assert "<legend>" in page and 'class="table-choice"' in page
    assert not re.search(r'<select[^>]*name="table"', page)


def test_joining_without_a_choice_says_so_and_keeps_what_was_typed(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    client.get("/lang/ar")
    response = client.post(
        f"/j/{data['join_token']}", data={"first_name": "Amira <b>", "table": ""}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "يُرجى اختيار طاولتك." in page and 'role="alert"' in page
    assert 'value="Amira &lt;b&gt;"' in page
    assert not any("checked" in attributes for attributes in radios(page).values())
    assert seated(app) == []


def test_a_forged_table_id_is_refused_like_no_choice(app, client, make_event):
    other = make_event(title="Anderes Forum")
    data_event = make_event()
    with app.app_context():
        foreign = db.session.get(Event, other).tables[0].id
        token = db.session.get(Event, data_event).join_token
    response = client.post(f"/j/{token}", data={"table": foreign})
    assert "Bitte wählen Sie Ihren Tisch." in response.get_data(as_text=True)
    assert seated(app) == []


def test_each_table_shows_its_free_seats(app, phone, make_event, event_data):
    event_id = make_event()
    data = event_data(event_id)
    set_capacity(app, event_id, 1, 2)
    for _ in range(3):
        join(phone(), data["tables"][0][1])
    join(phone(), data["tables"][1][1])
    viewer = phone()
    viewer.get("/lang/en")
    page = viewer.get(f"/j/{data['join_token']}").get_data(as_text=True)
    assert "5 seats free" in option_of(page, 1)
    assert "1 seat free" in option_of(page, 2)
    assert "8 seats free" in option_of(page, 3)


def test_a_full_table_is_shown_full_and_cannot_be_chosen(
    app, phone, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    set_capacity(app, event_id, 0, 1)
    join(phone(), data["tables"][0][1])
    late = phone()
    late.get("/lang/en")
    page = late.get(f"/j/{data['join_token']}").get_data(as_text=True)
    assert "disabled" in radios(page)[data["tables"][0][0]]
    assert "Full" in option_of(page, 1)
    response = late.post(
        f"/j/{data['join_token']}", data={"table": data["tables"][0][0]}
    )
    assert "Table 1 is full" in response.get_data(as_text=True)
    assert len(seated(app, data["tables"][0][0])) == 1


def test_the_full_table_message_names_the_free_table_as_text_not_markup(
    app, phone, make_event, event_data
):
    payload = "<img src=x onerror=alert(1)>"
    event_id = make_event(catalogue="custom", custom_fields=["Schule", payload])
    data = event_data(event_id)
    set_capacity(app, event_id, 0, 1)
    join(phone(), data["tables"][0][1])
    late = phone()
    late.get("/lang/en")

    response = late.post(
        f"/j/{data['join_token']}",
        data={"table": data["tables"][0][0]},
        follow_redirects=True,
    )

    page = response.get_data(as_text=True)
    assert "Table 2 (&lt;img src=x onerror=alert(1)&gt;) still has free" in page
    assert payload not in page


def test_change_table_marks_where_the_phone_sits(app, client, make_event, event_data):
    data = event_data(make_event())
    table_id, token = data["tables"][2]
    join(client, token, "Amira")
    client.get("/lang/en")
    page = client.get(f"/j/{data['join_token']}?change=1").get_data(as_text=True)
    marked = [t for t, attributes in radios(page).items() if "checked" in attributes]
    assert marked == [table_id]
    assert "Your table now" in option_of(page, 3)
    assert 'value="Amira"' in page
    other = data["tables"][4][0]
    client.post(f"/j/{data['join_token']}", data={"table": other})
    assert [p.table_id for p in seated(app)] == [other]


def test_table_qr_stays_a_one_table_join(client, make_event, event_data):
    data = event_data(make_event())
    table_id, token = data["tables"][1]
    page = client.get(f"/t/{token}").get_data(as_text=True)
    assert radios(page) == {}
    assert f'<input type="hidden" name="table" value="{table_id}">' in page


def test_a_mixed_phase_seats_a_late_phone_at_the_emptiest_table_and_says_which(
    app, phone, make_event, event_data, start_phase
):
    event_id = make_event(format="practice_check", catalogue="melle")
    data = event_data(event_id)
    for number in range(7):
        join(phone(), data["tables"][number % 3][1])
    start_phase(event_id, 0)
    late = phone()
    page = late.get(f"/j/{data['join_token']}").get_data(as_text=True)
    assert radios(page) == {} and "Gemischte Tische" in page
    response = late.post(f"/j/{data['join_token']}", data={"first_name": "Lea"})
    assert response.status_code == 302
    with app.app_context():
        newest = db.session.scalar(select(Participant).order_by(Participant.id.desc()))
        number = newest.table.number
        sizes = [len(seated(app, t.id)) for t in db.session.get(Event, event_id).tables]
    assert max(sizes) - min(sizes) <= 1
    table_page = late.get("/me").get_data(as_text=True)
    assert re.search(
        rf'class="seat-call"\s*>Bitte gehen Sie zu Tisch {number}\b', table_page
    )


def test_a_seated_phone_keeps_its_seat_when_it_rejoins_in_a_mixed_phase(
    app, phone, make_event, event_data, start_phase
):
    event_id = make_event(format="practice_check", catalogue="melle")
    data = event_data(event_id)
    browsers = [phone() for _ in range(4)]
    for browser in browsers:
        join(browser, data["tables"][0][1])
    start_phase(event_id, 0)
    before = {p.id: p.table_id for p in seated(app)}
    first = browsers[0]
    page = first.get(f"/j/{data['join_token']}?change=1").get_data(as_text=True)
    assert radios(page) == {}
    first.post(f"/j/{data['join_token']}", data={"first_name": "Neu"})
    assert {p.id: p.table_id for p in seated(app)} == before


def test_event_join_page_with_eleven_tables_fits_the_phone_budget(
    client, make_event, event_data
):
    data = event_data(make_event(catalogue="offenburg"))
    page, total = transferred(client, f"/j/{data['join_token']}")
    assert len(radios(page)) == 11
    assert total <= BUDGET, f"{total} bytes"
