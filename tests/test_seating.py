"""Seating: mixed tables within capacity, people who sat together spread out,
re-seating by action field, the moderator moving people."""

import random
import re
from math import ceil

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import DomainError, Event, Participant
from app.services import moderation, seating
from app.services.seating import balanced_targets, mixed_assignment
from tests.conftest import join


def random_seating(rng, people, tables):
    """(person, previous table) with some people without a previous table."""
    return [(p, rng.choice([*range(tables), None])) for p in range(people)]


@pytest.mark.parametrize("seed", range(3))
def test_mixed_seating_respects_capacity_and_balances_over_many_sizes(seed):
    rng = random.Random(seed)
    for tables in range(1, 13):
        for people in range(0, 110, 7):
            capacities = [rng.choice([4, 6, 8, 8, 10]) for _ in range(tables)]
            result = mixed_assignment(random_seating(rng, people, tables), capacities)
            sizes = [list(result.values()).count(i) for i in range(tables)]
            assert all(size <= cap for size, cap in zip(sizes, capacities, strict=True))
            assert sum(sizes) == min(people, sum(capacities))
            not_full = [s for s, cap in zip(sizes, capacities, strict=True) if s < cap]
            assert not not_full or max(sizes) - min(not_full) <= 1


@pytest.mark.parametrize("seed", range(3))
def test_people_who_sat_together_are_spread_over_the_tables(seed):
    rng = random.Random(seed)
    for tables in range(2, 13):
        for people in range(2, tables * 8 + 1, 5):
            before = random_seating(rng, people, tables)
            result = mixed_assignment(before, [8] * tables)
            for previous in range(tables):
                group = [p for p, t in before if t == previous]
                per_table = [sum(result[p] == t for p in group) for t in range(tables)]
                assert max(per_table) <= ceil(len(group) / tables) if group else True


def test_balanced_targets_start_from_who_already_sits():
    assert balanced_targets([8, 8, 8], [2, 0, 0], 4) == [0, 2, 2]
    assert balanced_targets([1, 8], [0, 0], 5) == [1, 4]
    assert balanced_targets([2, 2], [0, 0], 9) == [2, 2]


def seat_people(phone, table_tokens, count):
    browsers = []
    for number in range(count):
        browser = phone()
        join(browser, table_tokens[number % len(table_tokens)], f"P{number}")
        browsers.append(browser)
    return browsers


def seats(app, event_id):
    with app.app_context():
        rows = db.session.execute(
            select(Participant.id, Participant.table_id).where(
                Participant.event_id == event_id
            )
        )
        return dict(rows.all())


def test_practice_check_mixes_the_tables_then_lets_people_choose_a_field(
    app, phone, make_event, event_data, start_phase
):
    event_id = make_event(format="practice_check", catalogue="melle")
    data = event_data(event_id)
    tokens = [token for _id, token in data["tables"]]
    browsers = seat_people(phone, tokens[:2], 12)
    before = seats(app, event_id)

    start_phase(event_id, 0)

    mixed = seats(app, event_id)
    assert all(mixed.values())
    for table_id in {t for t in before.values()}:
        together = [p for p, t in before.items() if t == table_id]
        assert max(list(map(mixed.get, together)).count(t) for t in mixed.values()) <= 1
    page = browsers[0].get("/me").get_data(as_text=True)
    assert re.search(r'class="seat-call"\s*>(Bitte gehen Sie zu Tisch|Please go)', page)

    start_phase(event_id, 1)

    assert set(seats(app, event_id).values()) == {None}
    response = browsers[0].get("/me")
    assert response.status_code == 302 and "/j/" in response.location
    choose = browsers[0].get(response.location).get_data(as_text=True)
    assert "Neue Sitzordnung" in choose or "New seating" in choose


def test_late_joiner_of_a_mixed_phase_gets_the_emptiest_table(
    app, phone, make_event, event_data, start_phase
):
    event_id = make_event(format="practice_check", catalogue="melle")
    data = event_data(event_id)
    seat_people(phone, [data["tables"][0][1]], 3)
    start_phase(event_id, 0)
    late = phone()
    page = late.get(f"/j/{data['join_token']}").get_data(as_text=True)
    assert 'name="table"' not in page
    assert late.post(f"/j/{data['join_token']}", data={}).status_code == 302
    with app.app_context():
        newest = db.session.scalar(select(Participant).order_by(Participant.id.desc()))
        counts = seats(app, event_id).values()
        assert newest.table_id is not None
        assert list(counts).count(newest.table_id) == 1


def test_hosts_stay_at_their_table_when_tables_are_mixed(
    app, phone, make_event, event_data, start_phase
):
    event_id = make_event(format="practice_check", catalogue="melle")
    data = event_data(event_id)
    host = phone()
    host.post(f"/h/{host_token(app, data['tables'][3][0])}", data={"first_name": "H"})
    seat_people(phone, [data["tables"][3][1]], 5)
    start_phase(event_id, 0)
    with app.app_context():
        hosting = db.session.scalar(
            select(Participant).where(Participant.hosts_table_id.is_not(None))
        )
        assert hosting.table_id == data["tables"][3][0]


def host_token(app, table_id):
    from app.models import Table

    with app.app_context():
        return db.session.get(Table, table_id).host_token


def test_full_table_names_a_table_with_free_seats(app, phone, make_event, event_data):
    event_id = make_event()
    data = event_data(event_id)
    with app.app_context():
        db.session.get(Event, event_id).tables[0].capacity = 2
        db.session.commit()
    seat_people(phone, [data["tables"][0][1]], 2)
    third = phone()
    page = join(third, data["tables"][0][1]).get_data(as_text=True)
    assert "Tisch 1 ist voll" in page and "Tisch 2" in page


def test_moderator_moves_a_participant_within_capacity(
    app, ctx, phone, make_event, event_data
):
    event_id = make_event()
    data = event_data(event_id)
    seat_people(phone, [data["tables"][0][1]], 2)
    event = db.session.get(Event, event_id)
    first, second = db.session.scalars(select(Participant)).all()
    event.tables[1].capacity = 1
    db.session.commit()
    seating.move_participant(event, first, event.tables[1])
    assert first.table_id == event.tables[1].id
    with pytest.raises(DomainError):
        seating.move_participant(event, second, event.tables[1])


def test_moving_through_the_console_tells_the_phones_at_both_tables(
    app, phone, logged_in, make_event, event_data
):
    from tests.test_live import console_for, received, seated_phone

    event_id = make_event()
    data = event_data(event_id)
    _, moved_live = seated_phone(app, phone, data["tables"][0][1])
    console = console_for(app, logged_in, event_id)
    participant_id = next(iter(seats(app, event_id)))
    response = logged_in.post(
        f"/events/{event_id}/seats",
        data={"participant": participant_id, "table": data["tables"][2][0]},
    )
    assert response.status_code == 302 and "seating=1" in response.location
    assert received(moved_live, "seats") == [{}]
    assert received(console, "seats") == [{}]
    assert seats(app, event_id)[participant_id] == data["tables"][2][0]


def test_starting_a_phase_again_does_not_mix_the_tables_twice(
    app, ctx, phone, make_event, event_data
):
    event_id = make_event(format="practice_check", catalogue="melle")
    data = event_data(event_id)
    seat_people(phone, [data["tables"][0][1]], 6)
    event = db.session.get(Event, event_id)
    moderation.start_phase(event, event.phases[0])
    first = seats(app, event_id)
    moderation.close_phase(event, event.phases[0])
    moderation.start_phase(event, event.phases[0], confirmed=True)
    assert seats(app, event_id) == first and event.seating_round == 1
