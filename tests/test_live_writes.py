"""Phones write cards and votes over their live socket: every refusal the HTTP
path gives comes back in the acknowledgement with the same status and message,
in the phone's language; resends are answered alike; only phones may write."""

import uuid
from dataclasses import dataclass, field

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from app.errors import status_message
from app.extensions import db, socketio
from app.live.writes import socket_write
from app.models import Ballot, Card, Event, Participant, Poll
from app.models.card import MAX_SECTION_LENGTH
from app.services import moderation
from app.services.voting import codes, polls
from tests.conftest import join, join_as_interpreter, live_client, send_card
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

    def make(poll_kind=None, **poll_values):
        event_id, data = open_event()
        poll_id = _poll(app, event_id, data, poll_kind, poll_values)
        phones = {}
        for way in ("http", "socket"):
            client = phone()
            join(client, data["tables"][0][1], language="de")
            phones[way] = (client, live_client(app, client, {"role": "phone"}))
            opened.append(phones[way][1])
        options = option_ids(app, poll_id) if poll_id else []
        return World(app, event_id, data, phones, poll_id, options)

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


CARD_REFUSALS = {
    "empty text": (card(text="   "), None),
    "text too long": (card(text="x" * 501), None),
    "no kind of card": (card(category="abc"), None),
    "kind of another phase": (other_phase, None),
    "unknown language": (card(language="xx"), None),
    "section too long": (card(section="x" * (MAX_SECTION_LENGTH + 1)), None),
    "not a uuid": (card(uuid="nope"), None),
    "uuid of another phone": (card(uuid=TAKEN), taken_by_another_phone),
    "no phase running": (card(), lambda w: w.change(close_phase)),
    "event closed": (card(), lambda w: w.change(moderation.close_event)),
    "not seated": (card(), lambda w: w.change(unseat)),
    "too fast": (card(), lambda w: w.app.config.update(CARD_RATE_LIMIT=0)),
    "phone removed": (card(), lambda w: w.change(remove_phones)),
}


@pytest.mark.parametrize("case", CARD_REFUSALS)
def test_a_refused_card_gets_the_same_answer_over_the_socket_as_over_http(
    app, world, case
):
    fields, before = CARD_REFUSALS[case]
    here = world()
    if before:
        before(here)
    answers = send_card_both_ways(here, fields)
    assert answers["http"]["ok"] is False and 400 <= answers["http"]["status"] < 500
    assert answers["socket"] == answers["http"]
    with app.app_context():
        stored = db.session.scalars(select(Card.text)).all()
    assert stored == (["Schon da"] if case == "uuid of another phone" else [])


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


MULTIPLE = {"min_choices": 2, "max_choices": 2}
VOTE_REFUSALS = {
    "unknown option": ("single", {}, pairs(("option", "99999")), None),
    "option not a number": ("single", {}, pairs(("option", "x")), None),
    "two options of one": ("single", {}, lambda w: option(0)(w) + option(1)(w), None),
    "too few options": ("multiple", MULTIPLE, option(0), None),
    "too many options": (
        "multiple",
        MULTIPLE,
        lambda w: [("option", str(o)) for o in w.options],
        None,
    ),
    "value off the scale": ("scale", {}, pairs(("value", "6")), None),
    "value not a number": ("scale", {}, pairs(("value", "viel")), None),
    "same place twice": ("ranking", {}, ranks(1, 1, 2), None),
    "a place missing": ("ranking", {}, ranks(1, 2), None),
    "only stop words": ("words", {}, pairs(("entry", "und die")), None),
    "too many words": ("words", {}, pairs(("entry", "eins zwei drei vier")), None),
    "too many entries": (
        "words",
        {},
        pairs(("entry", "a"), ("entry", "b"), ("entry", "c"), ("entry", "d")),
        None,
    ),
    "answer too long": ("text", {}, pairs(("text", "x" * 281)), None),
    "veto without a reason": ("consent", {}, pairs(("choice", "veto")), None),
    "unknown consent answer": ("consent", {}, pairs(("choice", "maybe")), None),
    "more dots than given": ("dots", {}, dots(2, 2), None),
    "too many dots on a card": ("dots", {}, dots(3), None),
    "dots on an unknown card": ("dots", {}, pairs(("dots_999", "1")), None),
    "no dots": ("dots", {}, dots(0), None),
    "poll closed": ("single", {}, option(0), close_poll),
    "poll still a draft": ("single", {"open": False}, option(0), None),
    "no such poll": ("single", {}, option(0), lambda w: setattr(w, "poll_id", 99999)),
    "voting code needed": (
        "single",
        {},
        option(0),
        lambda w: w.change(lambda event: codes.add_codes(event, 2)),
    ),
    "too fast": (
        "single",
        {},
        option(0),
        lambda w: w.app.config.update(VOTE_RATE_LIMIT=0),
    ),
    "phone removed": ("single", {}, option(0), lambda w: w.change(remove_phones)),
}


@pytest.mark.parametrize("case", VOTE_REFUSALS)
def test_a_refused_vote_gets_the_same_answer_over_the_socket_as_over_http(
    app, world, case
):
    kind, values, fields, before = VOTE_REFUSALS[case]
    here = world(kind, **values)
    if before:
        before(here)
    answers = vote_both_ways(here, fields)
    assert answers["http"]["ok"] is False and 400 <= answers["http"]["status"] < 500
    assert answers["socket"] == answers["http"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Ballot.id))) == 0


@pytest.mark.parametrize(
    "vote_uuid", ["nope", TAKEN], ids=["not a uuid", "uuid of another phone"]
)
def test_a_vote_under_a_bad_uuid_is_refused_alike(app, world, vote_uuid):
    here = world("single")
    taken_by_another_phone(here)
    answers = vote_both_ways(here, option(1), vote_uuid)
    assert answers["http"]["status"] == 400
    assert answers["socket"] == answers["http"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Ballot.id))) == 1


def test_a_poll_of_another_event_is_refused_alike(app, world, open_event):
    here = world("single")
    other_event, _data = open_event(title="Anderes Forum")
    here.poll_id = make_poll(app, other_event, "single")
    here.options = option_ids(app, here.poll_id)
    answers = vote_both_ways(here, option(0))
    assert answers["http"]["status"] == 404
    assert answers["socket"] == answers["http"]


def received(live, name):
    return [m["args"][0] for m in live.get_received("/live") if m["name"] == name]


def test_a_card_over_the_socket_is_answered_as_over_http_and_reaches_the_room(
    app, world, logged_in
):
    here = world()
    console = live_client(app, logged_in, {"role": "console", "event": here.event_id})
    http_phone, writer = here.phones["http"][0], here.phones["socket"][1]
    for live in (console, here.phones["http"][1], writer):
        live.get_received("/live")
    over_http = send_card(http_phone, here.category, "Über HTTP").get_json()
    fields = {"uuid": str(uuid.uuid4()), "category": here.category, "text": "Socket"}
    ack = writer.emit("card", fields, namespace="/live", callback=True)
    assert ack["ok"] is True and set(ack) == set(over_http)
    assert set(ack["card"]) == set(over_http["card"]) and ack["card"]["own"] is True
    assert ack["card"]["text"] == "Socket" and ack["card"]["uuid"] == fields["uuid"]
    assert [c["text"] for c in received(console, "card")] == ["Über HTTP", "Socket"]
    neighbour = here.phones["http"][1]
    assert [c["text"] for c in received(neighbour, "card")] == ["Über HTTP", "Socket"]


def test_a_resent_card_is_answered_with_the_card_stored_and_pushed_once(
    app, world, logged_in
):
    here = world()
    console = live_client(app, logged_in, {"role": "console", "event": here.event_id})
    console.get_received("/live")
    client, live = here.phones["socket"]
    fields = {"uuid": str(uuid.uuid4()), "category": here.category, "text": "Einmal"}
    acks = [live.emit("card", fields, namespace="/live", callback=True) for _ in "abc"]
    by_http = client.post("/me/cards", data=fields, headers=JSON)
    assert all(ack["ok"] for ack in acks) and by_http.status_code == 200
    ids = {ack["card"]["id"] for ack in acks} | {by_http.get_json()["card"]["id"]}
    assert len(ids) == 1
    assert len(received(console, "card")) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count(Card.id))) == 1


def test_a_resent_vote_counts_once_and_is_answered_even_after_the_poll_closed(
    app, world
):
    here = world("single")
    client, live = here.phones["socket"]
    sent = {"poll": here.poll_id, "uuid": str(uuid.uuid4()), "fields": option(0)(here)}
    first = live.emit("vote", sent, namespace="/live", callback=True)
    again = live.emit("vote", sent, namespace="/live", callback=True)
    close_poll(here)
    late = live.emit("vote", sent, namespace="/live", callback=True)
    form = {"option": here.options[0], "uuid": sent["uuid"]}
    by_http = client.post(f"/me/polls/{here.poll_id}/vote", data=form, headers=JSON)
    assert first == again == late == {"ok": True, "ballot": first["ballot"]}
    assert by_http.get_json() == first
    changed = {**sent, "uuid": str(uuid.uuid4()), "fields": option(1)(here)}
    refused = live.emit("vote", changed, namespace="/live", callback=True)
    assert (refused["ok"], refused["status"]) == (False, 409)
    with app.app_context():
        ballots = db.session.scalars(select(Ballot)).all()
    assert [(b.answer, b.uuid) for b in ballots] == [
        ({"options": [here.options[0]]}, sent["uuid"])
    ]


def test_a_vote_over_the_socket_pushes_the_tally_to_console_and_projector(
    app, world, logged_in
):
    here = world("single")
    console = live_client(app, logged_in, {"role": "console", "event": here.event_id})
    projector_token = here.data["projector_token"]
    projector = live_client(
        app, app.test_client(), {"role": "projector", "token": projector_token}
    )
    for live in (console, projector):
        live.get_received("/live")
    sent = {"poll": here.poll_id, "uuid": str(uuid.uuid4()), "fields": option(0)(here)}
    assert here.phones["socket"][1].emit(
        "vote", sent, namespace="/live", callback=True
    )["ok"]
    assert received(console, "tally")[-1]["options"][0]["count"] == 1
    assert received(projector, "tally")[-1]["voters"] == 1


def test_a_phone_hears_refusals_in_its_own_language(app, phone, open_event):
    _event_id, data = open_event()
    answers = {}
    for language in ("en", "de"):
        client = phone()
        join(client, data["tables"][0][1], language=language)
        live = live_client(app, client, {"role": "phone"})
        fields = {"uuid": str(uuid.uuid4()), "category": "abc", "text": "x"}
        ack = live.emit("card", fields, namespace="/live", callback=True)
        by_http = client.post("/me/cards", data=fields, headers=JSON).get_json()
        assert ack["error"] == by_http["error"]
        answers[language] = ack["error"]
    assert answers["en"] == "Please choose what kind of card this is."
    assert answers["de"] != answers["en"]


def test_only_phones_may_write_over_the_socket(app, world, logged_in):
    here = world("single")
    interpreter_browser = app.test_client()
    join_as_interpreter(interpreter_browser, here.data["interpreter_token"], ["en"])
    others = [
        live_client(app, logged_in, {"role": "console", "event": here.event_id}),
        live_client(
            app,
            app.test_client(),
            {"role": "projector", "token": here.data["projector_token"]},
        ),
        live_client(app, interpreter_browser, {"role": "interpreter"}),
    ]
    card_fields = {"uuid": str(uuid.uuid4()), "category": here.category, "text": "x"}
    vote_fields = {"poll": here.poll_id, "fields": option(0)(here)}
    for live in others:
        assert live.is_connected("/live")
        for name, payload in (("card", card_fields), ("vote", vote_fields)):
            ack = live.emit(name, payload, namespace="/live", callback=True)
            assert (ack["ok"], ack["status"]) == (False, 403)
    with app.app_context():
        assert db.session.scalar(select(func.count(Card.id))) == 0
        assert db.session.scalar(select(func.count(Ballot.id))) == 0


@pytest.mark.parametrize(
    "name, payload, status",
    [
        ("card", "just text", 400),
        ("card", None, 400),
        ("card", {"text": {"nested": 1}}, 400),
        ("vote", {"poll": "abc", "fields": []}, 404),
        ("vote", {"poll": True, "fields": []}, 404),
        ("vote", {"poll": 1, "fields": "option=1"}, 400),
        ("vote", {"poll": 1, "fields": [["option"]]}, 400),
        ("vote", {"poll": 1, "fields": [["option", ["1"]]]}, 400),
    ],
)
def test_malformed_socket_writes_are_refused_with_the_http_messages(
    app, world, name, payload, status
):
    here = world()
    live = here.phones["socket"][1]
    ack = live.emit(name, payload, namespace="/live", callback=True)
    with app.test_request_context():  # the phones joined in German, the default
        message = status_message(status)
    assert ack == {"ok": False, "status": status, "error": message}


@socketio.on("test-failing-write", namespace="/live")
@socket_write
def failing_write(participant, payload):
    participant.first_name = "Geändert"
    raise RuntimeError("a bug in a write")


def test_an_unexpected_error_is_answered_rolled_back_and_logged(app, world, caplog):
    here = world()
    ack = here.phones["socket"][1].emit(
        "test-failing-write", {}, namespace="/live", callback=True
    )
    with app.test_request_context():
        assert ack == {"ok": False, "status": 500, "error": status_message(500)}
        names = db.session.scalars(select(Participant.first_name)).all()
    assert "Geändert" not in names
    failure = [r for r in caplog.records if "test-failing-write" in r.getMessage()]
    assert failure and failure[0].exc_info[0] is RuntimeError
