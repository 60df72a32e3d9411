"""The accessibility statement and the easy-read page on a 390×844 phone: from
the footer of a participant page to the statement of the event's organisation,
a barrier reported through its form, and the app in Leichte Sprache."""

from urllib.parse import urlsplit

from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.live_server import projector_path
from tests.test_browser import ARTIFACTS, LAPTOP, PHONE, join_table, log_in

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser, running_event = journeys.organiser, journeys.running_event

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def test_a_phone_reports_a_barrier_from_the_footer_of_its_table_page(
    new_context, running_event
):
    _event_id, table_token = running_event
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_token, "Mina")
    table_page = urlsplit(phone.url).path

    phone.click("#statement-link")

    expect(phone.locator("#default-statement")).to_be_visible()
    expect(phone.locator("#page_url")).to_have_value(table_page)
    assert phone.evaluate(NO_OVERFLOW)
    phone.screenshot(path=ARTIFACTS / "statement-de.png", full_page=True)
    phone.click("main input[type=submit]")
    expect(phone.locator("#report .error[role=alert]")).to_have_count(1)
    phone.fill("#description", "Der Senden-Knopf ist schwer zu finden.")
    phone.click("main input[type=submit]")
    expect(phone.locator(".flash")).to_be_visible()
    expect(phone.locator("#description")).to_have_value("")


def test_the_easy_read_page_in_leichte_sprache_and_in_english(new_context, server):
    phone = new_context(**PHONE).new_page()
    phone.goto("/easy-read")
    expect(phone.locator("h1")).to_have_text("Tischrunde in Leichter Sprache")
    assert phone.evaluate(NO_OVERFLOW)
    phone.screenshot(path=ARTIFACTS / "easy-read-de.png", full_page=True)

    phone.goto("/lang/en")
    phone.goto("/easy-read")
    expect(phone.locator("h1")).to_have_text("Tischrunde in easy read")
    expect(phone.locator("#easy-read-link")).to_be_visible()
    assert phone.evaluate(NO_OVERFLOW)
    phone.screenshot(path=ARTIFACTS / "easy-read-en.png", full_page=True)


def test_an_organiser_writes_the_statement_and_reads_the_reports(new_context):
    laptop = new_context(**LAPTOP).new_page()
    log_in(laptop)
    laptop.goto("/organisations")
    laptop.locator('a[href$="/accessibility"]').first.click()
    expect(laptop.locator("#not-written")).to_be_visible()
    laptop.fill("#contact_email", "barrierefrei@example.org")
    laptop.fill("#enforcement_url", "ftp://example.org")
    laptop.click("main input[type=submit]")
    expect(laptop.locator("#enforcement_url ~ .error")).to_have_count(1)
    laptop.fill("#enforcement_url", "https://www.schlichtungsstelle-bgg.de")
    laptop.click("main input[type=submit]")
    expect(laptop.locator(".flash")).to_be_visible()
    laptop.screenshot(path=ARTIFACTS / "statement-edit.png", full_page=True)

    laptop.click('a[href*="/accessibility/"]:not([href$="/reports"])')
    expect(laptop.locator("#default-statement")).to_have_count(0)
    expect(laptop.locator('a[href="mailto:barrierefrei@example.org"]')).to_be_visible()


def test_the_projector_links_the_statement_of_its_events_organisation(
    new_context, running_event, organiser, server
):
    event_id, _table_token = running_event
    beamer = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    beamer.goto(projector_path(organiser, server.url, event_id))

    link = beamer.locator("#statement-link")
    expect(link).to_be_visible()
    assert link.get_attribute("href").startswith("/accessibility/")
    beamer.screenshot(path=ARTIFACTS / "projector-footer.png")
