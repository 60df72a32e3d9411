import pytest

from app.extensions import db
from app.models import DomainError, Event
from app.services import moderation


@pytest.fixture
def event(ctx, make_event):
    return db.session.get(Event, make_event())


def test_starting_a_phase_closes_the_one_still_running(event):
    situation, goals = event.phases
    event.start_phase(situation)
    event.start_phase(goals, confirmed=True)  # skips the plenary
    assert (situation.state, goals.state) == ("closed", "running")
    assert event.running_phase is goals


def test_a_running_phase_cannot_start_twice_and_a_pending_one_cannot_close(event):
    situation, goals = event.phases
    event.start_phase(situation)
    with pytest.raises(DomainError):
        situation.start()
    with pytest.raises(DomainError):
        goals.close()


def test_a_closed_phase_can_run_again(event):
    situation = event.phases[0]
    event.start_phase(situation)
    situation.close()
    event.start_phase(situation, confirmed=True)
    assert situation.is_running and situation.closed_at is None


def test_closing_the_event_closes_its_phase_and_refuses_new_phases(event):
    event.start_phase(event.phases[0])
    event.close()
    assert event.state == "closed" and event.running_phase is None
    with pytest.raises(DomainError):
        event.start_phase(event.phases[1])
    with pytest.raises(DomainError):
        event.close()


def test_a_closed_event_can_be_reopened_once(event):
    event.close()
    event.reopen()
    assert event.is_open
    with pytest.raises(DomainError):
        event.reopen()


def test_moderation_services_commit_and_refuse_illegal_moves(event):
    moderation.start_phase(event, event.phases[0])
    db.session.expire_all()
    assert event.running_phase.key == "situation"
    with pytest.raises(DomainError):
        moderation.start_phase(event, event.phases[0])


def test_built_in_labels_follow_the_viewer_language(app, event):
    from flask_babel import force_locale

    category = event.phases[0].categories[0]
    with force_locale("de"):
        assert str(category.label) == "Stärken"
    with force_locale("en"):
        assert str(category.label) == "Strengths"


def test_custom_event_needs_an_action_field(ctx, make_event):
    with pytest.raises(DomainError):
        make_event(catalogue="custom", custom_fields=[])
