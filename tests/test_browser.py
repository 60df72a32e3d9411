"""Browser journeys against the real server, in Debian's Chromium."""

import contextlib
import os
import re
import signal
import threading
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from tests.live_server import (
    EMAIL,
    PASSWORD,
    ROOT,
    console_cards,
    create_event,
    hide_card,
    logged_in_organiser,
    print_logs_if_failed,
    projector_path,
    running_servers,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
LAPTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "de-DE"}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "locale": "de-DE",
}
CARD_TEXT = "<b>Mehr Sprachkurse</b> 👍"
# Keeps every Socket.IO connection the page opens, so a test can wait until the
# page is live before it acts.
RECORD_SOCKETS = """
(() => {
  let wrapped;
  window.__sockets = [];
  Object.defineProperty(window, "io", {
    configurable: true,
    get() { return wrapped; },
    set(io) {
      wrapped = Object.assign(function () {
        const socket = io.apply(this, arguments);
        window.__sockets.push(socket);
        return socket;
      }, io);
    },
  });
})();
"""

pytestmark = [
    pytest.mark.live_server,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"
    ),
]


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("browser")
    with running_servers(folder, "browser-test-secret") as (server,):
        yield server
        print_logs_if_failed(request, [server], failed_before)


class Chromium:
    """One module's Chromium, launched again if closing a profile hung and it was
    killed (see close_context). Stands in for Playwright's Browser."""

    def __init__(self, playwright):
        self.playwright = playwright
        self.launched = None

    def current(self):
        if self.launched is None or not self.launched.is_connected():
            self.launched = self.playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
        return self.launched

    def __getattr__(self, name):
        return getattr(self.current(), name)


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = Chromium(playwright)
        yield chromium
        if chromium.launched is not None and chromium.launched.is_connected():
            close_context(chromium.launched)


CLOSE_WITHIN = 60


def close_context(closable):
    """Close a browser profile (or the browser) after a test. Once in CI, closing a
    profile hung for good after its test had passed; past CLOSE_WITHIN seconds this
    test process's Chromium is killed, the close fails with a warning, and the next
    profile comes from a fresh Chromium (Chromium.current)."""
    watchdog = threading.Timer(CLOSE_WITHIN, kill_our_chromium)
    watchdog.start()
    try:
        closable.close()
    except PlaywrightError as error:
        warnings.warn(f"Chromium killed after a close hung: {error}", stacklevel=2)
    finally:
        watchdog.cancel()


def kill_our_chromium():
    """SIGKILL every Chromium process descended from this test process."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])

    def ours(pid):
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == os.getpid():
                return True
        return False

    for pid in parents:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue
        if b"chromium" in command and ours(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def new_context(browser, server):
    """new_context(**options) -> a fresh browser profile on the server."""
    contexts = []

    def open_context(**options):
        context = browser.new_context(base_url=server.url, **options)
        context.add_init_script(RECORD_SOCKETS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        close_context(context)


@pytest.fixture
def organiser(server):
    """A logged-in organiser's HTTP session."""
    return logged_in_organiser(server.url)


@pytest.fixture
def running_event(server, organiser):
    """An event set up over HTTP with phase 1 running: (event id, table token)."""
    event_id = create_event(organiser, server.url)
    start_first_phase(organiser, server.url, event_id)
    return event_id, table_tokens(server.database, event_id)[0]


def wait_until_live(page):
    page.wait_for_function(
        "window.__sockets.length > 0 && window.__sockets.every(s => s.connected)",
        timeout=5000,
    )


def page_string(page, name):
    """A translated string the server handed to the page's script."""
    script = "JSON.parse(document.getElementById('page-data').textContent).strings"
    return page.evaluate(script)[name]


def log_in(page):
    page.goto("/login")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.click("main input[type=submit]")
    expect(page.locator('a[href$="/events/new"]')).to_be_visible()


def create_event_through_the_form(page):
    page.click('a[href$="/events/new"]')
    page.fill("#title", "Dialogforum Melle")
    page.fill("#date", "2026-11-24")
    page.fill("#time", "18:00")
    page.fill("#venue", "Rathaus Melle")
    page.select_option("#catalogue", "melle")
    page.click("main input[type=submit]")
    page.wait_for_url(re.compile(r"/events/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def start_first_phase_in_console(page):
    page.click('a[href$="/console"]')
    page.locator('.step[data-kind="phase"] form[action$="/start"] button').first.click()
    expect(page.locator(".phase-box.running")).to_have_count(1)
    wait_until_live(page)


def open_projector(console, context):
    with context.expect_page() as opened:
        console.click('a[href*="/projector/"]')
    projector = opened.value
    projector.set_viewport_size({"width": 1920, "height": 1080})
    wait_until_live(projector)
    return projector


def join_table(page, table_token, first_name, screenshot=None):
    page.goto(f"/t/{table_token}")
    page.fill("#first_name", first_name)
    if screenshot:
        page.screenshot(path=ARTIFACTS / screenshot)
    page.click("main input[type=submit]")
    page.wait_for_url("**/me")


def offline_phone(new_context, table_token, first_name):
    """A phone seated and live at a table, whose connection is then cut."""
    context = new_context(**PHONE)
    phone = context.new_page()
    join_table(phone, table_token, first_name)
    wait_until_live(phone)
    context.set_offline(True)
    return context, phone


def write_card(page, text):
    page.locator("#card-form .categories:not([hidden]) input").first.check()
    page.fill("#text", text)
    page.click("#card-form button.primary")


def test_card_from_a_phone_appears_on_the_console_without_reload(new_context, server):
    laptop = new_context(**LAPTOP)
    console = laptop.new_page()
    log_in(console)
    event_id = create_event_through_the_form(console)
    start_first_phase_in_console(console)
    console.evaluate("window.notReloaded = true")
    projector = open_projector(console, laptop)
    phone = new_context(**PHONE).new_page()
    table_token = table_tokens(server.database, event_id)[0]
    join_table(phone, table_token, "Lena", screenshot="phone-join.png")
    wait_until_live(phone)

    write_card(phone, CARD_TEXT)

    console_card = console.locator(".table-grid .card-text", has_text=CARD_TEXT)
    expect(console_card).to_have_text(CARD_TEXT, timeout=5000)
    expect(phone.locator("#cards .card-text")).to_have_text([CARD_TEXT])
    expect(projector.locator("#count-cards")).to_have_text("1")
    expect(projector.locator("#count-participants")).to_have_text("1")
    assert console.evaluate("window.notReloaded") is True
    phone.screenshot(path=ARTIFACTS / "phone-table.png", full_page=True)
    console.screenshot(path=ARTIFACTS / "console.png", full_page=True)
    projector.screenshot(path=ARTIFACTS / "projector.png")


def test_hide_button_in_the_console_hides_the_card(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    console = new_context(**LAPTOP).new_page()
    log_in(console)
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    send_card(seated_phone(server.url, table_token), server.url, "Bitte ausblenden")
    card = console.locator(".table-grid .card", has_text="Bitte ausblenden")

    console.once("dialog", lambda dialog: dialog.accept())
    with console.expect_response(lambda r: r.request.method == "POST") as answer:
        card.locator("form[data-hide] button").click()

    assert answer.value.url.endswith("/hide") and answer.value.ok
    expect(card).to_have_class(re.compile(r"\bis-hidden\b"))
    assert [c["hidden"] for c in console_cards(organiser, server.url, event_id)] == [
        True
    ]


def test_card_hidden_by_the_moderator_leaves_the_phone_and_the_projector_count_live(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(projector_path(organiser, server.url, event_id))
    wait_until_live(projector)
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_token, "Noor")
    wait_until_live(phone)
    write_card(phone, "Wird gleich ausgeblendet")
    expect(phone.locator("#cards")).to_contain_text("Wird gleich ausgeblendet")
    expect(projector.locator("#count-cards")).to_have_text("1")
    card_id = console_cards(organiser, server.url, event_id)[0]["id"]

    hide_card(organiser, server.url, event_id, card_id)

    expect(phone.locator("#cards")).not_to_contain_text("Wird gleich ausgeblendet")
    expect(projector.locator("#count-cards")).to_have_text("0")
    expect(projector.locator("#count-participants")).to_have_text("1")


def test_phone_without_javascript_joins_and_sends_a_card_through_the_plain_form(
    new_context, running_event
):
    _event_id, table_token = running_event
    phone = new_context(java_script_enabled=False, **PHONE).new_page()
    join_table(phone, table_token, "Aziz")

    write_card(phone, "Ohne JavaScript geschrieben")

    phone.wait_for_url("**/me")
    expect(phone.locator("#cards")).to_contain_text("Ohne JavaScript geschrieben")
    expect(phone.locator(".flash")).to_be_visible()


def test_card_written_while_the_server_is_unreachable_is_kept_and_sent_once_later(
    new_context, running_event, server, organiser
):
    event_id, table_token = running_event
    context, phone = offline_phone(new_context, table_token, "Mira")

    write_card(phone, "Geschrieben im Funkloch")

    pending = phone.locator("#pending .is-pending")
    expect(pending).to_contain_text("Geschrieben im Funkloch")
    expect(pending.locator(".hint")).to_have_text(page_string(phone, "waiting"))
    assert console_cards(organiser, server.url, event_id) == []
    context.set_offline(False)
    expect(phone.locator("#cards")).to_contain_text("Geschrieben im Funkloch")
    expect(pending).to_have_count(0)
    texts = [card["text"] for card in console_cards(organiser, server.url, event_id)]
    assert texts == ["Geschrieben im Funkloch"]
