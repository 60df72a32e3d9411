"""A closed event's projector says thank you: closing takes the poll and the table
off the projector, live and on a reload, and nothing can be put back on."""

# ruff: noqa: F401, F811 (the room fixture comes from test_voting)

import re

import pytest

from app.extensions import db
from app.models import Event
from tests.conftest import CONFIRMED, live_client
from tests.test_voting import make_poll, room


def projector_page(client, data):
    return client.get(f"/projector/{data['projector_token']}").get_data(as_text=True)


def hidden(page, element_id):
    tag = re.search(rf'<section[^>]*id="{element_id}"[^>]*>', page).group(0)
    return " hidden" in tag


@pytest.fixture
def closing(app, room, logged_in):
    """An open poll on the projector; close() closes the event as the console does."""
    event_id, data, _ = room
    poll_id = make_poll(app, event_id, "single")  # open: on the projector
    return (
        event_id,
        data,
        poll_id,
        lambda: logged_in.post(f"/events/{event_id}/close", data=CONFIRMED),
    )


def test_a_closed_event_shows_the_thank_you_screen_not_the_last_poll(app, closing):
    event_id, data, _, close = closing
    page = projector_page(app.test_client(), data)
    assert not hidden(page, "poll-view") and hidden(page, "thanks-view")
    close()
    page = projector_page(app.test_client(), data)
    assert hidden(page, "poll-view") and not hidden(page, "thanks-view")
    assert 'class="projector event-closed"' in page
    assert on_projector(app, event_id) == (None, None)


def test_closing_takes_poll_and_table_off_a_live_projector(app, closing):
    _, data, _, close = closing
    projector = live_client(
        app, app.test_client(), {"role": "projector", "token": data["projector_token"]}
    )
    projector.get_received("/live")
    close()
    pushed = {m["name"]: m["args"][0] for m in projector.get_received("/live")}
    assert pushed["state"]["event_open"] is False
    assert pushed["projector_poll"] == {"poll": None}
    assert pushed["spotlight"] == {"table": None}


def test_a_closed_event_puts_no_poll_or_table_on_the_projector(app, closing, logged_in):
    event_id, data, poll_id, close = closing
    close()
    json = {"Accept": "application/json"}
    shown = logged_in.post(f"/events/{event_id}/polls/{poll_id}/project", headers=json)
    assert shown.status_code == 409 and shown.get_json()["error"]
    table = {"table": data["tables"][0][0]}
    spotlit = logged_in.post(f"/events/{event_id}/spotlight", data=table, headers=json)
    assert spotlit.status_code == 409
    assert on_projector(app, event_id) == (None, None)


def test_an_event_closed_with_a_poll_on_the_projector_still_says_thank_you(
    app, closing
):
    """Events closed before closing cleared the projector keep their poll id."""
    event_id, data, poll_id, close = closing
    close()
    with app.app_context():
        db.session.get(Event, event_id).projector_poll_id = poll_id
        db.session.commit()
    page = projector_page(app.test_client(), data)
    assert 'class="projector event-closed"' in page  # the CSS hides the poll
    assert not hidden(page, "thanks-view")


def on_projector(app, event_id):
    with app.app_context():
        event = db.session.get(Event, event_id)
        return event.projector_poll_id, event.spotlight_table_id
