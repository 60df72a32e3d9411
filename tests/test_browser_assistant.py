"""The assistant in Debian's Chromium against the real server: the organiser
switches it on, cards come in, the background comparison reaches the host's
phone (390×844) as a suggestion, the host merges it with one tap and accepts a
theme, which becomes the heading; the moderator's page shows what is left."""

import pytest
from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.live_server import (
    create_event,
    post_from,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)
from tests.test_browser import ARTIFACTS, PHONE, join_table, log_in, wait_until_live
from tests.test_browser_hosts import become_host, read_database

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser = journeys.organiser

WAITING = "Lange Wartezeiten bei der Ausländerbehörde"
WAITING_TOO = "Ausländerbehörde hat sehr lange Wartezeiten"
STAFF = "Die Ausländerbehörde braucht mehr Personal"
OTHER = "Bezahlbare Wohnungen für Familien fehlen"
DESKTOP = {"viewport": {"width": 1920, "height": 1080}, "locale": "de-DE"}


@pytest.fixture
def assisted_event(server, organiser):
    event_id = create_event(organiser, server.url, title="Forum Ankommen")
    start_first_phase(organiser, server.url, event_id)
    post_from(
        organiser,
        server.url,
        f"/events/{event_id}",
        f"/events/{event_id}/assistant",
        assistant="y",
    )
    tokens = table_tokens(server.database, event_id)
    writer = seated_phone(server.url, tokens[0])
    for text in (WAITING, WAITING_TOO, STAFF, OTHER):
        send_card(writer, server.url, text)
    return event_id, tokens


def test_a_host_merges_a_suggested_duplicate_and_accepts_a_theme(
    new_context, server, assisted_event
):
    event_id, tokens = assisted_event
    phone = new_context(**PHONE).new_page()
    join_table(phone, tokens[0], "Amira")
    become_host(phone, server.database, event_id, "Amira")
    wait_until_live(phone)
    suggestion = phone.locator(".suggestion")
    expect(suggestion).to_have_count(
        1, timeout=40000
    )  # compared in the background, a second after the cards (first: worker start)
    expect(suggestion).to_contain_text(WAITING)
    expect(suggestion).to_contain_text(WAITING_TOO)
    suggestion.scroll_into_view_if_needed()
    phone.screenshot(path=ARTIFACTS / "assistant-host-suggestion.png", full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")

    suggestion.locator("form[action$='/merge'] button").click()
    phone.wait_for_url("**/me/host#card-*")
    expect(phone.locator(".host-card")).to_have_count(3)
    kept = phone.locator(".host-card", has_text=WAITING)
    expect(kept.locator(".meta-merged")).to_have_text("×2")
    states = read_database(server.database, "SELECT state FROM card ORDER BY id")
    assert [s for (s,) in states].count("merged") == 1

    theme = phone.locator(".theme").filter(has_text=STAFF).first
    expect(theme).to_be_visible(timeout=40000)
    theme.locator("input[name=label]").fill("Ausländerbehörde")
    theme.locator("form.theme-name button").click()
    phone.wait_for_url("**/me/host#themes")
    expect(phone.locator(".host-group h3").first).to_contain_text("Ausländerbehörde")
    phone.screenshot(
        path=ARTIFACTS / "assistant-host-theme-accepted.png", full_page=True
    )
    headings = read_database(
        server.database, "SELECT heading FROM card WHERE text = ?", STAFF
    )
    assert headings == [("Ausländerbehörde",)]

    # the host shows the table: the theme's cards together under their heading
    ((token,),) = read_database(
        server.database, "SELECT projector_token FROM event WHERE id = ?", event_id
    )
    projector = new_context(**DESKTOP).new_page()
    projector.goto(f"/projector/{token}")
    wait_until_live(projector)
    phone.locator("form[action$='/present/table'] button").click()
    shown = projector.locator("#spotlight-cards > li")
    expect(shown).to_have_count(3)
    texts = shown.all_inner_texts()
    assert [OTHER in t for t in texts] == [False, False, True]
    assert all("Ausländerbehörde" in t for t in texts[:2])
    projector.screenshot(path=ARTIFACTS / "assistant-projector-theme.png")


def test_the_moderator_sees_suggestions_and_themes_on_the_laptop(
    new_context, server, assisted_event
):
    event_id, _tokens = assisted_event
    page = new_context(**DESKTOP).new_page()
    log_in(page)
    page.goto(f"/events/{event_id}/console")
    expect(page.locator("#assistant-count")).to_have_text("1", timeout=40000)
    page.click("#assistant-link")
    expect(page.locator(".suggestion")).to_have_count(1)
    expect(page.locator(".theme").first).to_be_visible()
    page.screenshot(path=ARTIFACTS / "assistant-moderator.png", full_page=True)
    page.locator(".suggestion form[action$='/dismiss'] button").click()
    expect(page.locator("#no-suggestions")).to_be_visible()
