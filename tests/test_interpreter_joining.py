"""Interpreters joining an event: by link or typed code, with their languages."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Event, Interpreter
from tests.conftest import join_as_interpreter


def interpreter_row(app):
    with app.app_context():
        row = db.session.scalar(select(Interpreter))
        return row and (row.name, row.languages)


def test_interpreter_joins_with_the_link_and_declares_languages(
    app, client, make_event, event_data
):
    data = event_data(make_event())

    response = join_as_interpreter(
        client, data["interpreter_token"], ["ar", "fa"], name="Samira"
    )

    assert response.status_code == 302
    assert response.location.endswith("/interpret/queue")
    assert interpreter_row(app) == ("Samira", "ar fa")
    assert client.get("/interpret/queue").status_code == 200


def test_interpreter_changes_languages_without_becoming_someone_else(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    join_as_interpreter(client, data["interpreter_token"], ["ar"])
    page = client.get(f"/i/{data['interpreter_token']}").get_data(as_text=True)
    assert re.search(r'<input checked [^>]*value="ar">', page)
    join_as_interpreter(client, data["interpreter_token"], ["uk", "ru"])
    assert interpreter_row(app) == ("", "ru uk")
    with app.app_context():
        assert len(db.session.scalars(select(Interpreter)).all()) == 1


def test_interpreter_without_a_language_is_asked_for_one(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    response = join_as_interpreter(client, data["interpreter_token"], [])
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Bitte wählen Sie mindestens eine Sprache" in page
    assert interpreter_row(app) is None


def test_typed_code_leads_to_the_event_however_it_is_written(
    client, make_event, event_data
):
    token = event_data(make_event())["interpreter_token"]
    typed = f" {token[:5].upper()}-{token[5:]} "
    response = client.post("/interpret", data={"code": typed})
    assert response.status_code == 302 and response.location.endswith(f"/i/{token}")


def test_unknown_codes_get_a_clear_message_and_guessing_is_stopped(client):
    first = client.post("/interpret", data={"code": "aaaaa-bbbbb"})
    assert first.status_code == 200
    assert "Dieser Code ist nicht bekannt" in first.get_data(as_text=True)
    codes = [
        client.post("/interpret", data={"code": "x"}).status_code for _ in range(10)
    ]
    assert codes[-1] == 429


def test_unknown_interpreter_link_is_a_404_and_the_queue_needs_joining(client):
    assert client.get("/i/not-a-token").status_code == 404
    assert client.get("/interpret/queue").status_code == 401
    assert client.get("/interpret/queue.json").status_code == 401


def test_organiser_sees_the_interpreter_link_code_and_who_joined(
    app, logged_in, phone, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    join_as_interpreter(phone(), data["interpreter_token"], ["ar", "fa"], "Samira")
    token = data["interpreter_token"]
    for url in (f"/events/{event_id}", f"/events/{event_id}/console"):
        page = logged_in.get(url).get_data(as_text=True)
        assert f"/i/{token}" in page and f"{token[:5]}-{token[5:]}" in page
        assert "Samira" in page and "العربية und فارسی" in page
    svg = logged_in.get(f"/events/{event_id}/interpreter-qr.svg")
    assert svg.mimetype == "image/svg+xml"


def test_event_language_is_implied_not_chosen(app, make_event, event_data):
    from app.services.interpreting import join_as_interpreter

    event_id = make_event(language="en")
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        interpreter = join_as_interpreter(event, None, "", ["en", "de", "tlh"])
        assert interpreter.language_list == ["de"]
