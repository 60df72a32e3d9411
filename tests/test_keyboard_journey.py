"""A participant with the keyboard only, in Chromium: joins from the table's join
page, writes and sends a card, votes in the open poll and reads the results. Every
control is reached with Tab (no clicks), focus is visible where it lands, and the
accessibility tree is checked with ARIA snapshots at each step."""

import pytest
from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.test_browser import ARTIFACTS, wait_until_live
from tests.test_voting_browser import open_yes_no_poll, poll_action

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser, running_event = journeys.organiser, journeys.running_event

KEYBOARD_PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "de-DE"}
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, type: el.type || "",
    text: (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent)
      .trim().replace(/\\s+/g, " ").slice(0, 60),
    visible: el.matches(":focus-visible") && style.outlineStyle !== "none"
      && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab_to(page, matches, back=False, most=60):
    """Press Tab (Shift+Tab: back) until the focused element matches; return it.
    matches(focused element's facts) -> bool. Every stop shows its focus."""
    for _ in range(most):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        if now["tag"] != "body":
            assert now["visible"], f"focus not visible on {now}"
        if matches(now):
            return now
    raise AssertionError(f"not reached by Tab: last focus on {now}")


def by_id(name):
    return lambda now: now["id"] == name


@pytest.fixture
def phone(new_context):
    page = new_context(**KEYBOARD_PHONE).new_page()
    page.goto("/lang/en")
    return page


def test_keyboard_only_participant_joins_writes_votes_and_reads_results(
    phone, server, organiser, running_event
):
    event_id, table_token = running_event
    phone.goto(f"/t/{table_token}")
    tab_to(phone, by_id("first_name"))
    phone.keyboard.type("Lena")
    tab_to(phone, lambda now: now["type"] == "submit")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/me")
    wait_until_live(phone)

    form = phone.locator("#card-form")
    expect(form).to_match_aria_snapshot(CARD_FORM)
    tab_to(phone, lambda now: now["type"] == "radio")
    phone.keyboard.press("Space")
    phone.keyboard.press("ArrowDown")  # the second category
    expect(form.locator("input[type=radio]").nth(1)).to_be_checked()
    tab_to(phone, by_id("text"))
    phone.keyboard.type("Mehr Sprachkurse am Abend")
    send = tab_to(phone, lambda now: now["tag"] == "button")
    assert "Send" in send["text"]
    phone.keyboard.press("Enter")
    expect(phone.locator("#cards .card-text")).to_have_text(
        ["Mehr Sprachkurse am Abend"]
    )
    assert focused(phone) == send  # not lost: still on the button, still shown
    expect(phone.locator("#cards")).to_match_aria_snapshot(SENT_CARDS)
    phone.screenshot(path=ARTIFACTS / "keyboard-card.png")

    poll_id = open_yes_no_poll(organiser, server.url, event_id)
    phone.wait_for_url(f"**/me/polls/{poll_id}")  # the opening poll takes the phone
    wait_until_live(phone)
    expect(phone.locator("#vote-form")).to_match_aria_snapshot(BALLOT)
    tab_to(phone, lambda now: now["type"] == "radio")
    phone.keyboard.press("ArrowDown")  # Nein
    expect(phone.get_by_role("radio", name="Nein")).to_be_checked()
    tab_to(phone, by_id("vote-button"))
    phone.keyboard.press("Enter")
    expect(phone.locator("#vote-done")).to_be_visible()
    phone.wait_for_url("**/me")  # back at the table
    wait_until_live(phone)

    poll_action(organiser, server.url, event_id, poll_id, "close")
    results = phone.locator('[data-poll-banner="results"] a')
    expect(results).to_be_visible()
    tab_to(phone, lambda now: now["text"] == "See the results")
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"**/me/polls/{poll_id}")
    expect(phone.locator(".poll-results")).to_match_aria_snapshot(RESULTS)
    phone.screenshot(path=ARTIFACTS / "keyboard-results.png", full_page=True)


CARD_FORM = """
- group "Kind of card":
  - radio "Strengths"
  - radio "Weaknesses"
  - radio "Challenges"
- textbox "Your card"
- combobox "Language of your card":
  - option "Automatic" [selected]
- button "Send card"
"""
SENT_CARDS = """
- list "Cards at this table":
  - listitem:
    - text: Weaknesses
    - paragraph: Mehr Sprachkurse am Abend
    - group: /Your card/
"""
BALLOT = """
- group "Choose one option.":
  - radio "Ja"
  - radio "Nein"
- button "Send my vote"
"""
RESULTS = """
- region "Results":
  - heading "Results" [level=2]
  - list:
    - listitem: /Ja/
    - listitem: /Nein/
"""
