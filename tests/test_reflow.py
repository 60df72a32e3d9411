"""Reflow (WCAG 1.4.10): at 200 % zoom on a phone (195 CSS px) and at 320 CSS px no
participant page scrolls sideways, in German and in Arabic, with long German words
in the event's data."""

import re

import pytest
from sqlalchemy import select

import tests.test_browser as journeys
from app.extensions import db
from app.models import Card, Event, Organiser
from app.services import processes, review
from tests.live_server import (
    app_on,
    create_event,
    csrf_token,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)
from tests.test_browser import ARTIFACTS, PHONE
from tests.test_voting_browser import create_poll, poll_action

pytestmark = journeys.pytestmark
server, browser = journeys.server, journeys.browser

WIDTHS = (195, 320)
LANGUAGES = ("de", "ar")
LONG_WORD = "Integrationskursträgerkooperationsvereinbarung"
LONG_NAME = "Anna-Maria-Theresia Müller-Lüdenscheidt-Hohenzollern"
LONG_OPTIONS = "\n".join(
    [
        f"Ja, die {LONG_WORD} soll kommen",
        "Nein",
        "Donaudampfschifffahrtsgesellschaftskapitänsmütze",
    ]
)
SCALE_LABELS = f"Überhauptnichteinverstanden\nTeils\n\n\n{LONG_WORD}"
# Elements whose right edge lies beyond the viewport (or left edge before it), the
# outermost of each overflowing branch, as selectors a failure can be read by.
OVERFLOWING = """
(width) => {
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.overflowX !== "visible" && p !== document.documentElement
          && p !== document.body) return true;
    }
    return false;
  };
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) return s + "#" + el.id;
    if (el.classList.length) s += "." + [...el.classList].join(".");
    return s;
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      parts.unshift(name(e));
      if (e.id) break;
    }
    return parts.join(" > ");
  };
  // The screen's edges in the page's frame: an RTL page starts at its right edge.
  const root = document.documentElement.getBoundingClientRect();
  const rtl = getComputedStyle(document.documentElement).direction === "rtl";
  const start = rtl ? root.right - width : root.left;
  const out = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0
      && (box.right > start + width + 0.5 || box.left < start - 0.5);
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!out(el) || !el.checkVisibility() || clipped(el)) continue;
    if (el.parentElement && el.parentElement !== document.body
        && out(el.parentElement)) continue;
    const box = el.getBoundingClientRect();
    const [left, right] = [box.left - start, box.right - start].map(Math.round);
    found.push(`${path(el)} [${left}..${right}]`);
  }
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
          width, found: [...new Set(found)]};
}
"""
ANSWERS = {
    "single": lambda page: {"option": _ids(page, r'name="option" value="(\d+)"')[0]},
    "multiple": lambda page: {"option": _ids(page, r'name="option" value="(\d+)"')},
    "scale": lambda page: {"value": 5},
    "ranking": lambda page: {
        f"rank_{option}": place
        for place, option in enumerate(_ids(page, r'name="rank_(\d+)"'), start=1)
    },
    "words": lambda page: {"entry": [LONG_WORD[:40]]},
    "text": lambda page: {"text": f"Mehr {LONG_WORD} für alle"},
    "dots": lambda page: {_ids(page, r'name="(dots_\d+)"')[0]: 1},
    "consent": lambda page: {"choice": "veto", "reason": f"Die {LONG_WORD} fehlt"},
}


def _ids(page, pattern):
    return re.findall(pattern, page)


@pytest.fixture(scope="module")
def room(server):
    """An event with long action fields and a long title, phase 1 running; a
    writer's phone with cards; two more phones to vote."""
    organiser = journeys.logged_in_organiser(server.url)
    event_id = create_event(
        organiser, server.url, title=f"{LONG_WORD} Forum", catalogue="offenburg"
    )
    start_first_phase(organiser, server.url, event_id)
    token = table_tokens(server.database, event_id)[3]
    writer = seated_phone(server.url, token, LONG_NAME)
    for text in (f"Mehr Geld für die {LONG_WORD}", "https://example.org/" + "a" * 80):
        send_card(writer, server.url, text)
    voters = [seated_phone(server.url, token, "Bo") for _ in range(2)]
    return organiser, event_id, token, writer, voters


@pytest.fixture(scope="module")
def phones(browser, server, room):
    """A phone profile per language, seated at the room's table with a card."""
    _organiser, _event_id, token, _writer, _voters = room
    profiles = {}
    for language in LANGUAGES:
        context = browser.new_context(base_url=server.url, **PHONE)
        page = context.new_page()
        page.goto(f"/lang/{language}")
        page.goto(f"/t/{token}")
        page.fill("#first_name", LONG_NAME)
        page.click("main input[type=submit]")
        page.wait_for_url("**/me")
        page.fill("#text", f"{LONG_WORD} {LONG_WORD}")
        page.locator("#card-form .categories:not([hidden]) input").first.check()
        page.click("#card-form button.primary")
        page.locator("#cards .card-text").first.wait_for()
        profiles[language] = page
    yield profiles
    for page in profiles.values():
        journeys.close_context(page.context)


OPEN_EVERY_BOX = "document.querySelectorAll('details').forEach(d => d.open = true)"


def assert_reflows(page, path, shot=None, open_boxes=False):
    """The page at path fits every width without sideways scrolling; open_boxes:
    with every <details> open (the language list, the e-mail form, ...)."""
    page.goto(path)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        if open_boxes:
            page.evaluate(OPEN_EVERY_BOX)
        found = page.evaluate(OVERFLOWING, width)
        fits = found["scroll"] <= width and found["inner"] <= width
        assert fits and not found["found"], (
            f"{page.url} at {width} px: page {found['scroll']} px wide; "
            + "; ".join(found["found"])
        )
        if shot and width == WIDTHS[0]:
            page.screenshot(path=ARTIFACTS / f"reflow-{shot}.png", full_page=True)
    page.set_viewport_size(PHONE["viewport"])
    page.goto("about:blank")  # an opening poll would take a page at its table


@pytest.mark.parametrize("language", LANGUAGES)
def test_joining_and_the_table_page_reflow(server, room, phones, language):
    _organiser, _event_id, token, _writer, _voters = room
    page = phones[language]
    assert_reflows(page, "/me", shot=f"table-{language}")
    assert_reflows(page, "/me", shot=f"table-open-{language}", open_boxes=True)
    assert_reflows(page, "/me/table", shot=f"chooser-{language}")
    assert_reflows(page, "/me/gallery")
    assert_reflows(page, "/mail/forget/unknown-token")
    assert_reflows(page, "/t/unknown-token", shot=f"error-{language}")
    stranger = page.context.browser.new_context(base_url=server.url, **PHONE)
    try:
        fresh = stranger.new_page()
        fresh.goto(f"/lang/{language}")
        assert_reflows(fresh, f"/t/{token}", shot=f"join-{language}")
        assert_reflows(fresh, "/me", shot=f"no-session-{language}")
    finally:
        journeys.close_context(stranger)


@pytest.fixture(scope="module")
def feedback_token(server, room, phones):
    """The room's event in a process whose review decided every card, with long
    reasons: -> the process's public feedback token."""
    _organiser, event_id, _token, _writer, _voters = room
    app = app_on(server.database, "browser-test-secret")
    with app.test_request_context():
        owner = db.session.scalar(select(Organiser))
        process = processes.create_process(
            owner, {"title": f"Konzept {LONG_WORD} 2027", "language": "de"}, "melle"
        )
        processes.attach_event(process, db.session.get(Event, event_id))
        for card in db.session.scalars(select(Card).where(Card.event_id == event_id)):
            reason = f"Die {LONG_WORD} regelt das schon"
            review.decide(process, [card], owner, "not_adopted", reason=reason)
        db.session.commit()
        return process.feedback_token


@pytest.mark.parametrize("language", LANGUAGES)
def test_what_became_of_the_cards_reflows(phones, feedback_token, language):
    page = phones[language]
    page.goto("/me/contributions")
    page.locator("#link form button").click()
    personal = page.locator("#link a.mono").get_attribute("href")
    assert_reflows(page, "/me/contributions", shot=f"contributions-{language}")
    assert_reflows(page, personal)
    assert_reflows(page, f"/f/{feedback_token}", shot=f"feedback-{language}")


@pytest.mark.parametrize("kind", list(ANSWERS))
def test_every_poll_kind_reflows_while_open_and_with_its_results(
    server, room, phones, kind
):
    organiser, event_id, _token, _writer, voters = room
    fields = {
        "question": f"Brauchen wir die {LONG_WORD} wirklich und sofort?",
        "options": LONG_OPTIONS,
        "min_choices": 1,
        "max_choices": 3,
        "scale_min": 1,
        "scale_max": 5,
        "scale_labels": SCALE_LABELS,
        "dots": 3,
        "dots_per_card": 2,
    }
    if kind == "dots":
        form = organiser.get(f"{server.url}/events/{event_id}/polls/new/dots").text
        fields["card_source"] = re.search(r'value="(category:\d+)"', form).group(1)
    poll_id, _ = create_poll(organiser, server.url, event_id, kind, **fields)
    poll_action(organiser, server.url, event_id, poll_id, "open")
    path = f"/me/polls/{poll_id}"
    for language, page in phones.items():
        assert_reflows(page, path, shot=f"poll-{kind}-{language}")
    for voter in voters:
        ballot = voter.get(server.url + path).text
        answer = voter.post(
            f"{server.url}{path}/vote",
            data={"csrf_token": csrf_token(ballot), **ANSWERS[kind](ballot)},
            headers={"Accept": "application/json"},
        )
        answer.raise_for_status()
    poll_action(organiser, server.url, event_id, poll_id, "close")
    for language, page in phones.items():
        assert_reflows(page, path, shot=f"results-{kind}-{language}")
