"""Poll results on the projector, in Debian's Chromium against the real server.

Every poll kind, with its fewest and its most options (60 cards for a dot vote)
and long texts, fits the screen at 1920×1080, 1280×720 and 1024×768, in German
and in Arabic (right to left): nothing lies outside the screen, nothing clips
its content, every result is shown (on some page when there are many, each page
fitting), and the join QR sits in the corner beside the results. A closed event
shows its thank-you screen, and the console's poll page leads from each
dot-vote result to its card. The polls are built once for the module; one
projector page is resized rather than reopened."""

import re

import pytest
from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.live_server import (
    create_event,
    logged_in_organiser,
    post_from,
    projector_path,
    start_first_phase,
)
from tests.projector_polls import build
from tests.test_browser import (
    ARTIFACTS,
    RECORD_SOCKETS,
    close_context,
    wait_until_live,
)

pytestmark = journeys.pytestmark
server, browser = journeys.server, journeys.browser

KINDS = ("single", "multiple", "ranking", "dots", "scale", "consent", "words", "text")
SIZES = ((1920, 1080), (1280, 720), (1024, 768))
CASES = [
    (language, size, kind, amount)
    for language in ("de", "ar")
    for size in SIZES
    for kind in KINDS
    for amount in ("few", "many")
]

# Shows each page of the poll in turn and reports, per page, the results shown
# and what is wrong: boxes outside the screen, containers that clip, results
# covered by something else, bars without length.
CHECK_PAGES = """() => {
  const P = window.TischrundePollPages, view = document.getElementById("poll-view");
  const results = document.getElementById("poll-results");
  const screen = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const within = (r, o) => r.left >= o.left - 1 && r.right <= o.right + 1 &&
    r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
  const classes = (el) => typeof el.className === "string" ? el.className.trim() : "";
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (classes(el) ? "." + classes(el).split(/ +/).join(".") : "");
  const pages = [];
  for (let p = 0; p < P.count(); p++) {
    P.show(p);
    const problems = [], keys = [];
    for (const el of view.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (el.closest(".visually-hidden") || (!r.width && !r.height)) continue;
      if (!within(r, screen)) problems.push("outside the screen: " + name(el));
    }
    for (const el of [view, results, ...results.querySelectorAll(".chart, ol, ul")]) {
      if (el.closest(".visually-hidden") || el.closest("[hidden]")) continue;
      const clips = el.scrollHeight > el.clientHeight + 1 ||
        el.scrollWidth > el.clientWidth + 1;
      if (clips) {
        problems.push("clips its content: " + name(el));
      }
    }
    for (const item of results.querySelectorAll("[data-key]")) {
      const r = item.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !item.contains(hit)) problems.push("covered: " + item.dataset.key);
      const bar = item.querySelector(".bar");
      const length = bar && bar.getBoundingClientRect();
      if (length && length.width < 1 && length.height < 1) {
        problems.push("no bar: " + item.dataset.key);
      }
      keys.push(item.dataset.key);
    }
    pages.push({ keys: keys, problems: problems });
  }
  P.show(0);
  const doc = document.documentElement;
  return {
    pages: pages,
    scroll: [doc.scrollWidth, doc.scrollHeight],
    screen: [innerWidth, innerHeight],
  };
}"""

# The join QR: in the top corner at the end of the line, beside the results.
CHECK_QR = """() => {
  const qr = document.querySelector("#poll-view .poll-qr svg").getBoundingClientRect();
  const results = document.getElementById("poll-results").getBoundingClientRect();
  const rtl = document.documentElement.dir === "rtl";
  return {
    inside: qr.left >= 0 && qr.top >= 0 &&
      qr.right <= innerWidth && qr.bottom <= innerHeight,
    corner: qr.top < innerHeight / 4 &&
      (rtl ? qr.left < innerWidth / 4 : qr.right > innerWidth * 3 / 4),
    apart: qr.bottom <= results.top,
    size: qr.width,
    url: document.querySelector("#poll-view .poll-join .mono").textContent,
    same: document.querySelector("#poll-view .poll-qr svg").outerHTML ===
      document.querySelector(".projector-qr svg").outerHTML,
  };
}"""


@pytest.fixture(scope="module")
def evening(server):
    return build(server.url, server.database, logged_in_organiser(server.url))


@pytest.fixture(scope="module")
def projector(browser, server, evening):
    """One projector page for the module: show(language, size, poll id)."""
    context = browser.new_context(base_url=server.url)
    context.add_init_script(RECORD_SOCKETS)
    page = context.new_page()
    path = projector_path(evening.organiser, server.url, evening.event_id)
    state = {"language": None, "poll": None}

    def show(language, size, poll_id):
        width, height = size
        if state["poll"] != poll_id:
            evening.action(poll_id, "project")
            state["poll"] = poll_id
        page.set_viewport_size({"width": width, "height": height})
        if state["language"] != language:
            page.goto(f"{path}?lang={language}")
            wait_until_live(page)
            state["language"] = language
        laid_out = f'#poll-view[data-poll="{poll_id}"][data-size="{width}x{height}"]'
        page.wait_for_selector(laid_out, state="attached")
        return page

    yield show
    close_context(context)


def chart_string(page, name):
    """A string the server handed to the page's charts, in the page's language."""
    script = "JSON.parse(document.getElementById('page-data').textContent)"
    return page.evaluate(script + ".chart_strings")[name]


def expected_keys(counted):
    """What each kind shows as results, as the page marks them (data-key)."""
    kind = counted["kind"]
    if kind == "scale":
        return [str(d["value"]) for d in counted["distribution"]]
    if kind == "consent":
        choices = [c["choice"] for c in counted["choices"]]
        return choices + [str(i) for i in range(len(counted["reasons"]))]
    if kind == "words":
        return [w["word"] for w in counted["words"]]
    if kind == "text":
        return [str(a["id"]) for a in counted["answers"]]
    return [str(o["id"]) for o in counted["options"]]


@pytest.mark.parametrize(
    "language,size,kind,amount",
    CASES,
    ids=[f"{lang}-{w}x{h}-{kind}-{amount}" for lang, (w, h), kind, amount in CASES],
)
def test_every_poll_kind_fits_the_projector(
    projector, evening, language, size, kind, amount
):
    poll_id = evening.polls[(kind, amount)]
    page = projector(language, size, poll_id)
    checked = page.evaluate(CHECK_PAGES)
    name = f"projector-{kind}-{amount}-{language}-{size[0]}x{size[1]}"
    if amount == "many" or kind == "dots":
        page.screenshot(path=ARTIFACTS / f"{name}.png")
    assert checked["scroll"] == checked["screen"]
    for number, shown in enumerate(checked["pages"], start=1):
        assert shown["problems"] == [], f"page {number}: {shown['problems']}"
    counted = evening.results(poll_id)
    expected = expected_keys(counted)
    shown = [key for page_ in checked["pages"] for key in page_["keys"]]
    assert sorted(set(shown)) == sorted(expected)  # every result on some page
    if kind in ("ranking", "dots"):  # the top results first, in order
        assert [k for k in shown if k in expected] == expected
    if kind == "scale":
        expect(page.locator(".poll-stats")).to_be_visible()
    qr = page.evaluate(CHECK_QR)
    assert qr["inside"] and qr["corner"] and qr["apart"] and qr["same"], qr
    assert re.search(r"/j/\w+", qr["url"])


def test_many_results_turn_pages_showing_which_page(projector, evening):
    page = projector("de", (1024, 768), evening.polls[("dots", "many")])
    pages = page.evaluate("TischrundePollPages.count()")
    assert pages > 1
    label = chart_string(page, "page").replace("%(pages)s", str(pages))
    expect(page.locator("#poll-page")).to_have_text(label.replace("%(page)s", "1"))
    # The page turns by itself; no waiting for the timer here.
    page.evaluate("TischrundePollPages.show(1)")
    expect(page.locator("#poll-page")).to_have_text(label.replace("%(page)s", "2"))
    page.screenshot(path=ARTIFACTS / "projector-dots-many-page-2.png")


def test_a_closed_event_shows_its_thank_you_screen_not_the_last_poll(browser, server):
    organiser = logged_in_organiser(server.url)
    event_id = create_event(organiser, server.url, title="Forum zum Schließen")
    start_first_phase(organiser, server.url, event_id)
    poll_page = f"/events/{event_id}/polls/new/single"
    form = organiser.get(server.url + poll_page).text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    created = organiser.post(
        server.url + poll_page,
        data={
            "csrf_token": token,
            "question": "Noch eine Frage?",
            "visibility": "live",
            "step": 0,
            "options": "Ja\nNein",
        },
    )
    poll = re.search(r"/events/\d+/polls/\d+$", created.url).group(0)
    post_from(organiser, server.url, poll, f"{poll}/open")
    context = browser.new_context(
        base_url=server.url, viewport={"width": 1280, "height": 720}
    )
    context.add_init_script(RECORD_SOCKETS)
    page = context.new_page()
    path = projector_path(organiser, server.url, event_id)
    page.goto(path)
    wait_until_live(page)
    expect(page.locator("#poll-question")).to_have_text("Noch eine Frage?")

    console = f"/events/{event_id}/console"
    post_from(organiser, server.url, console, f"/events/{event_id}/close", confirm="1")
    thanks = page.locator("#thanks-view")
    expect(thanks).to_be_visible()  # live, without a reload
    expect(thanks).to_contain_text("Forum zum Schließen")
    expect(page.locator("#poll-view")).to_be_hidden()
    expect(page.locator("#join-view")).to_be_hidden()
    page.screenshot(path=ARTIFACTS / "projector-closed-live.png")
    page.reload()
    expect(thanks).to_be_visible()
    expect(page.locator("#poll-view")).to_be_hidden()
    page.screenshot(path=ARTIFACTS / "projector-closed-reloaded.png")
    close_context(context)


def test_the_console_poll_page_leads_from_each_dot_result_to_its_card(
    browser, server, evening
):
    context = browser.new_context(
        base_url=server.url, viewport={"width": 1280, "height": 800}, locale="de-DE"
    )
    page = context.new_page()
    journeys.log_in(page)
    poll_id = evening.polls[("dots", "many")]
    page.goto(f"/events/{evening.event_id}/polls/{poll_id}")
    counted = evening.results(poll_id)
    rows = page.locator("#poll-results .bars li")
    expect(rows).to_have_count(60)
    top = counted["options"][0]
    first = rows.first
    expect(first.locator(".bar-label")).to_have_text(top["label"])  # whole text
    link = first.locator("a.bar-source")
    table = chart_string(page, "table").replace("%(number)s", "")
    expect(link).to_contain_text(f"{table}{top['table']['number']}")
    expect(link).to_contain_text(top["table"]["action_field"])
    longest = max(counted["options"], key=lambda o: len(o["label"]))
    assert len(longest["label"]) == 500
    expect(rows.filter(has_text=longest["label"])).to_have_count(1)
    page.screenshot(path=ARTIFACTS / "console-poll-dots.png", full_page=True)
    link.click()
    page.wait_for_url(f"**/events/{evening.event_id}/console#card-{top['card_id']}")
    card = page.locator(f"#card-{top['card_id']}")
    expect(card).to_be_in_viewport()
    expect(card).to_have_class(re.compile(r"\bis-linked\b"))  # marked, too
    expect(card.locator(".card-text")).to_have_text(top["label"])
    close_context(context)
