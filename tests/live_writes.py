"""Sending a card or a vote over both ways a phone has, HTTP and the live socket,
and what the tests of tests/test_live_writes*.py set up for it."""

import uuid
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models import Event, Participant, Poll
from app.services import moderation
from app.services.voting import polls
from tests.conftest import join, live_client, send_card
from tests.test_voting import make_poll, option_ids

JSON = {"Accept": "application/json"}
TAKEN = "0c8f2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"


@dataclass
class World:
    """An open event with phase 1 running; one phone sends over HTTP, one over its
    socket, both seated at table 1 in German."""

    app: object
    event_id: int
    data: dict
    phones: dict
    poll_id: int | None = None
    options: list = field(default_factory=list)

    @property
    def category(self):
        return self.data["phases"][0][1][0]

    def change(self, function):
        with self.app.test_request_context():
            function(db.session.get(Event, self.event_id))
            db.session.commit()


def http_answer(client, path, pairs):
    response = client.post(path, data=MultiDict(pairs), headers=JSON)
    body = response.get_json()
    return {
        "ok": body["ok"],
        "status": response.status_code,
        "error": body.get("error"),
    }


def socket_answer(live, name, payload):
    ack = live.emit(name, payload, namespace="/live", callback=True)
    return {"ok": ack["ok"], "status": ack.get("status"), "error": ack.get("error")}


def refused_alike(answers):
    """A refusal over HTTP (4xx), and the same status and message over the socket."""
    assert answers["http"]["ok"] is False and 400 <= answers["http"]["status"] < 500
    assert answers["socket"] == answers["http"]


def send_card_both_ways(world, fields):
    """The card fields(world) sent once each way; {way: answer}."""
    answers = {"http": http_answer(world.phones["http"][0], "/me/cards", fields(world))}
    answers["socket"] = socket_answer(world.phones["socket"][1], "card", fields(world))
    return answers


def vote_both_ways(world, fields, vote_uuid=None):
    answers = {}
    for way, (client, live) in world.phones.items():
        pairs, sent_uuid = fields(world), vote_uuid or str(uuid.uuid4())
        if way == "http":
            path = f"/me/polls/{world.poll_id}/vote"
            answers[way] = http_answer(client, path, [*pairs, ("uuid", sent_uuid)])
        else:
            payload = {"poll": world.poll_id, "uuid": sent_uuid, "fields": pairs}
            answers[way] = socket_answer(live, "vote", payload)
    return answers


@pytest.fixture
def world(app, phone, open_event):
    opened = []

    def make(poll_kind=None, before=None, **poll_values):
        """before(world): what happens before the phones send."""
        event_id, data = open_event()
        poll_id = _poll(app, event_id, data, poll_kind, poll_values)
        phones = {}
        for way in ("http", "socket"):
            client = phone()
            join(client, data["tables"][0][1], language="de")
            phones[way] = (client, live_client(app, client, {"role": "phone"}))
            opened.append(phones[way][1])
        options = option_ids(app, poll_id) if poll_id else []
        made = World(app, event_id, data, phones, poll_id, options)
        if before:
            before(made)
        return made

    yield make
    app.config.update(CARD_RATE_LIMIT=30, VOTE_RATE_LIMIT=20)
    for live in opened:
        if live.is_connected("/live"):
            live.disconnect(namespace="/live")


def _poll(app, event_id, data, kind, values):
    if kind == "dots":
        writer = app.test_client()
        join(writer, data["tables"][1][1])
        for text in ("Radweg an der B6", "Jugendtreff öffnen"):
            send_card(writer, data["phases"][0][1][0], text)
        source = f"category:{data['phases'][0][1][0]}"
        values = {"card_source": source, "dots": 3, "dots_per_card": 2, **values}
    return make_poll(app, event_id, kind, **values) if kind else None


def card(**changes):
    def fields(world):
        sent = {"uuid": str(uuid.uuid4()), "category": world.category, "text": "Bus"}
        return {key: value for key, value in {**sent, **changes}.items() if value}

    return fields


def other_phase(world):
    return {"uuid": str(uuid.uuid4()), "category": world.data["phases"][1][1][0]}


def close_phase(event):
    moderation.close_phase(event, event.running_phase)


def participants(event):
    return db.session.scalars(
        select(Participant).where(Participant.event_id == event.id)
    )


def unseat(event):
    for participant in participants(event):
        participant.table_id = None


def remove_phones(event):
    for participant in participants(event):
        db.session.delete(participant)


def taken_by_another_phone(world):
    """A third phone sent a card and a vote under the UUID TAKEN."""
    other = world.app.test_client()
    join(other, world.data["tables"][0][1])
    send_card(other, world.category, "Schon da", card_uuid=TAKEN)
    if world.poll_id:
        form = {"option": world.options[0], "uuid": TAKEN}
        other.post(f"/me/polls/{world.poll_id}/vote", data=form, headers=JSON)


def option(index=0, name="option"):
    return lambda world: [(name, str(world.options[index]))]


def pairs(*items):
    return lambda world: list(items)


def ranks(*places):
    return lambda w: [
        (f"rank_{o}", str(p)) for o, p in zip(w.options, places, strict=False)
    ]


def dots(*given):
    return lambda w: [
        (f"dots_{o}", str(n)) for o, n in zip(w.options, given, strict=False)
    ]


def close_poll(world):
    with world.app.test_request_context():
        poll = db.session.get(Poll, world.poll_id)
        polls.close_poll(poll.event, poll)


def received(live, name):
    return [m["args"][0] for m in live.get_received("/live") if m["name"] == name]
