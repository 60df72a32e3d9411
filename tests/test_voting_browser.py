"""Televoting in Debian's Chromium against the real server: a phone follows the
opening poll, gives its dots, and the projector shows the ranked result."""

import re

from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.live_server import (
    csrf_token,
    post_from,
    projector_path,
    seated_phone,
    send_card,
)
from tests.test_browser import ARTIFACTS, PHONE, join_table, wait_until_live

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser, running_event = journeys.organiser, journeys.running_event


def create_poll(session, base_url, event_id, kind, **fields):
    """A poll made through the organiser's form; returns its id."""
    url = f"{base_url}/events/{event_id}/polls/new/{kind}"
    page = session.get(url).text
    data = {"csrf_token": csrf_token(page), "visibility": "live", "step": 0}
    answer = session.post(url, data={**data, **fields})
    answer.raise_for_status()
    return int(re.search(r"/polls/(\d+)$", answer.url).group(1)), page


def poll_action(session, base_url, event_id, poll_id, action):
    poll = f"/events/{event_id}/polls/{poll_id}"
    post_from(session, base_url, poll, f"{poll}/{action}")


def open_yes_no_poll(session, base_url, event_id):
    """A single-choice poll "Passt der Termin?" (Ja, Nein), opened; its id."""
    poll_id, _ = create_poll(
        session,
        base_url,
        event_id,
        "single",
        question="Passt der Termin?",
        options="Ja\nNein",
    )
    poll_action(session, base_url, event_id, poll_id, "open")
    return poll_id


def test_a_dot_vote_from_a_phone_shows_as_ranked_bars_on_the_projector(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    writer = seated_phone(server.url, table_token, "Ada")
    send_card(writer, server.url, "Radweg an der B6")
    send_card(writer, server.url, "Jugendtreff öffnen")

    context = new_context(**PHONE)
    phone = context.new_page()
    join_table(phone, table_token, "Bo")
    wait_until_live(phone)
    phone.fill("#text", "Halb geschrieben")

    form = organiser.get(f"{server.url}/events/{event_id}/polls/new/dots").text
    source = re.search(r'value="(category:\d+)"', form).group(1)
    poll_id, _ = create_poll(
        organiser,
        server.url,
        event_id,
        "dots",
        question="Welche Ziele zuerst?",
        card_source=source,
        dots=3,
        dots_per_card=2,
    )
    projector_context = new_context(viewport={"width": 1920, "height": 1080})
    projector = projector_context.new_page()
    projector.goto(projector_path(organiser, server.url, event_id))
    wait_until_live(projector)

    poll_action(organiser, server.url, event_id, poll_id, "open")
    # The phone follows the opening poll by itself.
    phone.wait_for_url(f"**/me/polls/{poll_id}")
    expect(phone.locator("h1")).to_have_text("Welche Ziele zuerst?")
    expect(projector.locator("#poll-question")).to_have_text("Welche Ziele zuerst?")

    youth = phone.locator(".dot-cards li", has_text="Jugendtreff öffnen")
    bike = phone.locator(".dot-cards li", has_text="Radweg an der B6")
    youth.locator(".dot-more").click()
    youth.locator(".dot-more").click()
    expect(youth.locator(".dot-more")).to_be_disabled()  # at most 2 per card
    bike.locator(".dot-more").click()
    expect(phone.locator("#dots-left b")).to_have_text("0")
    expect(bike.locator(".dot-more")).to_be_disabled()  # no dots left
    phone.screenshot(path=ARTIFACTS / "vote-phone-dots.png")
    phone.click("#vote-button")
    expect(phone.locator("#vote-done")).to_be_visible()
    # Voted: back at the table by itself, the half-written card kept.
    phone.wait_for_url("**/me")
    expect(phone.locator('[data-poll-banner="voted"]')).to_be_visible()
    expect(phone.locator("#text")).to_have_value("Halb geschrieben")

    bars = projector.locator("#poll-results .bars li")
    expect(bars).to_have_count(2)
    expect(bars.first).to_contain_text("Jugendtreff öffnen")
    expect(bars.first).to_contain_text("2")
    expect(bars.first.locator(".bar-source")).to_contain_text("1")
    expect(bars.nth(1)).to_contain_text("Radweg an der B6")
    expect(projector.locator(".poll-count")).to_contain_text("1")
    expect(projector.locator("#poll-results table caption")).to_have_count(1)
    projector.screenshot(path=ARTIFACTS / "vote-projector-dots.png")

    # Closing: the table page offers the results, which are live.
    poll_action(organiser, server.url, event_id, poll_id, "close")
    results = phone.locator('[data-poll-banner="results"] a')
    expect(results).to_be_visible()
    results.click()
    phone.wait_for_url(f"**/me/polls/{poll_id}")
    expect(phone.locator(".poll-results")).to_be_visible()


def test_a_single_choice_vote_changes_while_open_and_survives_a_reload(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    poll_id, _ = create_poll(
        organiser,
        server.url,
        event_id,
        "single",
        question="Passt der Termin?",
        options="Ja\nNein",
        visibility="closed",
    )
    poll_action(organiser, server.url, event_id, poll_id, "open")
    context = new_context(**PHONE)
    phone = context.new_page()
    join_table(phone, table_token, "Cem")
    # The poll opened before this phone joined: the table page goes to it.
    phone.wait_for_url(f"**/me/polls/{poll_id}")
    phone.get_by_label("Nein").check()
    phone.click("#vote-button")
    expect(phone.locator("#vote-done")).to_be_visible()
    phone.wait_for_url("**/me")
    phone.locator('[data-poll-banner="voted"] a').click()
    phone.wait_for_url(f"**/me/polls/{poll_id}")
    expect(phone.get_by_label("Nein")).to_be_checked()
    phone.get_by_label("Ja").check()
    phone.click("#vote-button")
    phone.wait_for_url("**/me")
    phone.goto(f"/me/polls/{poll_id}")
    expect(phone.get_by_label("Ja")).to_be_checked()
    expect(phone.locator(".poll-results")).to_have_count(0)  # after closing only
    poll_action(organiser, server.url, event_id, poll_id, "close")
    expect(phone.locator(".poll-results")).to_be_visible()
    expect(phone.locator(".poll-results li").first).to_contain_text("1")
