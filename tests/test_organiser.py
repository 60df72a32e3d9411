import subprocess

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActionField, Event, Organiser, Table
from app.services import accounts
from tests.conftest import PASSWORD

REMOTE = {"REMOTE_ADDR": "192.0.2.77"}
SETUP = {
    "name": "Olga",
    "email": "olga@example.org",
    "password": PASSWORD,
    "password2": PASSWORD,
}


def test_first_visit_offers_the_first_account_on_this_machine(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "")
    assert client.get("/").location.endswith("/setup")
    response = client.post("/setup", data=SETUP)
    assert response.status_code == 302
    assert (
        "Olga" in client.get("/").get_data(as_text=True)
        or client.get("/").status_code == 200
    )
    with app.app_context():
        assert db.session.scalar(select(func.count(Organiser.id))) == 1


def test_first_account_from_another_machine_needs_the_printed_token(app, client):
    assert client.get("/setup", environ_base=REMOTE).status_code == 403
    assert client.post("/setup", data=SETUP, environ_base=REMOTE).status_code == 403
    with app.test_request_context():
        token = accounts.setup_token()
    response = client.post(
        "/setup", data={**SETUP, "token": token}, environ_base=REMOTE
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "proxy",
    [
        {"X-Forwarded-For": "192.0.2.77"},
        {"Forwarded": "for=192.0.2.77;proto=https"},
        {"X-Real-IP": "192.0.2.77"},
        {},  # PUBLIC_BASE_URL set: the server is reached from outside
    ],
)
def test_first_account_through_a_proxy_needs_the_printed_token(
    app, client, monkeypatch, proxy
):
    if proxy:
        monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "")
    assert client.get("/setup", headers=proxy).status_code == 403
    assert client.post("/setup", data=SETUP, headers=proxy).status_code == 403
    with app.test_request_context():
        token = accounts.setup_token()
    answer = client.post("/setup", data={**SETUP, "token": token}, headers=proxy)
    assert answer.status_code == 302


def test_setup_is_closed_once_an_account_exists(client, organiser):
    response = client.post("/setup", data={**SETUP, "email": "intruder@example.org"})
    assert response.status_code == 302 and response.location.endswith("/login")


def test_login_and_logout(client, organiser):
    wrong = client.post(
        "/login", data={"email": "orga@example.org", "password": "nope"}
    )
    assert "wrong" in wrong.get_data(as_text=True) or "falsch" in wrong.get_data(
        as_text=True
    )
    assert (
        client.post(
            "/login", data={"email": "ORGA@example.org", "password": PASSWORD}
        ).status_code
        == 302
    )
    assert client.get("/events/new").status_code == 200
    client.post("/logout")
    assert client.get("/events/new").location.startswith("/login")


def test_cli_creates_an_organiser(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-organiser",
            "--email",
            "cli@example.org",
            "--name",
            "Cli",
            "--password",
            PASSWORD,
        ]
    )
    assert result.exit_code == 0, result.output
    duplicate = runner.invoke(
        args=[
            "create-organiser",
            "--email",
            "cli@example.org",
            "--name",
            "Cli",
            "--password",
            PASSWORD,
        ]
    )
    assert duplicate.exit_code != 0 and "E-Mail-Adresse" in duplicate.output


def event_form(**changes):
    form = {
        "title": "Integrationskonferenz",
        "date": "2026-12-01",
        "time": "17:30",
        "venue": "Kreishaus",
        "target_group": "Vereine",
        "language": "de",
        "format": "dialogue_forum",
        "catalogue": "osnabrueck",
    }
    form.update(changes)
    return form


def test_organiser_creates_an_event_with_one_table_per_action_field(app, logged_in):
    response = logged_in.post("/events/new", data=event_form())
    assert response.status_code == 302
    with app.app_context():
        event = db.session.scalar(select(Event))
        assert [t.topic for t in event.tables][:2] == [
            "Ankommen & Aufenthalt",
            "Wohnen & Leben",
        ]
        assert len(event.tables) == 9 and all(t.capacity == 8 for t in event.tables)
        assert [p.key for p in event.phases] == ["situation", "goals"]
        assert [c.key for c in event.phases[0].categories] == [
            "strength",
            "weakness",
            "challenge",
        ]
        assert [c.key for c in event.phases[1].categories] == ["goal", "indicator"]
        assert event.starts_at.isoformat() == "2026-12-01T17:30:00"


def test_custom_action_fields(app, logged_in):
    form = event_form(catalogue="custom", custom_fields="Mobilität\n\n  Kultur  \n")
    assert logged_in.post("/events/new", data=form).status_code == 302
    with app.app_context():
        assert [t.topic for t in db.session.scalar(select(Event)).tables] == [
            "Mobilität",
            "Kultur",
        ]


def test_bad_event_form_says_what_is_wrong(app, logged_in):
    response = logged_in.post(
        "/events/new", data=event_form(title="", date="gestern", catalogue="custom")
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('class="error"') >= 3
    with app.app_context():
        assert db.session.scalar(select(func.count(Event.id))) == 0


def test_tables_can_be_added_renamed_moved_and_removed(app, logged_in, make_event):
    event_id = make_event()
    with app.app_context():
        event = db.session.get(Event, event_id)
        fields = [f.id for f in event.action_fields]
        first_table = event.tables[0].id
    logged_in.post(
        f"/events/{event_id}/tables",
        data={"action_field": fields[1], "name": "", "capacity": 6},
    )
    logged_in.post(
        f"/events/{event_id}/tables/{first_table}",
        data={"action_field": fields[2], "name": "Ecke am Fenster", "capacity": 10},
    )
    response = logged_in.post(
        f"/events/{event_id}/tables/{first_table}/delete", follow_redirects=True
    )
    assert response.status_code == 200
    with app.app_context():
        tables = db.session.get(Event, event_id).tables
        assert len(tables) == 7 and tables[-1].number == 8
        assert tables[-1].action_field_id == fields[1] and tables[-1].capacity == 6
        assert first_table not in [t.id for t in tables]


def test_table_with_cards_cannot_be_removed(
    app, logged_in, make_event, event_data, start_phase
):
    from tests.conftest import join, send_card

    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    phone = app.test_client()
    join(phone, data["tables"][0][1])
    send_card(phone, data["phases"][0][1][0], "bleibt")
    response = logged_in.post(
        f"/events/{event_id}/tables/{data['tables'][0][0]}/delete"
    )
    assert response.status_code == 409
    with app.app_context():
        assert db.session.get(Table, data["tables"][0][0]) is not None


def test_table_of_another_event_cannot_be_edited_through_this_one(
    app, logged_in, make_event, event_data
):
    first, second = make_event(), make_event()
    foreign_table = event_data(second)["tables"][0][0]
    assert (
        logged_in.post(f"/events/{first}/tables/{foreign_table}/delete").status_code
        == 404
    )
    with app.app_context():
        foreign_field = db.session.scalar(
            select(ActionField).where(ActionField.event_id == second)
        )
    logged_in.post(
        f"/events/{first}/tables",
        data={"action_field": foreign_field.id, "capacity": 8},
    )
    assert len(event_data(first)["tables"]) == 7


def test_table_cards_pdf_has_a_page_per_table_with_its_link(
    app, logged_in, make_event, event_data, tmp_path
):
    event_id = make_event()
    data = event_data(event_id)
    response = logged_in.get(f"/events/{event_id}/table-cards.pdf")
    assert response.mimetype == "application/pdf"
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(response.data)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 7
    assert "Tisch 1" in pages[0] and "Willkommenskultur" in pages[0]
    assert f"http://tischrunde.test/t/{data['tables'][0][1]}" in pages[0]
    assert "Interkulturelle" in pages[5]


def test_event_qr_is_an_svg(logged_in, make_event):
    response = logged_in.get(f"/events/{make_event()}/qr.svg")
    assert response.mimetype == "image/svg+xml" and b"<svg" in response.data


def test_participant_cannot_use_console_actions(app, phone, make_event, event_data):
    from tests.conftest import join

    event_id = make_event()
    data = event_data(event_id)
    participant = phone()
    join(participant, data["tables"][0][1])
    phase_id = data["phases"][0][0]
    for url in (
        f"/events/{event_id}/phases/{phase_id}/start",
        f"/events/{event_id}/close",
        f"/events/{event_id}/cards/1/hide",
    ):
        response = participant.post(url, headers={"Accept": "application/json"})
        assert response.status_code == 403 and response.json["error"]
    assert participant.get(f"/events/{event_id}/console").status_code == 302
    with app.app_context():
        assert db.session.get(Event, event_id).running_phase is None


def test_projector_page_needs_its_secret_link(client, make_event, event_data):
    data = event_data(make_event())
    assert client.get(f"/projector/{data['join_token']}").status_code == 404
    page = client.get(f"/projector/{data['projector_token']}").get_data(as_text=True)
    assert "<svg" in page and f"http://tischrunde.test/j/{data['join_token']}" in page


def test_console_shows_tables_phases_and_cards(
    logged_in, make_event, event_data, start_phase, app
):
    from tests.conftest import join, send_card

    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id)
    phone = app.test_client()
    join(phone, data["tables"][0][1])
    send_card(phone, data["phases"][0][1][0], "<i>Karte</i>")
    page = logged_in.get(f"/events/{event_id}/console").get_data(as_text=True)
    assert "Willkommenskultur" in page and "Vernetzung" in page
    assert "\\u003ci\\u003eKarte\\u003c/i\\u003e" in page and "<i>Karte</i>" not in page
    state = logged_in.get(f"/events/{event_id}/console/state").json
    assert state["counts"] == {
        "participants": 1,
        "cards": 1,
        "on_behalf": 0,
        "waiting": 0,
        "tables": {str(data["tables"][0][0]): 1},
    }


def test_password_guessing_is_slowed_down(client, organiser):
    wrong = {"email": "orga@example.org", "password": "guess"}
    codes = [client.post("/login", data=wrong).status_code for _ in range(11)]
    assert codes[:10] == [200] * 10 and codes[10] == 429


def test_banner_prints_the_lan_url_and_the_setup_link(app):
    result = app.test_cli_runner().invoke(args=["banner"])
    assert result.exit_code == 0
    assert "http://tischrunde.test/" in result.output
    assert "/setup?token=" in result.output
