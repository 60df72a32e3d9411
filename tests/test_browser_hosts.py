"""Host tools on a phone (390×844, with and without JavaScript), pre-moderation and
moving cards, in Debian's Chromium against the real server."""

import re
import sqlite3

import pytest
from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.live_server import (
    console_cards,
    create_event,
    csrf_token,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    join_table,
    log_in,
    wait_until_live,
    write_card,
)

# The browser journeys' fixtures, shared rather than written again.
pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser = journeys.organiser

LONG = (
    "Wir brauchen mehr Sprachkurse am Abend, damit Berufstätige und Eltern "
    "teilnehmen können; die Kurse der VHS sind um 10 Uhr vormittags, wenn alle "
    "arbeiten oder die Kinder betreuen. " * 2
).strip()
ARABIC = "نحتاج إلى المزيد من دورات اللغة في المساء للآباء والأمهات العاملين"
CARDS = ("Mehr Sprachkurse anbieten", "Mehr Sprachkurse anbeiten", LONG, ARABIC)


def read_database(database, query, *args):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute(query, args).fetchall()


def host_token(database, event_id, index=0):
    rows = read_database(
        database,
        'SELECT host_token FROM "table" WHERE event_id = ? ORDER BY number',
        event_id,
    )
    return rows[index][0]


@pytest.fixture
def event_with_cards(server, organiser):
    """Phase 1 running; four cards at table 1 from two phones -> (event id, tokens)."""
    event_id = create_event(organiser, server.url, title="Forum " + "Wohnen " * 8)
    start_first_phase(organiser, server.url, event_id)
    tokens = table_tokens(server.database, event_id)
    writers = [seated_phone(server.url, tokens[0]) for _ in range(2)]
    for number, text in enumerate(CARDS):
        send_card(writers[number % 2], server.url, text)
    return event_id, tokens


def premoderate(organiser, base_url, event_id):
    page = organiser.get(f"{base_url}/events/{event_id}").text
    organiser.post(
        f"{base_url}/events/{event_id}/premoderation",
        data={"csrf_token": csrf_token(page), "premoderation": "y"},
    ).raise_for_status()


def assert_fits_the_phone(page):
    """No horizontal scrolling; every card, button and field inside the viewport."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    boxes = page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
           .filter(e => e.getClientRects().length)
           .map(e => { const r = e.getBoundingClientRect();
                       return [r.left, r.right]; })""",
        "main .card, main button, main summary, main select, main textarea, main h3",
    )
    assert boxes and all(left >= 0 and right <= width + 0.5 for left, right in boxes)


def become_host(page, database, event_id, expected_name):
    page.goto(f"/h/{host_token(database, event_id)}")
    expect(page.locator("#first_name")).to_have_value(expected_name)
    page.click("main button.primary")
    page.wait_for_url("**/me/host")


def tick(page, text):
    page.locator(".host-card", has_text=text).locator("[data-pick]").check()


def test_host_tools_on_a_phone_merge_by_picking_show_groups_and_keep_the_name(
    new_context, server, event_with_cards
):
    event_id, tokens = event_with_cards
    phone = new_context(**PHONE).new_page()
    join_table(phone, tokens[0], "Amira")
    become_host(phone, server.database, event_id, "Amira")
    wait_until_live(phone)
    expect(phone.locator(".host-card")).to_have_count(4)
    expect(phone.locator(".host-card", has_text=LONG[-40:])).to_be_visible()
    assert_fits_the_phone(phone)
    phone.screenshot(path=ARTIFACTS / "host-tools-phone.png", full_page=True)

    card = phone.locator(".host-card", has_text=ARABIC)
    card.locator(".card-tools summary").click()
    card.locator("input[name=heading]").fill("Sprache")
    assert_fits_the_phone(phone)
    phone.screenshot(path=ARTIFACTS / "host-tools-edit-open.png", full_page=True)
    card.locator("button.primary").click()
    expect(phone.locator(".host-group h3").first).to_contain_text("Sprache")
    expect(phone.locator("[data-ungrouped]")).to_be_visible()

    merge = phone.locator("[data-merge]")
    expect(merge).to_be_disabled()
    tick(phone, CARDS[0])
    expect(merge).to_be_disabled()
    tick(phone, CARDS[1])
    expect(merge).to_be_enabled()
    expect(merge.locator("[data-picked]")).to_have_text("2")
    phone.screenshot(path=ARTIFACTS / "host-tools-two-ticked.png")
    merge.click()
    phone.wait_for_url("**/me/host/merge?*")
    expect(phone.locator("input[name=keep]")).to_have_count(2)
    assert phone.locator("input[name=keep]:checked").count() == 0
    assert_fits_the_phone(phone)
    phone.screenshot(path=ARTIFACTS / "host-merge-choose.png", full_page=True)
    phone.locator(".keep-choice", has_text=CARDS[0]).click()
    phone.click("main button.primary")
    phone.wait_for_url("**/me/host#card-*")
    expect(phone.locator(".host-card")).to_have_count(3)
    expect(
        phone.locator(".host-card", has_text=CARDS[0]).locator(".meta-merged")
    ).to_have_text("×2")
    phone.screenshot(path=ARTIFACTS / "host-tools-merged.png", full_page=True)
    names = read_database(
        server.database,
        "SELECT first_name FROM participant WHERE hosts_table_id IS NOT NULL",
    )
    assert names == [("Amira",)]


def test_host_tools_work_without_javascript(new_context, server, event_with_cards):
    event_id, tokens = event_with_cards
    phone = new_context(**PHONE, java_script_enabled=False).new_page()
    join_table(phone, tokens[0], "Jonas")
    become_host(phone, server.database, event_id, "Jonas")
    tick(phone, CARDS[0])
    tick(phone, CARDS[1])
    phone.click("[data-merge]")
    phone.locator(".keep-choice", has_text=CARDS[1]).click()
    phone.click("main button.primary")
    expect(phone.locator(".host-card")).to_have_count(3)
    card = phone.locator(".host-card", has_text=CARDS[2][:30])
    card.locator(".card-tools summary").click()
    card.locator("input[name=marked]").check()
    card.locator("button.primary").click()
    expect(phone.locator(".host-card.is-marked")).to_have_count(1)
    assert_fits_the_phone(phone)
    phone.screenshot(path=ARTIFACTS / "host-tools-no-js.png", full_page=True)


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_host_tools_fit_the_phone_in_other_languages(
    new_context, server, event_with_cards, language
):
    event_id, tokens = event_with_cards
    phone = new_context(**PHONE).new_page()
    phone.goto(f"/lang/{language}?next=/")
    join_table(phone, tokens[0], "Ola")
    become_host(phone, server.database, event_id, "Ola")
    phone.locator(".card-tools summary").first.click()
    expect(phone.locator("html")).to_have_attribute(
        "dir", "rtl" if language == "ar" else "ltr"
    )
    assert_fits_the_phone(phone)
    phone.screenshot(path=ARTIFACTS / f"host-tools-{language}.png", full_page=True)


def test_a_waiting_card_reaches_the_table_when_the_host_approves_it(
    new_context, server, organiser
):
    event_id = create_event(organiser, server.url, title="Öffentliches Forum")
    start_first_phase(organiser, server.url, event_id)
    premoderate(organiser, server.url, event_id)
    token = table_tokens(server.database, event_id)[0]
    host = new_context(**PHONE).new_page()
    join_table(host, token, "Hanna")
    become_host(host, server.database, event_id, "Hanna")
    wait_until_live(host)
    writer, neighbour = new_context(**PHONE).new_page(), new_context(**PHONE).new_page()
    join_table(writer, token, "Noor")
    join_table(neighbour, token, "Lena")
    wait_until_live(writer)
    wait_until_live(neighbour)

    write_card(writer, "Bitte erst prüfen")

    waiting = writer.locator("#cards .card.is-waiting", has_text="Bitte erst prüfen")
    expect(waiting.locator(".meta-waiting")).to_be_visible()
    writer.screenshot(
        path=ARTIFACTS / "premoderation-writer-waiting.png", full_page=True
    )
    expect(host.locator("#waiting .card")).to_have_count(1)  # the page reloaded itself
    host.screenshot(path=ARTIFACTS / "premoderation-host-waiting.png", full_page=True)
    assert neighbour.locator("#cards .card").count() == 0

    host.locator("#waiting form[action$='/approve'] button").click()

    expect(neighbour.locator("#cards .card-text")).to_have_text(["Bitte erst prüfen"])
    expect(waiting.locator(".meta-waiting")).to_be_hidden()
    expect(writer.locator("#cards .card.is-waiting")).to_have_count(0)
    neighbour.screenshot(path=ARTIFACTS / "premoderation-neighbour-approved.png")

    write_card(writer, "Das geht zu weit")
    expect(host.locator("#waiting .card")).to_have_count(1)
    host.locator("#waiting form[action$='/reject'] button").click()
    rejected = writer.locator("#cards .card", has_text="Das geht zu weit")
    expect(rejected.locator(".meta-rejected")).to_be_visible()
    writer.screenshot(
        path=ARTIFACTS / "premoderation-writer-rejected.png", full_page=True
    )
    assert neighbour.locator("#cards .card", has_text="Das geht zu weit").count() == 0


def test_console_moves_a_card_and_approves_a_waiting_one(
    new_context, server, organiser
):
    event_id = create_event(organiser, server.url, title="Forum mit Umzug")
    start_first_phase(organiser, server.url, event_id)
    tokens = table_tokens(server.database, event_id)
    old_table = new_context(**PHONE).new_page()
    new_table = new_context(**PHONE).new_page()
    join_table(old_table, tokens[0], "Ali")
    join_table(new_table, tokens[1], "Bea")
    wait_until_live(old_table)
    wait_until_live(new_table)
    write_card(old_table, "Gehört an Tisch 2")
    expect(old_table.locator("#cards .card")).to_have_count(1)
    console = new_context(**LAPTOP).new_page()
    log_in(console)
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    card = console.locator(".table-grid .card", has_text="Gehört an Tisch 2")
    card.locator("[data-move] summary").click()
    table_ids = [c["table_id"] for c in console_cards(organiser, server.url, event_id)]
    category = card.locator("select[name=category]")
    assert category.locator("optgroup:not([disabled]) option").count() == 3
    console.screenshot(path=ARTIFACTS / "console-move-menu.png")
    target = card.locator("select[name=table] option").nth(1).get_attribute("value")
    card.locator("select[name=table]").select_option(target)
    card.locator(".card-move button").click()

    column = console.locator(
        f'[data-table="{target}"] .card', has_text="Gehört an Tisch 2"
    )
    expect(column).to_have_count(1)
    expect(old_table.locator("#cards .card")).to_have_count(0)
    expect(new_table.locator("#cards .card-text")).to_have_text(["Gehört an Tisch 2"])
    assert str(table_ids[0]) != target

    premoderate(organiser, server.url, event_id)
    write_card(new_table, "Wartet auf die Moderation")
    waiting = console.locator(".table-grid .card.is-waiting")
    expect(waiting).to_have_count(1)
    expect(console.locator("#count-waiting strong")).to_have_text("1")
    first = console.locator(f'[data-table="{target}"] .cards > .card').first
    expect(first).to_have_class(re.compile(r"\bis-waiting\b"))  # waiting cards first
    console.screenshot(path=ARTIFACTS / "console-waiting.png", full_page=True)
    waiting.locator("form[data-approve] button").click()
    expect(console.locator(".table-grid .card.is-waiting")).to_have_count(0)
    expect(console.locator("#count-waiting")).to_be_hidden()


def test_organiser_switches_pre_moderation_on_and_the_report_page_warns(
    new_context, server, organiser
):
    event_id = create_event(organiser, server.url, title="Bürgerforum Laatzen")
    start_first_phase(organiser, server.url, event_id)
    laptop = new_context(**LAPTOP).new_page()
    log_in(laptop)
    laptop.goto(f"/events/{event_id}")
    panel = laptop.locator("#moderation")
    panel.locator("input[type=checkbox]").check()
    panel.locator("input[type=submit]").click()
    expect(laptop.locator("#moderation input[type=checkbox]")).to_be_checked()
    laptop.locator("#moderation").screenshot(
        path=ARTIFACTS / "premoderation-setting.png"
    )
    writer = seated_phone(server.url, table_tokens(server.database, event_id)[0])
    assert send_card(writer, server.url, "Noch nicht geprüft")["state"] == "waiting"
    laptop.goto(f"/events/{event_id}/report")
    expect(laptop.locator("#waiting-cards")).to_be_visible()
    laptop.screenshot(path=ARTIFACTS / "report-waiting-cards.png")
