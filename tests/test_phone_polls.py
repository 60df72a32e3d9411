"""An open poll does not hijack the phones: after voting a phone is back at its
table with "you voted", and the server tells each phone whether it voted."""

import re

import pytest

from app.extensions import db
from app.models import Event, Poll
from app.services.voting import polls
from tests.conftest import join, live_client
from tests.test_voting import make_poll, option_ids, vote

# One ballot per kind, as a phone sends it (the options filled in by the test).
BALLOTS = {
    "single": lambda o: {"option": o[0]},
    "multiple": lambda o: {"option": o[:1]},
    "scale": lambda o: {"value": 3},
    "ranking": lambda o: {f"rank_{i}": n for n, i in enumerate(o, start=1)},
    "words": lambda o: {"entry": ["Radweg"]},
    "text": lambda o: {"text": "Mehr Bänke"},
    "dots": lambda o: {f"dots_{o[0]}": 1},
    "consent": lambda o: {"choice": "agree"},
}


@pytest.fixture
def seated(app, phone, open_event):
    """An open event, two phones at table 1: (event id, data, phones)."""
    event_id, data = open_event()
    phones = [phone() for _ in range(2)]
    for client in phones:
        join(client, data["tables"][0][1], language="en")
    return event_id, data, phones


def dot_poll(app, event_id, data):
    from tests.conftest import send_card

    writer = app.test_client()
    join(writer, data["tables"][1][1])
    send_card(writer, data["phases"][0][1][0], "Radweg an der B6")
    return make_poll(
        app, event_id, "dots", card_source=f"category:{data['phases'][0][1][0]}"
    )


def banner(page, which):
    """Whether the table page's poll banner shows its `which` part."""
    part = re.search(rf'<p data-poll-banner="{which}"([^>]*)>', page).group(1)
    return "hidden" not in part


@pytest.mark.parametrize("kind", sorted(BALLOTS))
def test_a_vote_without_javascript_goes_back_to_the_table_saying_it_counts(
    app, seated, kind
):
    event_id, data, (a, _b) = seated
    if kind == "dots":
        poll_id = dot_poll(app, event_id, data)
    else:
        poll_id = make_poll(app, event_id, kind)
    form = BALLOTS[kind](option_ids(app, poll_id))
    sent = a.post(f"/me/polls/{poll_id}/vote", data=form)
    assert sent.status_code == 302 and sent.location.endswith("/me")
    page = a.get("/me").get_data(as_text=True)
    assert "your vote is counted. You can change it while the poll is open" in page
    assert banner(page, "voted") and not banner(page, "open")
    assert f'href="/me/polls/{poll_id}"' in page


def test_a_refused_vote_without_javascript_stays_at_the_poll(app, seated):
    event_id, _data, (a, _b) = seated
    poll_id = make_poll(app, event_id, "single")
    refused = a.post(f"/me/polls/{poll_id}/vote", data={})
    assert refused.location.endswith(f"/me/polls/{poll_id}")


def test_table_page_and_resync_tell_each_phone_whether_it_voted(app, seated):
    event_id, _data, (a, b) = seated
    poll_id = make_poll(app, event_id, "single")
    assert a.get("/me/state").get_json()["poll"]["voted"] is False
    assert banner(a.get("/me").get_data(as_text=True), "open")
    vote(a, poll_id, option=option_ids(app, poll_id)[0])
    assert a.get("/me/state").get_json()["poll"]["voted"] is True
    assert b.get("/me/state").get_json()["poll"]["voted"] is False
    page = a.get("/me").get_data(as_text=True)
    assert banner(page, "voted") and not banner(page, "open")
    assert f'"poll": {{"id": {poll_id}, "voted": true}}' in page


def test_a_reset_poll_counts_nobody_as_voted(app, seated):
    event_id, _data, (a, _b) = seated
    poll_id = make_poll(app, event_id, "single")
    vote(a, poll_id, option=option_ids(app, poll_id)[0])
    with app.test_request_context():
        event, poll = db.session.get(Event, event_id), db.session.get(Poll, poll_id)
        polls.reset_poll(event, poll)
        polls.open_poll(event, db.session.get(Poll, poll_id))
    assert a.get("/me/state").get_json()["poll"]["voted"] is False


def test_room_pushes_of_a_poll_carry_no_vote_of_anyone(app, seated):
    event_id, _data, (a, _b) = seated
    socket = live_client(app, a, {"role": "phone"})
    socket.get_received("/live")
    make_poll(app, event_id, "single")
    pushed = [m for m in socket.get_received("/live") if m["name"] == "poll"]
    assert pushed and all("voted" not in m["args"][0] for m in pushed)
    socket.disconnect(namespace="/live")


def test_the_poll_page_knows_the_seat_so_it_can_give_way_to_a_seating_notice(
    app, seated
):
    event_id, data, (a, _b) = seated
    poll_id = make_poll(app, event_id, "single")
    page = a.get(f"/me/polls/{poll_id}").get_data(as_text=True)
    assert f'"seat": "{data["tables"][0][0]}-"' in page
    assert '"seating_round": 0' in page
