"""Phones write over their live socket, in Debian's Chromium against the real
server: a vote given without a connection is kept on the phone and counted once
when it is back; a card goes over the socket and reaches the console."""

import sqlite3

from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    join_table,
    log_in,
    page_string,
    wait_until_live,
    write_card,
)
from tests.test_voting_browser import create_poll, poll_action

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser, running_event = journeys.organiser, journeys.running_event


def ballots(database, poll_id):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        query = "SELECT count(*) FROM ballot WHERE poll_id = ?"
        return connection.execute(query, (poll_id,)).fetchone()[0]


def posts_to(page, path):
    """The POSTs the page sends to path, as a list that fills as they go."""
    sent = []
    page.on(
        "request",
        lambda r: sent.append(r.url) if r.method == "POST" and path in r.url else None,
    )
    return sent


def test_a_vote_given_offline_is_kept_on_the_phone_and_counted_once_back_online(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    console = new_context(**LAPTOP).new_page()
    log_in(console)
    poll_id, _ = create_poll(
        organiser, server.url, event_id, "single", question="Pause?", options="Ja\nNein"
    )
    poll_action(organiser, server.url, event_id, poll_id, "open")
    console.goto(f"/events/{event_id}/polls/{poll_id}")
    wait_until_live(console)
    context = new_context(**PHONE)
    phone = context.new_page()
    join_table(phone, table_token, "Lea")
    phone.wait_for_url(f"**/me/polls/{poll_id}")  # the open poll takes the phone
    wait_until_live(phone)

    context.set_offline(True)
    phone.get_by_label("Ja").check()
    phone.click("#vote-button")
    status = phone.locator("#vote-status")
    expect(status).to_have_text(page_string(phone, "vote_waiting"), timeout=15000)
    expect(phone.locator("#vote-done")).to_be_hidden()
    assert ballots(server.database, poll_id) == 0
    phone.screenshot(path=ARTIFACTS / "vote-kept-offline.png")

    context.set_offline(False)
    expect(phone.locator("#vote-done")).to_be_visible(timeout=20000)
    phone.wait_for_url("**/me")
    expect(phone.locator('[data-poll-banner="voted"]')).to_be_visible()
    expect(console.locator(".poll-count")).to_contain_text("1")
    assert ballots(server.database, poll_id) == 1
    assert phone.evaluate("localStorage.getItem('tischrunde-votes')") == "[]"
    poll_action(organiser, server.url, event_id, poll_id, "close")


def test_a_card_goes_over_the_socket_and_reaches_the_console(
    new_context, running_event
):
    event_id, table_token = running_event
    console = new_context(**LAPTOP).new_page()
    log_in(console)
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_token, "Tom")
    wait_until_live(phone)
    posted = posts_to(phone, "/me/cards")

    write_card(phone, "Über die offene Verbindung")

    on_console = console.locator(".table-grid .card-text")
    expect(on_console).to_have_text(["Über die offene Verbindung"])
    expect(phone.locator("#cards .card-text")).to_have_text(
        ["Über die offene Verbindung"]
    )
    expect(phone.locator("#pending .card")).to_have_count(0)
    assert posted == []
