"""axe-core (from npm, installed by make test) on every page of every audience, in
German and in Arabic: no violation of the WCAG 2.1 A and AA rules, and no id twice
on a page. Then what axe cannot see: the focus outline's contrast and numbers in
Arabic result labels."""

import re

import pytest

from tests import test_browser as journeys
from tests.axe_pages import NOT_PAGES, PAGES, complete, page_endpoints, project
from tests.hostile_world import build
from tests.live_server import (
    app_on,
    logged_in_organiser,
    print_logs_if_failed,
    running_servers,
)
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    RECORD_SOCKETS,
    ROOT,
    close_context,
)

pytestmark = journeys.pytestmark
browser = journeys.browser  # the same Chromium as the other journeys
SECRET = "accessibility-secret"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("de", "ar")
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}
OPTIONS = {"phone": PHONE, "host": PHONE, "anyone": PHONE, "projector": PROJECTOR}
RUN_AXE = """() => axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  resultTypes: ["violations"],
}).then(result => result.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  targets: v.nodes.map(node => node.target.join(" ")),
  summary: v.nodes[0].failureSummary,
})))"""
DUPLICATE_IDS = """() => {
  const counts = {};
  for (const element of document.querySelectorAll("[id]"))
    counts[element.id] = (counts[element.id] || 0) + 1;
  return Object.keys(counts).filter(id => counts[id] > 1);
}"""


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("accessibility")
    with running_servers(folder, SECRET) as (server,):
        yield server
        print_logs_if_failed(request, [server], failed_before)


@pytest.fixture(scope="module")
def database(server):
    return app_on(server.database, SECRET)


@pytest.fixture(scope="module")
def world(server, database):
    """An event with phases, tables, cards, a photo, polls of every kind (one
    draft, one open, the others closed with results), a host, an interpreter, a
    tablet, a process with its review and an organisation (tests/hostile_world.py:
    every text people write is a payload, which also tries the pages' markup)."""
    world = build(server, database)
    return complete(world, database) | {"organiser": logged_in_organiser(server.url)}


@pytest.fixture(scope="module")
def profiles(browser, server, world):
    """profiles(name, language) -> the browser profile of that audience, with
    the cookies of its HTTP session, switched to language: one per pair."""
    opened = {}

    def profile(name, language):
        if (name, language) not in opened:
            context = browser.new_context(
                base_url=server.url, **OPTIONS.get(name, LAPTOP)
            )
            context.add_init_script(RECORD_SOCKETS)
            session = sessions(world).get(name)
            cookies = session.cookies if session else []
            context.add_cookies(
                [{"name": c.name, "value": c.value, "url": server.url} for c in cookies]
            )
            page = context.new_page()
            page.goto(f"/lang/{language}")
            page.close()
            opened[name, language] = context
        return opened[name, language]

    yield profile
    for context in opened.values():
        close_context(context)


def sessions(world):
    """The HTTP sessions of the audiences that have one."""
    return {
        "organiser": world["organiser"],
        "phone": world["phones"][0],
        "host": world["host"],
        "interpreter": world["interpreter"],
    }


def opened(profiles, world, language, name):
    """The page named name, loaded and live, with axe-core in it."""
    audience, path = PAGES[name]
    page = profiles(audience, language).new_page()
    query = f"?lang={language}" if audience == "projector" else ""
    page.goto(path.format(**world) + query)
    page.wait_for_load_state("load")
    page.wait_for_function(
        "window.__sockets === undefined || "
        "window.__sockets.every(socket => socket.connected)",
        timeout=5000,
    )
    page.wait_for_timeout(100)  # the page's scripts draw what they were given
    page.add_script_tag(path=AXE)
    return page


def report(violations):
    """Each violation: rule, impact, help, the elements and why the first fails."""
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {target}" for target in v["targets"][:8]]
        lines += [f"      {line}" for line in (v["summary"] or "").splitlines()]
    return "\n".join(lines)


@pytest.mark.parametrize(
    "language, name",
    [(language, name) for language in LANGUAGES for name in PAGES],
    ids=[f"{language}-{name}" for language in LANGUAGES for name in PAGES],
)
def test_page_has_no_wcag_violation_and_no_id_twice(
    profiles, world, database, language, name
):
    if name.startswith("projector"):
        project(world, database, name)
    page = opened(profiles, world, language, name)
    violations = page.evaluate(RUN_AXE)
    duplicates = page.evaluate(DUPLICATE_IDS)
    if violations or duplicates:
        page.screenshot(path=ARTIFACTS / f"axe-{language}-{name}.png", full_page=True)
    page.close()

    assert violations == [], f"{language} {name}:\n{report(violations)}"
    assert duplicates == [], f"{language} {name}: ids used twice: {duplicates}"


def test_every_page_route_is_checked(app):
    """A new page must join PAGES (or NOT_PAGES, saying why it is none)."""
    get_routes = {
        rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods
    }
    assert get_routes - set(NOT_PAGES) - page_endpoints(app) == set()
    assert page_endpoints(app) & set(NOT_PAGES) == set()


# The outline of the focused element and the background it is drawn on: the
# first ancestor's that is not transparent.
FOCUS_RING = """() => {
  const focused = document.activeElement;
  let behind = focused.parentElement;
  const clear = (e) => getComputedStyle(e).backgroundColor === "rgba(0, 0, 0, 0)";
  while (behind.parentElement && clear(behind)) behind = behind.parentElement;
  return [getComputedStyle(focused).outlineColor,
          getComputedStyle(behind).backgroundColor,
          getComputedStyle(document.body).backgroundColor];
}"""


def luminance(css_colour):
    """Relative luminance (WCAG) of a computed colour, "rgb(r, g, b)"."""
    channels = [int(part) / 255 for part in re.findall(r"\d+", css_colour)[:3]]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("name", ["phone-table", "event"])
def test_focus_outline_stands_out_from_panels_and_the_page(profiles, world, name):
    page = opened(profiles, world, "de", name)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.panel')"):
            break
    outline, panel, body = page.evaluate(FOCUS_RING)
    page.close()

    assert panel == "rgb(255, 255, 255)"
    assert contrast(outline, panel) >= 3, (outline, panel)
    assert contrast(outline, body) >= 3, (outline, body)


# Whether each number run of the result bars reads in its own order: its first
# character stands left of its last, also on a right-to-left page.
NUMBERS_IN_ORDER = """() => [...document.querySelectorAll(".bars li > b")].map(b => {
  const text = document.createTreeWalker(b, NodeFilter.SHOW_TEXT).nextNode();
  const range = document.createRange();
  const left = (i) => {
    range.setStart(text, i); range.setEnd(text, i + 1);
    return range.getBoundingClientRect().left;
  };
  return [b.textContent, document.dir, left(0) < left(text.length - 1)];
})"""


@pytest.mark.parametrize("name", ["projector-poll-results", "phone-poll-single"])
def test_arabic_result_numbers_keep_their_order(profiles, world, database, name):
    if name.startswith("projector"):
        project(world, database, name)
    page = opened(profiles, world, "ar", name)
    page.locator(".bars li > b").first.wait_for()
    numbers = page.evaluate(NUMBERS_IN_ORDER)
    page.screenshot(path=ARTIFACTS / f"axe-numbers-{name}.png")
    page.close()

    assert numbers and all(direction == "rtl" for _n, direction, _o in numbers)
    assert [n for n, _d, in_order in numbers if not in_order] == []
