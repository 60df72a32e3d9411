"""One commit per request or socket event; pushes only for what was committed."""

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.extensions import db
from app.live import broadcast
from app.models import Card, DomainError, Event, Table
from app.services import cards as card_services
from app.unit_of_work import after_commit, unit
from tests.conftest import send_card
from tests.test_live import console_for, received, seated_phone
from tests.test_voting import make_poll, option_ids, vote


@pytest.fixture
def journal(monkeypatch):
    """What happened, in order: "commit" for each committed unit, "push <name>"
    for each push that left the server."""
    happened = []

    def committed(session):
        if not session.in_nested_transaction():
            happened.append("commit")

    send = broadcast._send

    def pushed(name, payload, rooms):
        happened.append(f"push {name}")
        send(name, payload, rooms)

    event.listen(Session, "after_commit", committed, insert=True)  # noted first
    monkeypatch.setattr(broadcast, "_send", pushed)
    yield happened
    event.remove(Session, "after_commit", committed)


@pytest.fixture
def room(app, phone, logged_in, open_event):
    event_id, data = open_event()
    writer, _writer_live = seated_phone(app, phone, data["tables"][0][1])
    console = console_for(app, logged_in, event_id)
    console.get_received("/live")
    return {
        "event_id": event_id,
        "data": data,
        "writer": writer,
        "console": console,
        "category": data["phases"][0][1][0],
    }


def cards_stored(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Card.id)))


def test_a_card_is_one_commit_and_its_pushes_follow_it(app, room, journal):
    response = send_card(room["writer"], room["category"], "Mehr Sprachkurse")
    assert response.status_code == 201
    assert journal.count("commit") == 1
    assert journal.index("commit") < journal.index("push card")
    assert [c["text"] for c in received(room["console"], "card")] == [
        "Mehr Sprachkurse"
    ]


def test_a_vote_is_one_commit_and_the_tally_follows_it(app, phone, room, journal):
    poll_id = make_poll(app, room["event_id"], "single")
    journal.clear()
    school = option_ids(app, poll_id)[0]
    assert vote(room["writer"], poll_id, option=school).status_code == 200
    assert journal[0] == "commit" and set(journal[1:]) == {"push tally"}


def test_a_failed_commit_stores_nothing_and_pushes_nothing(
    app, room, journal, monkeypatch
):
    def broken_commit():
        raise RuntimeError("disk full")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    response = send_card(room["writer"], room["category"], "Mehr Sprachkurse")
    monkeypatch.undo()
    assert response.status_code == 500
    assert cards_stored(app) == 0
    assert not [line for line in journal if line.startswith("push")]
    assert received(room["console"], "card") == []


def test_a_moderator_action_is_one_commit(app, room, journal, logged_in):
    send_card(room["writer"], room["category"], "Mehr Sprachkurse")
    with app.app_context():
        card = db.session.scalar(select(Card))
        other = db.session.scalars(
            select(Table).where(Table.event_id == room["event_id"]).order_by(Table.id)
        ).all()[1]
        card_id, table_id = card.id, other.id
    journal.clear()
    response = logged_in.post(
        f"/events/{room['event_id']}/cards/{card_id}/move",
        data={"table": table_id, "category": room["category"]},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    assert journal.count("commit") == 1
    assert journal.index("commit") < journal.index("push card")


def test_a_refusal_after_a_change_rolls_the_change_back(app, room, journal):
    """A view may catch a refusal to show it; what the unit changed before the
    refusal is not committed all the same."""
    with app.test_request_context():
        event = db.session.get(Event, room["event_id"])
        event.title = "Changed, then refused"
        try:
            raise DomainError("refused")
        except DomainError:
            pass
    with app.app_context():
        assert db.session.get(Event, room["event_id"]).title != "Changed, then refused"
    assert "commit" not in journal


def test_work_queued_for_the_commit_is_dropped_with_a_rollback(app, room):
    done = []
    with pytest.raises(RuntimeError), app.app_context(), unit():
        db.session.get(Event, room["event_id"]).title = "Never stored"
        after_commit(done.append, "pushed")
        raise RuntimeError("the unit fails")
    assert done == []
    with app.app_context(), unit():
        db.session.get(Event, room["event_id"]).title = "Stored"
        after_commit(done.append, "pushed")
        assert done == []  # not before the commit
    assert done == ["pushed"]


def test_a_push_from_a_unit_that_changed_nothing_goes_at_once(app, room):
    done = []
    with app.app_context():
        db.session.get(Event, room["event_id"])
        after_commit(done.append, "pushed")
        assert done == ["pushed"]


def test_a_service_calling_services_commits_once(app, room, journal):
    """Moving a card approves nothing, asks for translations and records the
    audit entry: all one unit, one commit, pushes after it."""
    send_card(room["writer"], room["category"], "Mehr Sprachkurse")
    journal.clear()
    with app.test_request_context():
        card = db.session.scalar(select(Card))
        table = db.session.scalars(
            select(Table).where(Table.event_id == room["event_id"]).order_by(Table.id)
        ).all()[1]
        card_services.move_card(card, table, card.category)
        assert journal == []  # flushed, not committed, nothing pushed
    assert journal.count("commit") == 1
    assert journal[0] == "commit" and "push card" in journal
