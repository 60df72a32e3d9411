"""Browser journeys: every format run end to end, and the timer across a restart.

Create from the format → phones join → phases with their seating → cards →
plenary steps on the projector, in Debian's Chromium against the real server."""

import re
import sqlite3
import time

import requests
from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.live_server import JSON, logged_in_organiser, table_tokens
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    join_table,
    log_in,
    wait_until_live,
    write_card,
)

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context

PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "de-DE"}


def create_from_format(page, format_key):
    page.goto("/events/new")
    page.fill("#title", f"Werkstatt {format_key}")
    page.fill("#date", "2026-11-24")
    page.fill("#time", "18:00")
    page.select_option("#format", format_key)
    page.select_option("#catalogue", "melle")
    page.click("main input[type=submit]")
    page.wait_for_url(re.compile(r"/events/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def host_token(database, event_id, number):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        row = connection.execute(
            'SELECT host_token FROM "table" WHERE event_id = ? AND number = ?',
            (event_id, number),
        ).fetchone()
    return row[0]


def start(console, kind, index=0):
    """Start the index-th step of a kind: with "Next" when it is the next step,
    else with its own Start, confirming what that asks; the console reloads."""
    step = console.locator(f'.step[data-kind="{kind}"]').nth(index)
    if "is-next" in step.get_attribute("class"):
        console.locator(".next-button").click()
    else:
        form = step.locator("form.step-start")
        if form.get_attribute("data-confirm"):
            console.once("dialog", lambda dialog: dialog.accept())
        form.locator("button").click()
    expect(console.locator(f'.step[data-kind="{kind}"]').nth(index)).to_have_class(
        re.compile(r"\brunning\b")
    )
    wait_until_live(console)


def open_projector(context, console):
    projector = context.new_page()
    projector.set_viewport_size(PROJECTOR["viewport"])
    projector.goto(console.locator('a[href*="/projector/"]').get_attribute("href"))
    wait_until_live(projector)
    return projector


def seated(new_context, token, name):
    phone = new_context(**PHONE).new_page()
    join_table(phone, token, name)
    wait_until_live(phone)
    return phone


def next_table(console, projector, number):
    button = '#plenary form[action$="/plenary/table"] button[value="next"]'
    console.locator(button).click()
    expect(projector.locator("#spotlight-number")).to_have_text(f"Tisch {number}")
    console.wait_for_load_state()


def present_first_table(console, projector, text):
    next_table(console, projector, 1)
    expect(projector.locator("#spotlight-cards")).to_contain_text(text)


def snap(page, name, full_page=False):
    page.screenshot(path=ARTIFACTS / name, full_page=full_page)


def laptop_with_console(new_context, format_key):
    laptop = new_context(**LAPTOP)
    console = laptop.new_page()
    log_in(console)
    event_id = create_from_format(console, format_key)
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    return laptop, console, event_id


def test_dialogue_forum_runs_both_phases_and_presents_each_table(new_context, server):
    laptop, console, event_id = laptop_with_console(new_context, "dialogue_forum")
    projector = open_projector(laptop, console)
    tokens = table_tokens(server.database, event_id)
    lena = seated(new_context, tokens[0], "Lena")
    start(console, "phase", 0)
    expect(lena.locator("#now [data-timer]")).to_have_text(re.compile(r"^4[45]:\d\d$"))
    write_card(lena, "Kurze Wege ins Rathaus")
    start(console, "plenary", 0)
    expect(lena.locator("#card-form")).to_be_hidden()
    present_first_table(console, projector, "Kurze Wege ins Rathaus")
    start(console, "phase", 1)
    expect(lena.locator("#card-form")).to_be_visible()
    lena.locator("#card-form .categories:not([hidden]) input").first.check()
    lena.locator("#smart-fields summary").click()
    lena.fill("#indicator", "20 Kurse pro Jahr")
    lena.fill("#actor", "VHS")
    write_card(lena, "Mehr Sprachkurse am Abend anbieten")
    expect(console.locator(".table-grid .smart-score").first).to_contain_text("3/5")
    start(console, "plenary", 1)
    snap(lena, "formats-dialogue-phone.png", full_page=True)
    snap(console, "formats-dialogue-console.png", full_page=True)


def test_practice_check_mixes_tables_then_reseats_by_action_field(new_context, server):
    laptop, console, event_id = laptop_with_console(new_context, "practice_check")
    projector = open_projector(laptop, console)
    tokens = table_tokens(server.database, event_id)
    phones = [seated(new_context, tokens[0], name) for name in ("Amir", "Bea")]
    start(console, "phase", 0)
    for phone in phones:
        expect(phone.locator(".seat-call")).to_be_visible()
    calls = [phone.locator(".seat-call").inner_text() for phone in phones]
    assert calls[0] != calls[1]  # who sat together now sits apart
    write_card(phones[0], "Wir arbeiten alle mit Ehrenamtlichen")
    snap(phones[0], "formats-practice-phone-mixed.png")
    start(console, "phase", 1)
    phone = phones[1]
    phone.wait_for_url(re.compile(r"/j/"))
    expect(phone.locator(".flash")).to_be_visible()
    phone.locator(".table-option").nth(2).click()
    phone.click("main input[type=submit]")
    phone.wait_for_url("**/me")
    wait_until_live(phone)
    expect(phone.locator(".seat-call")).to_contain_text("3")
    write_card(phone, "Abschnitt 2.3 ist sehr gelungen")
    start(console, "plenary", 0)
    for number in (1, 2, 3):
        next_table(console, projector, number)
    expect(projector.locator("#spotlight-cards")).to_contain_text("Abschnitt 2.3")
    snap(projector, "formats-practice-projector.png")


def test_conference_host_tidies_and_presents_the_tables_cards(new_context, server):
    laptop, console, event_id = laptop_with_console(new_context, "conference")
    projector = open_projector(laptop, console)
    tokens = table_tokens(server.database, event_id)
    host = new_context(**PHONE).new_page()
    host.goto(f"/h/{host_token(server.database, event_id, 1)}")
    host.fill("#first_name", "Hanna")
    host.click("main button.primary")
    host.wait_for_url("**/me/host")
    writer = seated(new_context, tokens[0], "Olek")
    start(console, "phase", 0)
    for text in ("Ziel 3 loben: Sprachkurse", "Ziel 3 loben Sprachkurse"):
        write_card(writer, text)
    expect(writer.locator("#cards .card")).to_have_count(2)
    expect(host.locator(".host-card")).to_have_count(2)  # the page follows live
    host.locator(".host-card [data-pick]").nth(0).check()
    host.locator(".host-card [data-pick]").nth(1).check()
    host.locator("[data-merge]").click()
    host.locator(".keep-choice", has_text="Ziel 3 loben: Sprachkurse").click()
    host.locator("main button.primary").click()
    expect(host.locator(".host-card")).to_have_count(1)
    host.locator(".host-card .card-tools summary").click()
    host.locator(".host-card textarea").fill("Ziel 3 loben: Sprachkurse am Abend")
    host.locator(".host-card input[name=marked]").check()
    host.locator('.host-card form[action$="/tidy"] button').click()
    expect(writer.locator("#cards")).to_contain_text("Sprachkurse am Abend")
    start(console, "plenary", 0)
    host.locator('#present form[action$="/present/table"] button').click()
    host.locator('#present button[value="next"]').click()
    expect(projector.locator("#spotlight-focus")).to_contain_text("am Abend")
    expect(projector.locator("#spotlight-focus .meta-merged")).to_have_text("×2")
    snap(projector, "formats-conference-projector.png")
    snap(host, "formats-conference-host.png", full_page=True)
    start(console, "vote", 1)
    expect(projector.locator(".projector-now [data-step-label]").first).to_have_text(
        "Abstimmung"
    )


def test_custom_format_with_a_gallery_walk(new_context, server):
    laptop, console, event_id = laptop_with_console(new_context, "custom")
    console.goto(f"/events/{event_id}/programme")
    console.locator("#run-sheet details summary").click()
    console.select_option("#new-step-kind", "gallery")
    console.fill("#new-step-minutes", "15")
    console.locator('#run-sheet form[action$="/steps/new"] input[type=submit]').click()
    expect(console.locator("#run-sheet tbody tr")).to_have_count(5)
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    projector = open_projector(laptop, console)
    tokens = table_tokens(server.database, event_id)
    writer = seated(new_context, tokens[0], "Ida")
    visitor = seated(new_context, tokens[1], "Jon")
    start(console, "phase", 0)
    write_card(writer, "Ein Fest im Stadtteil")
    start(console, "gallery", 0)
    visitor.locator('#now a[href$="/me/gallery"]').click()
    visitor.locator(".reactions button").first.click()
    expect(visitor.locator('.reactions button[aria-pressed="true"]')).to_have_count(1)
    expect(
        projector.locator("#gallery-totals [data-table] .praise").first
    ).to_have_text("1")
    expect(console.locator(".table-grid .meta-praise b")).to_have_text("1")
    snap(visitor, "formats-custom-gallery-phone.png", full_page=True)
    snap(projector, "formats-custom-gallery-projector.png")
    start(console, "plenary", 0)
    present_first_table(console, projector, "Ein Fest im Stadtteil")


def step_state(organiser, base_url, event_id):
    state = organiser.get(f"{base_url}/events/{event_id}/console/state", headers=JSON)
    return state.json()["state"]["step"]


def post_step(organiser, base_url, event_id, step_id, action):
    page = organiser.get(f"{base_url}/events/{event_id}/console").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    organiser.post(
        f"{base_url}/events/{event_id}/steps/{step_id}/{action}",
        data={"csrf_token": token},
        headers=JSON,
    ).raise_for_status()


def restart(server):
    server.stop()
    time.sleep(1.5)
    server.start()


def test_timer_continues_correctly_after_a_server_restart(new_context, server):
    organiser = logged_in_organiser(server.url)
    laptop, console, event_id = laptop_with_console(new_context, "dialogue_forum")
    start(console, "welcome", 0)
    phone = seated(new_context, table_tokens(server.database, event_id)[0], "Uli")
    running = step_state(organiser, server.url, event_id)
    shown = phone.locator("#now [data-timer]").inner_text()

    restart(server)

    organiser = logged_in_organiser(server.url)
    after = step_state(organiser, server.url, event_id)
    assert after["ends_at"] == running["ends_at"]
    assert after["remaining"] < running["remaining"]
    phone.reload()
    wait_until_live(phone)
    later = phone.locator("#now [data-timer]").inner_text()
    assert seconds(later) < seconds(shown) <= 15 * 60
    post_step(organiser, server.url, event_id, after["id"], "pause")
    paused = step_state(organiser, server.url, event_id)

    restart(server)

    organiser = logged_in_organiser(server.url)
    assert (
        step_state(organiser, server.url, event_id)["remaining"] == paused["remaining"]
    )
    phone.reload()
    expect(phone.locator("#now [data-timer]")).to_contain_text(
        clock(paused["remaining"])
    )
    assert requests.get(server.url + "/", allow_redirects=False).status_code == 302


def seconds(text):
    minutes, secs = text.split(" ")[0].split(":")
    return int(minutes) * 60 + int(secs)


def clock(total):
    return f"{total // 60}:{total % 60:02d}"
