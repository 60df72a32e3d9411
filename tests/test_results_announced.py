"""Live results for screen readers: the projector and the phone's result view tell
new results in a sentence through a polite live region, and a burst of votes makes
the projector speak at most once per window."""

import re
from itertools import pairwise

import pytest
from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.live_server import csrf_token, projector_path, seated_phone
from tests.test_browser import ARTIFACTS, PHONE, join_table, wait_until_live
from tests.test_voting_browser import open_yes_no_poll, poll_action

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser, running_event = journeys.organiser, journeys.running_event

WINDOW_MS = 5000
# Every change of the live region's text, with when it happened.
RECORD_CHANGES = """
region => {
  window.__said = [];
  new MutationObserver(() => window.__said.push(
    {text: region.textContent, at: performance.now()}
  )).observe(region, {childList: true, characterData: true, subtree: true});
}
"""


def vote_for(server, phone, poll_id, option):
    path = f"{server.url}/me/polls/{poll_id}"
    ballot = phone.get(path).text
    chosen = re.findall(r'name="option" value="(\d+)"', ballot)[option]
    answer = phone.post(
        path + "/vote",
        data={"csrf_token": csrf_token(ballot), "option": chosen},
        headers={"Accept": "application/json"},
    )
    answer.raise_for_status()


@pytest.fixture
def open_poll(server, organiser, running_event):
    event_id, table_token = running_event
    poll_id = open_yes_no_poll(organiser, server.url, event_id)
    return event_id, table_token, poll_id


def test_projector_tells_a_burst_of_votes_at_most_once_per_window(
    new_context, server, organiser, open_poll
):
    event_id, table_token, poll_id = open_poll
    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(projector_path(organiser, server.url, event_id))  # in German
    wait_until_live(projector)
    region = projector.locator("#poll-announce")
    expect(region).to_have_text("Passt der Termin?: 0 Stimmen")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(projector.locator("#poll-view")).not_to_have_attribute("aria-live", "polite")
    region.evaluate(RECORD_CHANGES)

    phones = [seated_phone(server.url, table_token) for _ in range(6)]
    for number, phone in enumerate(phones):
        vote_for(server, phone, poll_id, 0 if number else 1)

    expect(region).to_have_text("6 Stimmen. Vorn: Ja (83 %)", timeout=15000)
    said = projector.evaluate("window.__said")
    gaps = [later["at"] - earlier["at"] for earlier, later in pairwise(said)]
    assert said and all(gap >= WINDOW_MS - 50 for gap in gaps), said
    expect(projector.locator("#poll-results .poll-count")).to_contain_text("6")
    projector.screenshot(path=ARTIFACTS / "announce-projector.png")


def test_phone_result_view_tells_the_results_in_a_sentence(
    new_context, server, organiser, open_poll
):
    event_id, table_token, poll_id = open_poll
    phone = new_context(**PHONE).new_page()
    phone.goto("/lang/en")
    join_table(phone, table_token, "Lea")
    phone.goto(f"/me/polls/{poll_id}")
    wait_until_live(phone)
    for number in range(3):
        vote_for(server, seated_phone(server.url, table_token), poll_id, number % 2)

    poll_action(organiser, server.url, event_id, poll_id, "close")

    region = phone.locator("#results-announce")
    expect(region).to_have_text("3 votes. Leading: Ja (67 %)")
    expect(region).to_have_attribute("aria-live", "polite")
