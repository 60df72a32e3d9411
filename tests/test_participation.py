from sqlalchemy import func, select

from app.extensions import db
from app.models import Card, Participant
from tests.conftest import join, send_card


def count(app, model, **where):
    with app.app_context():
        query = select(func.count()).select_from(model).filter_by(**where)
        return db.session.scalar(query)


def test_table_qr_seats_the_phone_and_shows_the_table(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    table_id, token = data["tables"][2]
    response = join(client, token, "Amira")
    assert response.status_code == 302 and response.location.endswith("/me")
    page = client.get("/me").get_data(as_text=True)
    assert "Bildung und Sprache" in page and "Amira" not in page
    with app.app_context():
        participant = db.session.scalar(select(Participant))
        assert participant.table_id == table_id and participant.first_name == "Amira"


def test_event_qr_lets_the_phone_pick_a_table(app, client, make_event, event_data):
    data = event_data(make_event())
    page = client.get(f"/j/{data['join_token']}").get_data(as_text=True)
    assert "Willkommenskultur" in page and "Vernetzung" in page
    chosen = data["tables"][4][0]
    response = client.post(f"/j/{data['join_token']}", data={"table": chosen})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Participant.table_id)) == chosen


def test_rejoining_from_the_same_phone_keeps_the_identity(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    join(client, data["tables"][0][1])
    join(client, data["tables"][1][1])
    assert client.get(f"/j/{data['join_token']}").status_code == 302
    assert count(app, Participant) == 1
    with app.app_context():
        assert db.session.scalar(select(Participant.table_id)) == data["tables"][1][0]


def test_unknown_join_token_is_a_clear_404(client):
    response = client.get("/t/not-a-real-token")
    assert response.status_code == 404
    assert "QR-Code" in response.get_data(as_text=True)


def test_card_is_stored_once_even_when_resent(
    app, client, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    join(client, data["tables"][0][1])
    strength = data["phases"][0][1][0]
    first = send_card(
        client,
        strength,
        "Viele Vereine helfen",
        card_uuid="7b0c5d1e-9f3a-4c2b-8e61-2d4f6a8b0c11",
    )
    again = send_card(
        client,
        strength,
        "Viele Vereine helfen",
        card_uuid="7b0c5d1e-9f3a-4c2b-8e61-2d4f6a8b0c11",
    )
    assert first.status_code == 201 and again.status_code == 200
    assert first.json["card"]["id"] == again.json["card"]["id"]
    assert count(app, Card) == 1


def test_card_works_without_javascript(
    app, client, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    join(client, data["tables"][0][1])
    response = send_card(
        client, data["phases"][0][1][1], "Zu wenig Kita-Plätze", json=False
    )
    assert response.status_code == 302
    page = client.get("/me").get_data(as_text=True)
    assert "Zu wenig Kita-Plätze" in page


def test_cards_are_refused_when_no_phase_runs(app, client, make_event, event_data):
    data = event_data(make_event())
    join(client, data["tables"][0][1])
    page = client.get("/me").get_data(as_text=True)
    assert "No work phase is running" in page or "Arbeitsphase" in page
    response = send_card(client, data["phases"][0][1][0], "Zu früh")
    assert response.status_code == 409 and response.json["error"]
    assert count(app, Card) == 0


def test_refused_card_keeps_its_text_without_javascript(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    join(client, data["tables"][0][1])
    response = send_card(
        client, data["phases"][0][1][0], "Mein langer Gedanke", json=False
    )
    assert response.status_code == 409
    assert "Mein langer Gedanke" in response.get_data(as_text=True)


def test_bad_cards_get_clear_messages_and_nothing_is_lost(
    app, client, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    join(client, data["tables"][0][1])
    strength = data["phases"][0][1][0]
    assert send_card(client, strength, "Bleibt erhalten").status_code == 201
    goal_of_other_phase = data["phases"][1][1][0]
    cases = [
        (strength, "   "),
        (strength, "x" * 501),
        (goal_of_other_phase, "falsche Phase"),
        ("abc", "keine Kategorie"),
    ]
    for category, text in cases:
        response = send_card(client, category, text)
        assert response.status_code == 400, text
        assert response.json["error"]
    bad_uuid = client.post(
        "/me/cards",
        data={"uuid": "nope", "category": strength, "text": "x"},
        headers={"Accept": "application/json"},
    )
    assert bad_uuid.status_code == 400
    assert count(app, Card) == 1


def test_card_of_500_characters_is_accepted(
    client, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    join(client, data["tables"][0][1])
    assert send_card(client, data["phases"][0][1][0], "ü" * 500).status_code == 201


def test_html_in_a_card_is_shown_as_text(client, make_event, event_data, start_phase):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    join(client, data["tables"][0][1])
    send_card(
        client, data["phases"][0][1][0], "<script>alert(1)</script> & <b>fett</b>"
    )
    page = client.get("/me").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;fett&lt;/b&gt;" in page


def test_closed_event_refuses_joins_and_cards(
    app, client, phone, make_event, event_data, start_phase
):
    from app.models import Event
    from app.services import moderation

    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    join(client, data["tables"][0][1])
    with app.test_request_context():
        moderation.close_event(db.session.get(Event, event_id))
    response = send_card(client, data["phases"][0][1][0], "Zu spät")
    assert response.status_code == 409
    late_phone = phone()
    page = late_phone.get(f"/t/{data['tables'][0][1]}").get_data(as_text=True)
    assert "ended" in page or "beendet" in page
    late_phone.post(f"/t/{data['tables'][0][1]}", data={"table": data["tables"][0][0]})
    assert count(app, Participant) == 1 and count(app, Card) == 0


def test_missing_csrf_token_is_refused_and_changes_nothing(
    app, client, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    join(client, data["tables"][0][1])
    app.config["WTF_CSRF_ENABLED"] = True
    response = send_card(client, data["phases"][0][1][0], "Ohne Token")
    assert response.status_code == 400 and "neu" in response.json["error"]
    assert count(app, Card) == 0


def test_card_from_a_page_with_its_csrf_token_is_accepted(
    app, client, make_event, event_data, start_phase
):
    import re

    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/t/{data['tables'][0][1]}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post(
        f"/t/{data['tables'][0][1]}",
        data={"csrf_token": token, "table": data["tables"][0][0]},
    )
    page = client.get("/me").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    uuid = re.search(r'name="uuid" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/me/cards",
        data={
            "csrf_token": token,
            "uuid": uuid,
            "category": data["phases"][0][1][0],
            "text": "Mit Token",
        },
    )
    assert response.status_code == 302 and count(app, Card) == 1


def test_phones_that_write_too_fast_are_slowed_down(
    app, client, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    join(client, data["tables"][0][1])
    app.config["CARD_RATE_LIMIT"] = 3
    try:
        codes = [
            send_card(client, data["phases"][0][1][0], f"Karte {i}").status_code
            for i in range(4)
        ]
    finally:
        app.config["CARD_RATE_LIMIT"] = 30
    assert codes == [201, 201, 201, 429]
    assert count(app, Card) == 3


def test_full_table_suggests_another_with_free_seats(
    app, phone, make_event, event_data
):
    from app.models import Table

    data = event_data(make_event())
    with app.app_context():
        db.session.get(Table, data["tables"][0][0]).capacity = 1
        db.session.commit()
    join(phone(), data["tables"][0][1])
    response = phone().post(
        f"/j/{data['join_token']}",
        data={"table": data["tables"][0][0]},
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "Table 1 is full" in text or "Tisch 1 ist voll" in text
    assert count(app, Participant, table_id=data["tables"][0][0]) == 1


def test_page_without_joining_asks_to_scan(client):
    response = client.get("/me")
    assert response.status_code == 401


def test_language_switch_is_remembered(client, make_event, event_data):
    data = event_data(make_event())
    client.get(f"/lang/en?next=/t/{data['tables'][0][1]}")
    page = client.get(f"/t/{data['tables'][0][1]}").get_data(as_text=True)
    assert '<html lang="en"' in page
    client.get("/lang/de")
    assert '<html lang="de"' in client.get(f"/t/{data['tables'][0][1]}").get_data(
        as_text=True
    )


def test_language_switch_never_redirects_off_site(client):
    for target in ("https://evil.example", "//evil.example", "/\\evil.example"):
        response = client.get("/lang/en", query_string={"next": target})
        assert "evil" not in response.location
