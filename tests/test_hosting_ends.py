"""Hosting ends when the host leaves the table: by scanning another table's code,
by being moved or re-seated by the moderator. Staying at the table keeps it."""

import pytest

from app.extensions import db
from app.models import Participant, Table
from tests.conftest import join, live_client
from tests.test_live import received


@pytest.fixture
def host(app, phone, open_event):
    """A phone hosting table 1 with its host tools live -> (browser, tools socket,
    participant id, event id, event data)."""
    event_id, data = open_event()
    with app.app_context():
        token = db.session.get(Table, data["tables"][0][0]).host_token
    browser = phone()
    browser.post(f"/h/{token}", data={"first_name": "Hanna"})
    tools = live_client(app, browser, {"role": "host"})
    assert tools.is_connected("/live")
    with app.app_context():
        participant = db.session.query(Participant).one()
        return browser, tools, participant.id, event_id, data


def hosted_table(app, participant_id):
    with app.app_context():
        return db.session.get(Participant, participant_id).hosts_table_id


def assert_no_longer_hosting(app, host):
    browser, tools, participant_id, *_ = host
    assert hosted_table(app, participant_id) is None
    assert browser.get("/me/host").status_code == 403
    assert not tools.is_connected("/live")  # its host tools are cut off


def test_scanning_another_tables_code_ends_hosting(app, host):
    browser, _, _, _, data = host
    join(browser, data["tables"][1][1])
    assert_no_longer_hosting(app, host)


def test_being_moved_by_the_moderator_ends_hosting(app, host, logged_in):
    _, _, participant_id, event_id, data = host
    logged_in.post(
        f"/events/{event_id}/seats",
        data={"participant": participant_id, "table": data["tables"][2][0]},
    )
    assert_no_longer_hosting(app, host)


def test_losing_the_seat_ends_hosting(app, host, logged_in):
    _, _, participant_id, event_id, _ = host
    logged_in.post(f"/events/{event_id}/seats", data={"participant": participant_id})
    assert_no_longer_hosting(app, host)


def test_hosting_another_table_ends_hosting_the_first(app, host, logged_in):
    _, _, participant_id, event_id, data = host
    logged_in.post(
        f"/events/{event_id}/seats",
        data={"participant": participant_id, "table": data["tables"][3][0], "host": 1},
    )
    assert hosted_table(app, participant_id) == data["tables"][3][0]
    assert not host[1].is_connected("/live")


def test_ending_hosting_cuts_off_the_host_tools(app, host, logged_in):
    _, _, participant_id, event_id, _ = host
    logged_in.post(f"/events/{event_id}/hosts/{participant_id}/end")
    assert_no_longer_hosting(app, host)


def test_joining_the_own_table_again_keeps_hosting(app, host):
    browser, tools, participant_id, _, data = host
    join(browser, data["tables"][0][1], first_name="Hanna")
    assert hosted_table(app, participant_id) == data["tables"][0][0]
    assert browser.get("/me/host").status_code == 200
    assert tools.is_connected("/live") and received(tools, "revoked") == []
