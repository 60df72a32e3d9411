"""Well-known XSS payloads in every text people can write (tests/hostile_world.py),
and every page that shows them opened in Chromium: no page may run one, carry an
injected script, event handler or javascript: URL, or break on them."""

import sqlite3

import pytest

from tests import test_browser as journeys
from tests.hostile_world import ALL, PAYLOADS, build
from tests.live_server import (
    app_on,
    logged_in_organiser,
    print_logs_if_failed,
    running_servers,
    seated_phone,
    send_card,
)
from tests.test_browser import LAPTOP, PHONE, close_context

pytestmark = journeys.pytestmark
browser = journeys.browser  # the same Chromium as the other journeys
SECRET = "hostile-secret"
# The app's pages have no inline script, no inline event handler, no frame but
# the report's preview of its own PDF and no javascript: link but its own two
# (print, back): any other was put there by a text. A template that ran
# {{7*191}} would show 1337.
INJECTED = """() => {
  const found = [];
  const urls = ["href", "src", "action", "formaction", "data", "xlink:href"];
  const ours = ["javascript:window.print()", "javascript:history.back()"];
  const script = (name, value) =>
    urls.includes(name) && /^\\s*javascript:/i.test(value) && !ours.includes(value);
  const local = (element) => /^\\/[^\\/]/.test(element.getAttribute("src") || "");
  const frames = ["iframe", "object", "embed", "frame"];
  for (const element of document.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    for (const { name, value } of element.attributes) {
      if (name.startsWith("on")) found.push(`${tag}[${name}]`);
      if (script(name, value)) found.push(`${tag}[${name}=${value}]`);
    }
    if (frames.includes(tag) && (element.hasAttribute("srcdoc") || !local(element)))
      found.push(element.outerHTML.slice(0, 80));
    if (tag === "script" && !element.src && element.type !== "application/json")
      found.push(`inline script: ${element.textContent.slice(0, 40)}`);
  }
  if (document.body && document.body.innerText.includes("1337"))
    found.push("a template ran {{7*191}}");
  return found;
}"""


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("hostile")
    with running_servers(folder, SECRET) as (server,):
        yield server
        print_logs_if_failed(request, [server], failed_before)


@pytest.fixture(scope="module")
def world(server):
    return build(server, app_on(server.database, SECRET))


class Watched:
    """A browser profile holding an HTTP session's cookies, that notes every
    dialog a script opens, every uncaught error and every failed page."""

    def __init__(self, browser, server, session=None, options=LAPTOP):
        self.context = browser.new_context(base_url=server.url, **options)
        if session is not None:
            self.context.add_cookies(
                [
                    {"name": c.name, "value": c.value, "url": server.url}
                    for c in session.cookies
                ]
            )
        self.problems = []
        self.pages = []

    def open(self, path):
        page = self.context.new_page()
        page.on("dialog", lambda dialog: self._ran(path, dialog))
        page.on("pageerror", lambda error: self.problems.append(f"{path}: {error}"))
        response = page.goto(path, wait_until="domcontentloaded")
        if response is None or response.status >= 500:
            self.problems.append(f"{path}: answered {response and response.status}")
        page.wait_for_timeout(250)  # the page's scripts draw what they were given
        self.pages.append((path, page))
        return page

    def _ran(self, path, dialog):
        self.problems.append(f"{path}: a script opened {dialog.type}({dialog.message})")
        dialog.dismiss()

    def look(self, keep_open=False):
        """Every opened page's injected markup added to the problems."""
        for path, page in self.pages:
            self.problems += [f"{path}: {found}" for found in page.evaluate(INJECTED)]
            if not keep_open:
                page.close()
        if not keep_open:
            self.pages = []
        return self.problems

    def close(self):
        close_context(self.context)


@pytest.fixture
def watched(browser, server):
    opened = []

    def open_profile(session=None, options=LAPTOP):
        profile = Watched(browser, server, session, options)
        opened.append(profile)
        return profile

    yield open_profile
    for profile in opened:
        profile.close()


def organiser_pages(world):
    event, process = f"/events/{world['event']}", f"/processes/{world['process']}"
    polls = world["polls"].values()
    return [
        "/",
        event,
        *(f"{event}/{page}" for page in ORGANISER_EVENT_PAGES),
        *(f"{event}/polls/{poll}" for poll in polls),
        *(f"{event}/polls/{poll}/results" for poll in polls),
        *(f"{event}/tables/{table}" for table in world["table_ids"]),
        "/processes",
        process,
        *(f"{process}/{page}" for page in ORGANISER_PROCESS_PAGES),
        "/organisations",
        f"/organisations/{world['organisation']}",
        f"/organisations/{world['organisation']}/audit",
        f"/organisations/{world['organisation']}/mail",
        "/account",
    ]


ORGANISER_EVENT_PAGES = [
    "console",
    "programme",
    "polls",
    "report",
    "mailing",
    "photos",
    "tablets",
    "cards/enter",
]
ORGANISER_PROCESS_PAGES = ["review", "goals", "feedback-link", "edit"]


def phone_pages(world):
    return [
        f"/j/{world['join']}",
        f"/t/{world['tables'][0]}",
        "/me",
        *(f"/me/polls/{poll}" for poll in world["polls"].values()),
        "/me/gallery",
        "/me/photos",
        "/me/contributions",
        "/me/draft",
        f"/mine/{world['follow']}",
    ]


def test_the_organisers_pages_run_no_payload(world, server, watched):
    organiser = watched(logged_in_organiser(server.url))
    for path in organiser_pages(world):
        organiser.open(path)
        organiser.look()

    assert organiser.problems == []


@pytest.mark.parametrize("which", [0, 2], ids=["german-phone", "english-phone"])
def test_the_phones_pages_run_no_payload(world, watched, which):
    phone = watched(world["phones"][which], PHONE)
    for path in phone_pages(world):
        phone.open(path)
        phone.look()

    assert phone.problems == []


def test_host_interpreter_tablet_and_feedback_pages_run_no_payload(world, watched):
    host = watched(world["host"], PHONE)
    interpreter = watched(world["interpreter"])
    anyone = watched(options=PHONE)
    for profile, paths in (
        (host, ["/me/host", "/me/host/merge"]),
        (interpreter, ["/interpret/queue"]),
        (anyone, [f"/tablet/{world['tablet']}", f"/f/{world['feedback']}"]),
        (anyone, [f"/f/{world['feedback']}/{n}" for n in (1, 2)]),
    ):
        for path in paths:
            profile.open(path)
        profile.look()

    assert host.problems + interpreter.problems + anyone.problems == []


def test_the_projector_views_run_no_payload(world, watched):
    projector = watched(options={"viewport": {"width": 1920, "height": 1080}})
    token = world["projector"]
    for path in (f"/projector/{token}", f"/projector/{token}/poll"):
        projector.open(path)
    projector.open(f"/projector/{token}/feedback")

    assert projector.look() == []


def test_payloads_pushed_to_open_pages_run_nowhere(world, server, watched):
    """Pages already open get the new cards, names and translations live."""
    organiser = watched(logged_in_organiser(server.url))
    phone = watched(world["phones"][0], PHONE)
    host = watched(world["host"], PHONE)
    interpreter = watched(world["interpreter"])
    projector = watched(options={"viewport": {"width": 1920, "height": 1080}})
    organiser.open(f"/events/{world['event']}/console")
    phone.open("/me")
    host.open("/me/host")
    interpreter.open("/interpret/queue")
    projector.open(f"/projector/{world['projector']}")

    newcomer = seated_phone(server.url, world["tables"][0], first_name=PAYLOADS[8])
    for text in (ALL, *PAYLOADS):
        send_card(newcomer, server.url, text)
    organiser.context.pages[0].wait_for_timeout(1500)

    profiles = (organiser, phone, host, interpreter, projector)
    assert [problem for p in profiles for problem in p.look()] == []


def test_the_message_about_a_full_table_runs_no_payload(world, server, watched):
    """It names a table with free seats: the second, named by a payload."""
    fill_the_first_table(server.database, world["table_ids"][0])
    phone = watched(options=PHONE)

    page = phone.open(f"/t/{world['tables'][0]}")
    page.click("main input[type=submit]")
    page.wait_for_selector(".flash-error")
    page.wait_for_timeout(300)

    assert page.locator(".flash-error").inner_text().count("Tisch 1") == 1
    assert phone.look() == []


def fill_the_first_table(database, table_id):
    with sqlite3.connect(database) as connection:
        connection.execute('UPDATE "table" SET capacity = 1 WHERE id = ?', (table_id,))
