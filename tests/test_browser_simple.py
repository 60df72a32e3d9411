"""Simple mode and read aloud on a 390×844 phone in Chromium: the switch beside the
language list, and the browser's own speech synthesis (stubbed here, so the test
hears what would be spoken and in which language) for the instructions, a card
and a poll."""

from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.test_browser import (
    ARTIFACTS,
    PHONE,
    join_table,
    wait_until_live,
    write_card,
)
from tests.test_voting_browser import create_poll, poll_action

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser, running_event = journeys.organiser, journeys.running_event

# A speech synthesis that records what it is asked to say.
RECORD_SPEECH = """
(() => {
  window.__spoken = [];
  window.__cancelled = 0;
  Object.defineProperty(window, "speechSynthesis", {
    configurable: true,
    value: {
      speaking: false,
      speak(u) {
        window.__spoken.push({text: u.text, lang: u.lang});
        this.speaking = true;
      },
      cancel() { window.__cancelled += 1; this.speaking = false; },
      getVoices() { return []; },
    },
  });
})();
"""
NO_SPEECH = 'Object.defineProperty(window, "speechSynthesis", {value: undefined});'


def spoken(page):
    return page.evaluate("window.__spoken.splice(0)")


def english_phone(new_context, init_script=RECORD_SPEECH):
    context = new_context(**PHONE)
    context.add_init_script(init_script)
    page = context.new_page()
    page.goto("/lang/en")
    return page


def test_simple_mode_and_read_aloud_on_the_phone(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    phone = english_phone(new_context)
    phone.goto(f"/t/{table_token}")
    switch = phone.locator("#simple-switch")
    expect(switch).to_have_attribute("aria-pressed", "false")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "true")
    expect(phone.locator("#join-instructions")).to_have_text(
        "You need no account.Your cards do not show your name."
    )
    phone.screenshot(path=ARTIFACTS / "simple-join-en.png", full_page=True)

    phone.locator("main .read-aloud").first.click()
    said = spoken(phone)
    assert said[0] == {
        "text": "You need no account. Your cards do not show your name.",
        "lang": "en",
    }

    join_table(phone, table_token, "Ada")
    wait_until_live(phone)
    expect(phone.locator("#simple-switch")).to_have_attribute("aria-pressed", "true")
    read_form = phone.locator("#card-form .read-aloud")
    read_form.click()
    texts = [s["text"] for s in spoken(phone)]
    assert any("What is good What works well today?" in t for t in texts), texts
    assert any(t.startswith("What is your card about? Choose one.") for t in texts)
    expect(read_form).to_have_attribute("aria-pressed", "true")
    read_form.click()  # pressing again stops
    expect(read_form).to_have_attribute("aria-pressed", "false")
    assert phone.evaluate("window.__cancelled") >= 2 and spoken(phone) == []

    write_card(phone, "More language courses in the evening")
    card = phone.locator("#cards .card", has_text="More language courses").first
    expect(card).to_be_visible()
    card.locator(".read-aloud").click()
    card_lang = card.locator(".card-text").get_attribute("lang") or "en"
    assert spoken(phone) == [
        {"text": "What is good", "lang": "en"},
        {"text": "More language courses in the evening", "lang": card_lang},
    ]
    phone.screenshot(path=ARTIFACTS / "simple-table-en.png", full_page=True)

    poll_id, _ = create_poll(
        organiser,
        server.url,
        event_id,
        "single",
        question="Is the date right?",
        options="Yes\nNo",
    )
    poll_action(organiser, server.url, event_id, poll_id, "open")
    phone.wait_for_url(f"**/me/polls/{poll_id}")  # an opening poll takes the phone
    expect(phone.locator("#vote-form legend")).to_have_text("Choose one answer.")
    phone.locator("main .read-aloud").first.click()
    said = spoken(phone)
    question = phone.locator("#question")
    assert said[0] == {
        "text": "Is the date right?",
        "lang": question.get_attribute("lang"),
    }
    assert said[1] == {"text": "Choose one answer. Yes No", "lang": "en"}
    phone.screenshot(path=ARTIFACTS / "simple-poll-en.png", full_page=True)
    phone.locator("#simple-switch").click()
    expect(phone.locator("#simple-switch")).to_have_attribute("aria-pressed", "false")
    expect(phone.locator("#vote-form legend")).to_have_text("Choose one option.")
    poll_action(organiser, server.url, event_id, poll_id, "close")


def test_no_read_aloud_button_without_speech_synthesis(new_context, running_event):
    _, table_token = running_event
    phone = english_phone(new_context, NO_SPEECH)
    phone.goto(f"/t/{table_token}")
    expect(phone.locator("#simple-switch")).to_be_visible()
    expect(phone.locator("main .read-aloud")).to_be_hidden()


def test_the_switch_works_without_javascript(new_context, running_event):
    _, table_token = running_event
    context = new_context(**PHONE, java_script_enabled=False)
    phone = context.new_page()
    phone.goto("/lang/en")
    phone.goto(f"/t/{table_token}")
    phone.locator("#simple-switch").click()
    expect(phone.locator("#simple-switch")).to_have_attribute("aria-pressed", "true")
    assert phone.url.endswith(f"/t/{table_token}")
    expect(phone.locator("#join-instructions")).to_contain_text("You need no account.")
    phone.set_viewport_size({"width": 195, "height": 844})  # 200 % zoom
    box = phone.locator("#simple-switch").bounding_box()
    phone.screenshot(path=ARTIFACTS / "simple-join-195.png")
    assert box["x"] >= 0 and box["x"] + box["width"] <= 195


def test_simple_mode_in_german_reads_from_the_german_catalogue(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    context = new_context(**PHONE)
    context.add_init_script(RECORD_SPEECH)
    phone = context.new_page()
    phone.goto("/lang/de")
    phone.goto(f"/t/{table_token}")
    phone.locator("#simple-switch").click()
    expect(phone.locator("#simple-switch")).to_contain_text("Einfach")
    expect(phone.locator("#join-instructions")).to_contain_text(
        "Sie brauchen kein Konto."
    )
    join_table(phone, table_token, "Ayşe")
    wait_until_live(phone)
    expect(phone.locator("#card-form")).to_contain_text("Was ist gut")
    write_card(phone, "Mehr Sprachkurse am Abend")
    expect(phone.locator("#cards .card", has_text="Mehr Sprachkurse")).to_be_visible()
    phone.screenshot(path=ARTIFACTS / "simple-table-de.png", full_page=True)

    poll_id, _ = create_poll(
        organiser,
        server.url,
        event_id,
        "single",
        question="Passt der Termin?",
        options="Ja\nNein",
    )
    poll_action(organiser, server.url, event_id, poll_id, "open")
    phone.wait_for_url(f"**/me/polls/{poll_id}")
    expect(phone.locator("#vote-form legend")).to_have_text("Wählen Sie eine Antwort.")
    phone.locator("main .read-aloud").first.click()
    assert spoken(phone)[1] == {
        "text": "Wählen Sie eine Antwort. Ja Nein",
        "lang": "de",
    }
    phone.screenshot(path=ARTIFACTS / "simple-poll-de.png", full_page=True)
    poll_action(organiser, server.url, event_id, poll_id, "close")
