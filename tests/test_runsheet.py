"""The run-sheet and its timer: computed from stored timestamps only."""

from datetime import datetime, timedelta

import pytest

from app.extensions import db
from app.models import DomainError, Event, Step
from app.services import runsheet
from tests.conftest import join, send_card
from tests.test_live import console_for, received, seated_phone

T0 = datetime(2026, 11, 24, 18, 0, 0)


def at(minutes=0, seconds=0):
    return T0 + timedelta(minutes=minutes, seconds=seconds)


def test_timer_counts_down_pauses_and_extends_from_timestamps():
    step = Step(kind="phase", planned_seconds=45 * 60)
    step.start(at(0))
    assert step.remaining(at(10)) == 35 * 60
    assert step.ends_at == at(45)
    step.pause(at(10))
    assert step.ends_at is None and step.remaining(at(30)) == 35 * 60
    step.resume(at(30))
    assert step.ends_at == at(65) and step.remaining(at(40)) == 25 * 60
    step.extend(5)
    assert step.ends_at == at(70)
    step.end(at(80))
    assert step.remaining(at(200)) == -10 * 60 and step.state == "done"


def test_timer_refuses_illegal_moves():
    step = Step(kind="welcome", planned_seconds=600)
    for move in (step.pause, step.resume, step.end, lambda: step.extend(5)):
        with pytest.raises(DomainError):
            move()
    step.start(at(0))
    with pytest.raises(DomainError):
        step.extend(0)


@pytest.fixture
def event(ctx, make_event):
    return db.session.get(Event, make_event())


def test_every_format_brings_its_run_sheet(ctx, make_event):
    kinds = {}
    for key in ("dialogue_forum", "practice_check", "conference", "custom"):
        found = db.session.get(Event, make_event(format=key))
        kinds[key] = [step.kind for step in found.steps]
        phases = [s.phase for s in found.steps if s.kind == "phase"]
        assert phases == found.phases
    assert kinds["dialogue_forum"] == [
        "welcome",
        "phase",
        "plenary",
        "phase",
        "plenary",
        "closing",
    ]
    assert kinds["conference"].count("vote") == 3
    assert kinds["custom"] == ["welcome", "phase", "plenary", "closing"]


def test_a_work_phase_takes_cards_only_while_its_step_runs(
    app, client, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    join(client, data["tables"][0][1])
    strength = data["phases"][0][1][0]
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        runsheet.start_step(event, event.steps[1])
    assert send_card(client, strength, "Im Arbeitsschritt").status_code == 201
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        runsheet.start_step(event, event.steps[2])  # the plenary
        assert event.running_phase is None and event.steps[1].state == "done"
    assert send_card(client, strength, "Im Plenum").status_code == 409


def test_pausing_keeps_the_phase_open_and_freezes_the_timer(event):
    runsheet.start_step(event, event.steps[1])
    runsheet.pause_step(event, event.steps[1])
    assert event.running_phase is event.phases[0]
    assert event.current_step.ends_at is None


def test_console_buttons_start_pause_extend_and_end_steps(
    app, phone, logged_in, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    _, phone_live = seated_phone(app, phone, data["tables"][0][1])
    with app.app_context():
        step_ids = [s.id for s in db.session.get(Event, event_id).steps]
    base = f"/events/{event_id}/steps/{step_ids[0]}"
    for action in ("start", "pause", "resume"):
        assert logged_in.post(f"{base}/{action}").status_code == 302
    logged_in.post(f"{base}/extend", data={"minutes": "5"})
    state = received(phone_live, "state")[-1]
    assert state["step"]["id"] == step_ids[0] and state["step"]["state"] == "running"
    assert state["step"]["planned"] == 20 * 60 and state["step"]["ends_at"]
    assert logged_in.post(f"{base}/end").status_code == 302
    assert received(phone_live, "state")[-1]["step"] is None
    refused = logged_in.post(f"{base}/pause", headers={"Accept": "application/json"})
    assert refused.status_code == 409 and refused.json["error"]
    assert logged_in.post(f"{base}/fly").status_code == 404


def test_phase_buttons_run_the_phase_step(app, logged_in, make_event, event_data):
    event_id = make_event()
    data = event_data(event_id)
    phase_id = data["phases"][1][0]
    logged_in.post(f"/events/{event_id}/phases/{phase_id}/start")
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert event.current_step.phase_id == phase_id
    logged_in.post(f"/events/{event_id}/phases/{phase_id}/close")
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert event.current_step is None and event.running_phase is None


def test_steps_of_another_event_are_not_found(app, logged_in, make_event):
    first, second = make_event(), make_event()
    with app.app_context():
        foreign = db.session.get(Event, second).steps[0].id
    response = logged_in.post(f"/events/{first}/steps/{foreign}/start")
    assert response.status_code == 404


def test_phone_shows_what_happens_now_and_the_console_its_run_sheet(
    app, client, logged_in, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    join(client, data["tables"][0][1])
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        runsheet.start_step(event, event.steps[0])
    page = client.get("/me").get_data(as_text=True)
    assert "Begrüßung" in page and 'id="step-data"' in page
    console = logged_in.get(f"/events/{event_id}/console").get_data(as_text=True)
    assert console.count('class="phase-box step') == 6


def test_starting_a_step_reaches_the_console_and_projector(
    app, phone, logged_in, make_event, event_data
):
    from tests.conftest import live_client

    event_id = make_event()
    data = event_data(event_id)
    console = console_for(app, logged_in, event_id)
    projector = live_client(
        app, phone(), {"role": "projector", "token": data["projector_token"]}
    )
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        runsheet.start_step(event, event.steps[0])
    for socket in (console, projector):
        assert received(socket, "state")[-1]["step"]["kind"] == "welcome"
