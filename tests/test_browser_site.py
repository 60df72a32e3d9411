"""Around the workshop, in Chromium against the real server: the site's icon on
every page without a 404, and the mail settings an organiser enters in the app."""

import time

import pytest
from babel import Locale

from app.config import Config
from tests import test_browser as journeys
from tests.live_server import (
    create_event,
    logged_in_organiser,
    print_logs_if_failed,
    projector_path,
    running_servers,
    start_first_phase,
    table_tokens,
)
from tests.test_browser import LAPTOP, PHONE, join_table, log_in, wait_until_live

pytestmark = journeys.pytestmark
browser = journeys.browser  # the same Chromium fixtures as the other journeys
new_context = journeys.new_context
PATIENCE = 30  # a hang guard, not a measure


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
