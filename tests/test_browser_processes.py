"""Browser journey: an organiser sets up a participation process from the start
page, adds its concept draft and creates an event inside it."""

import re

import pytest
from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.live_server import print_logs_if_failed, running_servers
from tests.test_browser import ARTIFACTS, LAPTOP, log_in

pytestmark = journeys.pytestmark
browser = journeys.browser  # the same Chromium fixtures as the other journeys
new_context = journeys.new_context
SHOTS = ARTIFACTS / "processes"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("browser-processes")
    with running_servers(folder, "processes-secret") as (server,):
        yield server
        print_logs_if_failed(request, [server], failed_before)


def create_process(page):
    page.click('a[href$="/processes"]')
    page.click('a[href$="/processes/new"]')
    page.fill("#title", "Konzept Migration und Integration 2027–2031")
    page.fill("#starts_on", "2027-01-15")
    page.fill("#ends_on", "2027-12-15")
    page.fill("#description", "Sechs Dialogforen, ein Praxischeck, eine Konferenz.")
    page.select_option("#catalogue", "osnabrueck")
    page.screenshot(path=SHOTS / "new-process.png")
    page.click("main input[type=submit]")
    page.wait_for_url(re.compile(r"/processes/\d+$"))


def add_draft_version(page):
    page.set_input_files(
        "#pdf",
        files=[{"name": "entwurf-1.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.fill("#sections", "2.3 Sprachkurse für Eltern\n4.1 Wohnen")
    page.fill("#note", "Entwurf der Verwaltung")
    page.click("#new-draft input[type=submit]")
    expect(page.locator(".draft-versions li")).to_have_count(1)


def create_event_inside(page):
    page.click("#new-event summary")
    form = page.locator("#new-event")
    form.locator("#title").fill("Dialogforum Eltern")
    form.locator("#date").fill("2027-03-10")
    form.locator("#time").fill("18:00")
    form.locator("#venue").fill("Kreishaus Osnabrück")
    form.locator("#target_group").fill("Eltern")
    form.locator("input[type=submit]").click()
    expect(page.locator(".process-events tbody tr")).to_have_count(1)


def test_organiser_sets_up_a_process_with_its_draft_and_an_event(new_context):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_context(**LAPTOP).new_page()
    log_in(page)
    create_process(page)
    add_draft_version(page)
    create_event_inside(page)

    row = page.locator(".process-events tbody tr")
    expect(row).to_contain_text("Dialogforum Eltern")
    # "Draft 1" until the merge brings the catalogues' German
    expect(row).to_contain_text(re.compile(r"(Entwurf|Draft) 1"))
    expect(page.locator(".draft-versions")).to_contain_text("entwurf-1.pdf")
    page.screenshot(path=SHOTS / "process-page.png")
    page.goto("/")
    expect(page.locator(".event-process")).to_contain_text("Konzept Migration")
