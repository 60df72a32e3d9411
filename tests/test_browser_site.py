"""Around the workshop, in Chromium against the real server: the site's icon on
every page without a 404, counted words, and the mail settings an organiser
enters in the app."""

import time

import pytest
from babel import Locale
from playwright.sync_api import expect

from app.config import Config
from tests import test_browser as journeys
from tests.conftest import MailServer
from tests.live_server import (
    EMAIL,
    create_event,
    free_port,
    logged_in_organiser,
    print_logs_if_failed,
    projector_path,
    running_servers,
    start_first_phase,
    table_tokens,
)
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    join_table,
    log_in,
    wait_until_live,
)

pytestmark = journeys.pytestmark
browser = journeys.browser  # the same Chromium fixtures as the other journeys
new_context = journeys.new_context
PATIENCE = 30  # a hang guard, not a measure
MAIL_PASSWORD = "Geheimes-SMTP-Passwort-42"


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("browser-site")
    with running_servers(folder, "site-secret") as (server,):
        yield server
        print_logs_if_failed(request, [server], failed_before)


def requested(server, path):
    return f'"GET {path} ' in server.log()


def wait_for_request(server, path):
    deadline = time.monotonic() + PATIENCE
    while not requested(server, path) and time.monotonic() < deadline:
        time.sleep(0.1)
    return requested(server, path)


def test_no_page_of_the_evening_asks_for_anything_missing(new_context, server):
    organiser = logged_in_organiser(server.url)
    event_id = create_event(organiser, server.url)
    start_first_phase(organiser, server.url, event_id)
    laptop = new_context(**LAPTOP).new_page()
    log_in(laptop)
    for path in ("", "/console", "/mailing", "/programme", "/report"):
        laptop.goto(f"/events/{event_id}{path}")
    laptop.goto(projector_path(organiser, server.url, event_id))
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_tokens(server.database, event_id)[0], "Ana")
    wait_until_live(phone)

    assert wait_for_request(server, "/favicon.svg")
    missing = [line for line in server.log().splitlines() if '" 404 ' in line]
    assert missing == []


def test_the_browser_sorts_counts_into_the_plural_forms_as_the_server_does(
    new_context, server
):
    """live.js picks a counted message's form with Intl.PluralRules; the server's
    catalogues use Babel's CLDR rules: both must put every count in one category."""
    page = new_context(**LAPTOP).new_page()
    page.goto("/login")
    counts = list(range(250))
    for language in Config.LANGUAGES:
        in_browser = page.evaluate(
            "([lang, counts]) => counts.map(n => new Intl.PluralRules(lang).select(n))",
            [language, counts],
        )
        rule = Locale.parse(language).plural_form
        assert in_browser == [rule(count) for count in counts], language


def fits_the_width(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def screenshot(page, name):
    page.screenshot(path=ARTIFACTS / name, full_page=True)


def test_an_organiser_sets_up_the_mail_server_in_the_app_and_mails_a_test(
    new_context, server
):
    smtp = MailServer(free_port(), login=("olga", MAIL_PASSWORD))
    smtp.start()
    try:
        organiser = logged_in_organiser(server.url)
        event_id = create_event(organiser, server.url)
        laptop = new_context(**LAPTOP).new_page()
        log_in(laptop)
        laptop.goto(f"/events/{event_id}/mailing")
        screenshot(laptop, "mailing-without-server-de.png")
        laptop.click("#progress-panel ~ section a.button.primary")
        fill_the_mail_settings(laptop, smtp.port)
        laptop.click("#test-mail input[type=submit]")
        expect(laptop.locator(".flash").last).to_contain_text("Test-E-Mail")
    finally:
        smtp.stop()

    assert smtp.recipients() == [EMAIL]
    assert MAIL_PASSWORD not in laptop.content()
    expect(laptop.locator("#password-stored")).to_be_visible()
    pages = {
        "settings": f"/organisations/1/mail?event={event_id}",
        "mailing": f"/events/{event_id}/mailing",
    }
    for language in ("de", "ar"):
        laptop.goto(f"/lang/{language}?next=/")
        for name, path in pages.items():
            laptop.goto(path)
            assert fits_the_width(laptop), (language, name)
            screenshot(laptop, f"mail-{name}-{language}.png")


def fill_the_mail_settings(page, port):
    page.fill("#server", "127.0.0.1")
    page.fill("#port", str(port))
    page.check("input[name=security][value=none]")
    page.fill("#username", "olga")
    page.fill("#password", MAIL_PASSWORD)
    page.fill("#sender", "beteiligung@example.org")
    page.click("#mail-server input[type=submit]")
    expect(page.locator(".flash").first).to_contain_text("127.0.0.1")
