"""The run-sheet's order: "Next", going back, starting again, skipping ahead, and
stale clicks from a double click or a second moderator."""

import pytest

from app.extensions import db
from app.models import ConfirmationNeeded, DomainError, Event, Poll
from app.models.runsheet import moved_on
from app.services import runsheet
from app.unit_of_work import unit
from tests.test_voting import make_poll


@pytest.fixture
def event(ctx, make_event):
    return db.session.get(Event, make_event())


def press_next(event):
    """What the console's "Next" posts: the running step and the next one."""
    runsheet.next_step(event, event.current_step, event.next_step)


def states(event):
    return [step.state for step in event.steps]


def test_next_walks_the_whole_run_sheet_in_order(event):
    assert event.next_step is event.steps[0] and event.current_step is None
    started = []
    while event.next_step is not None:
        press_next(event)
        started.append(event.current_step)
        done = states(event)[: len(started) - 1]
        assert done == ["done"] * (len(started) - 1)
    assert started == list(event.steps)
    phases = [step.phase for step in event.steps if step.kind == "phase"]
    assert phases == event.phases
    press_next(event)  # "End: closing"
    assert states(event) == ["done"] * 6 and event.current_step is None
    assert event.running_phase is None and event.next_step is None


def test_next_opens_each_work_phase_with_its_step_and_closes_it_after(event):
    press_next(event)
    press_next(event)
    assert event.running_phase is event.phases[0]
    press_next(event)  # the plenary
    assert event.running_phase is None and event.phases[0].state == "closed"


def test_next_sent_twice_moves_once(event):
    welcome, situation = event.steps[:2]
    for _click in range(2):
        runsheet.next_step(event, None, welcome)
    assert event.current_step is welcome and situation.state == "pending"
    for _click in range(2):
        runsheet.next_step(event, welcome, situation)
    assert event.current_step is situation and event.steps[2].state == "pending"


def test_a_stale_next_is_refused_and_changes_nothing(event):
    welcome, situation, plenary = event.steps[:3]
    runsheet.next_step(event, None, welcome)
    with pytest.raises(DomainError) as refused:  # names another step as the next
        runsheet.next_step(event, welcome, plenary)
    assert str(refused.value.message) == str(moved_on().message)
    db.session.expire_all()
    assert event.current_step is welcome and situation.state == "pending"
    runsheet.next_step(event, welcome, situation)
    runsheet.next_step(event, situation, plenary)
    with pytest.raises(DomainError):  # a second laptop still showed the welcome
        runsheet.next_step(event, welcome, situation)
    assert event.current_step is plenary and situation.state == "done"


def test_next_with_nothing_to_end_or_start_is_refused(event):
    for _step in event.steps:
        press_next(event)
    press_next(event)
    with pytest.raises(DomainError):
        runsheet.next_step(event, None, None)


def test_starting_a_finished_step_again_needs_a_confirmation(event):
    welcome = event.steps[0]
    press_next(event)
    press_next(event)
    with pytest.raises(ConfirmationNeeded) as asked:
        runsheet.start_step(event, welcome)
    question = str(asked.value.message)
    assert "Begrüßung" in question and "Ausgangslage" in question  # ends it
    db.session.expire_all()
    assert event.current_step is event.steps[1] and welcome.state == "done"
    runsheet.start_step(event, welcome, confirmed=True)
    assert event.current_step is welcome and event.steps[1].state == "done"
    assert event.next_step is event.steps[2]  # the plenary, not the phase again


def test_going_back_to_a_skipped_step_needs_a_confirmation(event):
    welcome, situation = event.steps[:2]
    runsheet.start_step(event, situation)  # nothing runs: a later step is fine
    assert event.start_question(welcome) is not None
    with pytest.raises(ConfirmationNeeded):
        runsheet.start_step(event, welcome)
    runsheet.start_step(event, welcome, confirmed=True)
    assert event.current_step is welcome and situation.state == "done"


def test_skipping_ahead_while_a_step_runs_says_what_it_ends(event):
    press_next(event)
    press_next(event)
    goals = event.steps[3]
    assert event.start_question(event.steps[2]) is None  # the next one
    with pytest.raises(ConfirmationNeeded) as asked:
        runsheet.start_step(event, goals)
    assert "Ziele" in str(asked.value.message)
    assert "Ausgangslage" in str(asked.value.message)
    runsheet.start_step(event, goals, confirmed=True)
    assert event.running_phase is event.phases[1]
    assert event.steps[2].state == "pending"


def test_a_start_is_refused_when_the_step_shown_as_running_has_ended(event):
    welcome, situation, plenary = event.steps[:3]
    press_next(event)
    press_next(event)
    with pytest.raises(DomainError):  # the console still showed the welcome
        runsheet.start_step(event, plenary, shown_running=welcome)
    runsheet.start_step(event, plenary, shown_running=situation)
    assert event.current_step is plenary


def test_next_opens_and_closes_the_poll_of_its_step(app, ctx, make_event):
    event = db.session.get(Event, make_event())
    poll_id = make_poll(app, event.id, "single", open=False, step=event.steps[1].id)
    press_next(event)
    press_next(event)
    assert db.session.get(Poll, poll_id).state == "open"
    press_next(event)
    assert db.session.get(Poll, poll_id).state == "closed"


def test_next_into_a_mixed_phase_seats_people(app, ctx, phone, make_event, event_data):
    from tests.test_seating import seat_people, seats

    event_id = make_event(format="practice_check", catalogue="melle")
    seat_people(phone, [event_data(event_id)["tables"][0][1]], 6)
    event = db.session.get(Event, event_id)
    with unit():
        press_next(event)
        press_next(event)  # the mixed phase starts for the first time
    assert event.seating_round == 1
    assert len(set(seats(app, event_id).values())) > 1
