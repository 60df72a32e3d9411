"""The participant's phone in Chromium at 390×844: choosing a table by the event QR
(German and Arabic), and an open poll that takes the phone once, sends it back to
its table after the vote and gives way to a seating notice."""

import sqlite3

import pytest
from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.live_server import (
    create_event,
    csrf_token,
    projector_path,
    start_first_phase,
    table_tokens,
)
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
organiser = journeys.organiser

NO_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def read_one(database, query, *args):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute(query, args).fetchone()


@pytest.fixture
def long_fields_event(server, organiser):
    """Eleven tables with long action fields (Offenburg), phase 1 running."""
    event_id = create_event(organiser, server.url, catalogue="offenburg")
    start_first_phase(organiser, server.url, event_id)
    token = read_one(
        server.database, "SELECT join_token FROM event WHERE id = ?", event_id
    )
    return event_id, token[0]


def boxes_inside(page, selector, width):
    """Every element matching selector lies within [0, width] horizontally."""
    for box in page.eval_on_selector_all(
        selector, "els => els.map(e => e.getBoundingClientRect().toJSON())"
    ):
        assert box["left"] >= 0 and box["right"] <= width + 0.5, box


@pytest.mark.parametrize(
    "locale, message", [("de-DE", "Bitte wählen Sie Ihren Tisch."), ("ar", "يُرجى")]
)
def test_event_qr_join_offers_the_tables_as_buttons_and_needs_a_choice(
    new_context, long_fields_event, locale, message
):
    _event_id, join_token = long_fields_event
    phone = new_context(**{**PHONE, "locale": locale}).new_page()
    phone.goto(f"/j/{join_token}")
    options = phone.locator(".table-option")
    expect(options).to_have_count(11)
    expect(phone.locator(".table-option input:checked")).to_have_count(0)
    boxes_inside(phone, ".table-option, .table-choice legend, main input", 390)
    assert phone.evaluate(NO_OVERFLOW)
    for index in range(11):
        box = options.nth(index).bounding_box()
        assert box["height"] >= 48 and box["width"] >= 140  # large enough to tap
    shot = locale[:2]
    phone.screenshot(path=ARTIFACTS / f"join-chooser-{shot}.png", full_page=True)

    phone.fill("#first_name", "Mina")
    phone.click("main input[type=submit]")
    expect(phone.locator(".table-choice [role=alert]")).to_contain_text(message)
    expect(phone.locator("#first_name")).to_have_value("Mina")
    phone.screenshot(path=ARTIFACTS / f"join-chooser-{shot}-missing.png")

    options.nth(6).click()  # tapping anywhere on the card chooses it
    expect(options.nth(6).locator("input")).to_be_checked()
    phone.click("main input[type=submit]")
    phone.wait_for_url("**/me")
    expect(phone.locator("h1")).to_contain_text("7")


def test_keyboard_chooses_a_table_in_the_chooser(new_context, long_fields_event):
    _event_id, join_token = long_fields_event
    phone = new_context(**PHONE).new_page()
    phone.goto(f"/j/{join_token}")
    phone.locator(".table-option input").first.focus()
    phone.keyboard.press("Space")
    phone.keyboard.press("ArrowDown")
    expect(phone.locator(".table-option input").nth(1)).to_be_checked()
    expect(phone.locator("fieldset.table-choice legend")).to_be_visible()


def test_after_voting_the_phone_is_back_at_its_table_and_stays_there(
    new_context, server, organiser, long_fields_event
):
    event_id, _join = long_fields_event
    table_token = table_tokens(server.database, event_id)[0]
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_token, "Yara")
    wait_until_live(phone)
    phone.fill("#text", "Halb geschrieben")
    poll_id, _ = create_poll(
        organiser,
        server.url,
        event_id,
        "single",
        question="Passt der Termin?",
        options="Ja\nNein",
    )
    poll_action(organiser, server.url, event_id, poll_id, "open")
    phone.wait_for_url(f"**/me/polls/{poll_id}")  # an opening poll takes the phone
    phone.get_by_label("Ja").check()
    phone.click("#vote-button")
    expect(phone.locator("#vote-done")).to_be_visible()
    phone.wait_for_url("**/me")
    voted = phone.locator('[data-poll-banner="voted"]')
    expect(voted).to_be_visible()
    expect(phone.locator('[data-poll-banner="open"]')).to_be_hidden()
    expect(phone.locator("#text")).to_have_value("Halb geschrieben")
    expect(phone.locator("#card-form")).to_be_visible()
    phone.screenshot(path=ARTIFACTS / "poll-voted-back-at-table.png", full_page=True)

    with phone.expect_response("**/me/state"):  # the resync after the reload
        phone.reload()
    wait_until_live(phone)
    expect(voted).to_be_visible()
    assert phone.url.endswith("/me")
    poll_action(organiser, server.url, event_id, poll_id, "close")


def move(server, organiser, event_id, number):
    """The moderator seats the newest participant at table `number` (console form)."""
    person = read_one(server.database, "SELECT max(id) FROM participant")[0]
    table = read_one(
        server.database,
        'SELECT id FROM "table" WHERE event_id = ? AND number = ?',
        event_id,
        number,
    )[0]
    console = organiser.get(f"{server.url}/events/{event_id}/console").text
    organiser.post(
        f"{server.url}/events/{event_id}/seats",
        data={"csrf_token": csrf_token(console), "participant": person, "table": table},
    ).raise_for_status()


def open_poll(server, organiser, event_id, question):
    poll_id, _ = create_poll(
        organiser, server.url, event_id, "single", question=question, options="Ja\nNein"
    )
    poll_action(organiser, server.url, event_id, poll_id, "open")
    return poll_id


def resynced(phone):
    """Wait until this page's resync fetched /me/state, and what it started ran."""
    phone.wait_for_function(
        "performance.getEntriesByName(location.origin + '/me/state').length > 0"
    )
    phone.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")


def test_a_move_takes_the_phone_from_the_poll_to_its_seating_notice(
    new_context, server, organiser, long_fields_event
):
    event_id, _join = long_fields_event
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_tokens(server.database, event_id)[0], "Omid")
    wait_until_live(phone)
    poll_id = open_poll(server, organiser, event_id, "Pause jetzt?")
    phone.wait_for_url(f"**/me/polls/{poll_id}")
    wait_until_live(phone)

    move(server, organiser, event_id, 3)

    phone.wait_for_url("**/me")
    expect(phone.locator(".seat-call")).to_be_visible()
    expect(phone.locator(".seat-call")).to_contain_text("3")
    expect(phone.locator('[data-poll-banner="open"]')).to_be_visible()
    phone.screenshot(path=ARTIFACTS / "poll-seating-notice-first.png", full_page=True)
    poll_action(organiser, server.url, event_id, poll_id, "close")


def test_a_phone_back_online_sees_its_new_seat_before_the_poll(
    new_context, server, organiser, long_fields_event
):
    event_id, _join = long_fields_event
    context = new_context(**PHONE)
    phone = context.new_page()
    join_table(phone, table_tokens(server.database, event_id)[1], "Dana")
    wait_until_live(phone)
    context.set_offline(True)
    move(server, organiser, event_id, 5)
    poll_id = open_poll(server, organiser, event_id, "Weiter so?")

    context.set_offline(False)
    # Reconnected: the resync finds the new seat and reloads the page for it.
    expect(phone.locator(".seat-call")).to_be_visible(timeout=20000)
    expect(phone.locator(".seat-call")).to_contain_text("5")
    wait_until_live(phone)
    resynced(phone)
    assert phone.url.endswith("/me")  # the poll waits behind the seating notice
    expect(phone.locator('[data-poll-banner="open"] a')).to_have_attribute(
        "href", f"/me/polls/{poll_id}"
    )
    poll_action(organiser, server.url, event_id, poll_id, "close")


def test_german_on_an_arabic_phone_is_recognised_and_the_writer_can_correct_it(
    new_context, server, long_fields_event
):
    event_id, _join = long_fields_event
    phone = new_context(**{**PHONE, "locale": "ar"}).new_page()
    join_table(phone, table_tokens(server.database, event_id)[2], "Rania")
    wait_until_live(phone)
    expect(phone.locator("#card-language")).to_have_value("")  # automatic
    write_card(phone, "Mehr Sprachkurse am Abend für Berufstätige")
    card = phone.locator("#cards .card", has_text="Sprachkurse")
    own = card.locator(".card-own")
    expect(own.locator("summary")).to_contain_text("Deutsch")
    expect(card.locator(".card-text")).to_have_attribute("lang", "de")
    own.locator("summary").click()
    own.locator("select").select_option("en")
    phone.screenshot(path=ARTIFACTS / "card-language-correct-ar.png", full_page=True)
    own.locator("button").click()
    expect(card.locator(".card-own summary")).to_contain_text("English")
    assert phone.evaluate(NO_OVERFLOW)
    phone.reload()
    expect(phone.locator("#cards .card-own summary")).to_contain_text("English")


def test_an_arabic_event_reads_right_on_projector_console_phone_and_interpreter(
    new_context, server, organiser
):
    from tests.test_browser import LAPTOP, log_in
    from tests.test_browser_languages import interpreter_page, interpreter_token

    event_id = create_event(organiser, server.url, "منتدى الحوار", language="ar")
    start_first_phase(organiser, server.url, event_id)
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_tokens(server.database, event_id)[0], "Jonas")
    wait_until_live(phone)
    write_card(phone, "Mehr Sprachkurse am Abend für Berufstätige")
    card = phone.locator("#cards .card", has_text="Sprachkurse")
    expect(card).to_have_count(1)
    expect(card.locator(".card-untranslated")).to_be_hidden()  # German for German
    assert phone.evaluate(NO_OVERFLOW)
    phone.screenshot(path=ARTIFACTS / "rtl-event-phone-de.png", full_page=True)

    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(projector_path(organiser, server.url, event_id))
    expect(projector.locator("html")).to_have_attribute("dir", "rtl")
    for width, height in ((1920, 1080), (1280, 720), (1024, 768)):
        projector.set_viewport_size({"width": width, "height": height})
        assert projector.evaluate(NO_OVERFLOW)
        projector.screenshot(path=ARTIFACTS / f"rtl-event-projector-{width}.png")

    console = new_context(**LAPTOP).new_page()
    log_in(console)
    console.goto(f"/events/{event_id}/console")
    expect(console.locator(".card", has_text="Sprachkurse")).to_have_count(1)
    assert console.evaluate(NO_OVERFLOW)
    console.screenshot(path=ARTIFACTS / "rtl-event-console.png", full_page=True)

    code = interpreter_token(server.database, event_id)
    interpreter = interpreter_page(new_context, code, "de")
    item = interpreter.locator(".queue-item", has_text="Sprachkurse")
    expect(item).to_have_count(1)
    expect(item.locator(".target-name")).to_have_text("العربية")
    assert interpreter.evaluate(NO_OVERFLOW)
    interpreter.screenshot(path=ARTIFACTS / "rtl-event-interpreter.png", full_page=True)


def test_a_card_written_while_another_is_being_sent_is_sent_too(
    new_context, server, long_fields_event
):
    event_id, _join = long_fields_event
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_tokens(server.database, event_id)[4], "Ela")
    wait_until_live(phone)
    # With its live socket down the phone posts its cards: a request can be held.
    phone.evaluate("window.Tischrunde.socket.disconnect()")
    held = []  # the first card's request waits here until the second is written

    def hold_first(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    phone.route("**/me/cards", hold_first)
    write_card(phone, "Erste Karte: Sprachcafé")
    for _ in range(100):  # until the page's request reached the route
        if held:
            break
        phone.wait_for_timeout(50)
    write_card(phone, "Zweite Karte: Busverbindung")
    held[0].continue_()
    expect(phone.locator("#cards .card")).to_have_count(2)
    expect(phone.locator("#pending .card")).to_have_count(0)
