"""The moderator's console in Chromium at 1280×800: "Next" through the whole
run-sheet, going back only after a question, empty tables folded until their first
card, the phase filter, quiet photo removal, and the gallery walk on the projector."""

import io
import re
import uuid

import pytest
from playwright.sync_api import expect

from tests import images
from tests import test_browser as journeys
from tests.live_server import JSON, csrf_token, seated_phone, send_card, table_tokens
from tests.test_browser import ARTIFACTS, LAPTOP, log_in, wait_until_live, write_card
from tests.test_browser_formats import create_from_format, open_projector, seated

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context


@pytest.fixture(scope="module")
def signed_in(browser, server):
    """The organiser's cookies, logged in once: the login limit counts every login."""
    context = browser.new_context(base_url=server.url)
    log_in(context.new_page())
    state = context.storage_state()
    journeys.close_context(context)
    return state


@pytest.fixture
def laptop_with_console(new_context, signed_in):
    """laptop_with_console(**profile) -> (context, console page, event id) of a new
    dialogue forum."""

    def open_console(**profile):
        laptop = new_context(storage_state=signed_in, **{**LAPTOP, **profile})
        console = laptop.new_page()
        event_id = create_from_format(console, "dialogue_forum")
        console.goto(f"/events/{event_id}/console")
        wait_until_live(console)
        return laptop, console, event_id

    return open_console


DIALOGUE_FORUM = [
    "Begrüßung",
    "Ausgangslage",
    "Plenum: Ausgangslage",
    "Ziele",
    "Plenum: Ziele",
    "Abschluss",
]


def press_next(console, label=None):
    """Press "Next" (which names `label`); the console reloads with that step
    running."""
    button = console.locator(".runsheet .next-button")
    if label:
        expect(button).to_contain_text(label)
    upcoming = console.locator(".step.is-next").get_attribute("data-step")
    button.click()
    expect(console.locator(f'.step[data-step="{upcoming}"]')).to_have_class(
        re.compile(r"\brunning\b")
    )
    wait_until_live(console)


def run_until(console, label):
    for name in DIALOGUE_FORUM[: DIALOGUE_FORUM.index(label) + 1]:
        press_next(console, name)


def fits(page):
    """No horizontal scrolling, and "Next" or "Close event" inside the viewport."""
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    box = page.locator(".runsheet .next-button").bounding_box()
    viewport = page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert box["y"] + box["height"] <= viewport["height"]


def test_next_walks_the_whole_dialogue_forum_run_sheet(
    laptop_with_console, new_context, server
):
    _laptop, console, event_id = laptop_with_console()
    phone = seated(new_context, table_tokens(server.database, event_id)[0], "Lena")
    for number, label in enumerate(DIALOGUE_FORUM):
        expect(console.locator(".step.is-next strong")).to_have_text(label)
        press_next(console, label)
        fits(console)
        expect(console.locator(".step.step-done")).to_have_count(number)
        expect(phone.locator("#now [data-step-label]")).to_have_text(label)
    expect(console.locator(".step.is-next")).to_have_count(0)
    ending = console.locator(".runsheet .next-button")
    expect(ending).to_contain_text("Abschluss")
    ending.click()
    expect(console.locator(".step.step-done")).to_have_count(6)
    expect(console.locator(".step.step-done .step-mark").first).to_have_text("✓")
    console.screenshot(path=ARTIFACTS / "console-run-sheet-through.png", full_page=True)
    fits(console)  # "Close event" now stands where "Next" stood
    console.once("dialog", lambda dialog: dialog.accept())
    console.locator(".runsheet .next-button").click()
    expect(console.locator(".runsheet")).to_contain_text("beendet")


def test_going_back_asks_first_and_says_what_it_ends(laptop_with_console):
    _laptop, console, _event_id = laptop_with_console()
    run_until(console, "Ausgangslage")
    welcome = console.locator('.step[data-kind="welcome"] .step-start button')
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    console.once("dialog", lambda dialog: answer(dialog, False))
    welcome.click()
    expect(console.locator(".step.running strong")).to_have_text("Ausgangslage")
    assert "Begrüßung" in questions[0] and "Ausgangslage" in questions[0]
    console.once("dialog", lambda dialog: answer(dialog, True))
    welcome.click()
    expect(console.locator(".step.running strong")).to_have_text("Begrüßung")
    expect(console.locator(".step.is-next strong")).to_have_text(DIALOGUE_FORUM[2])


def test_empty_tables_fold_and_unfold_when_their_first_card_arrives(
    laptop_with_console, new_context, server
):
    _laptop, console, event_id = laptop_with_console()
    run_until(console, "Ausgangslage")
    columns = console.locator(".table-grid .table-col:visible")
    line = console.locator("#empty-tables")
    expect(line).to_be_visible()
    expect(line.locator(".empty-numbers button")).to_have_count(6)
    expect(columns).to_have_count(0)
    console.evaluate("window.notReloaded = true")

    phone = seated_phone(server.url, table_tokens(server.database, event_id)[1])
    send_card(phone, server.url, "Mehr Bänke im Park")

    second = console.locator('.table-col[data-number="2"]')
    expect(second).to_be_visible()
    expect(second.locator(".card-text")).to_have_text("Mehr Bänke im Park")
    expect(line.locator(".empty-numbers button")).to_have_count(5)
    line.locator(".empty-numbers button", has_text="4").click()
    expect(console.locator('.table-col[data-number="4"]')).to_be_visible()
    expect(line.locator(".empty-numbers button")).to_have_count(4)
    line.locator("[data-unfold-all]").click()
    expect(columns).to_have_count(6)
    expect(line).to_be_hidden()
    assert console.evaluate("window.notReloaded") is True


def test_phase_filter_shows_the_running_phase_and_all_on_demand(
    laptop_with_console, new_context, server
):
    _laptop, console, event_id = laptop_with_console()
    phone = seated(new_context, table_tokens(server.database, event_id)[0], "Amir")
    run_until(console, "Ausgangslage")
    write_card(phone, "Gute Busverbindungen")
    cards = console.locator(".table-grid .card")
    shown = console.locator(".table-grid .card:visible .card-text")
    expect(shown).to_have_count(1)
    press_next(console, "Plenum: Ausgangslage")
    expect(shown).to_have_count(1)  # the plenary's phase
    press_next(console, "Ziele")
    filter_ = console.locator(".phase-filter")
    expect(filter_.locator("input:checked")).to_have_count(1)
    expect(filter_.locator("label:has(input:checked)")).to_contain_text("Ziele")
    expect(console.locator('.table-col[data-number="1"]')).to_be_hidden()
    write_card(phone, "Zwei neue Kitas bis 2028")
    expect(shown).to_have_text(["Zwei neue Kitas bis 2028"])

    filter_.locator("label", has_text="Ausgangslage").click()
    expect(shown).to_have_text(["Gute Busverbindungen"])
    write_card(phone, "Ein drittes Ziel")  # arrives live, filtered out
    expect(cards).to_have_count(3)
    expect(shown).to_have_count(1)
    console.reload()  # the choice holds for this tab while the phase runs
    wait_until_live(console)
    expect(shown).to_have_text(["Gute Busverbindungen"])
    filter_.locator("label").last.click()  # all phases
    expect(shown).to_have_count(3)
    console.screenshot(path=ARTIFACTS / "console-phase-filter.png", full_page=True)


def upload_poster(phone, base_url):
    page = phone.get(base_url + "/me").text
    data = {"csrf_token": csrf_token(page), "uuid": str(uuid.uuid4()), "caption": ""}
    poster = ("IMG.JPG", io.BytesIO(images.phone_jpeg()), "image/jpeg")
    response = phone.post(
        base_url + "/me/photos", data=data, files={"photo": poster}, headers=JSON
    )
    response.raise_for_status()


def card_with_the_photos_id(console, photo_id):
    """Push a card to the console whose id is the photo's, as the socket would."""
    console.evaluate(
        """id => {
          const table = document.querySelector('.table-col[data-number="3"]');
          const card = {id: Number(id), uuid: "u", category_id: 0, phase_id: 0,
                        table_id: Number(table.dataset.table), text: "Gleiche Nummer"};
          const listeners = window.Tischrunde.socket.listeners("card");
          listeners.forEach(listener => listener(card));
        }""",
        photo_id,
    )


def test_photo_removal_is_quiet_and_asks_first(
    laptop_with_console, new_context, server
):
    _laptop, console, event_id = laptop_with_console()
    run_until(console, "Ausgangslage")
    phone = seated_phone(server.url, table_tokens(server.database, event_id)[2])
    upload_poster(phone, server.url)
    photos = console.locator('.table-col[data-number="3"] .photos .photo')
    expect(photos).to_have_count(1)
    card_with_the_photos_id(console, photos.get_attribute("data-id"))
    expect(console.locator('.table-col[data-number="3"] .card')).to_have_count(1)
    expect(photos).to_have_count(1)  # a card never takes a photo's place
    remove = photos.locator(".photo-action button")
    colour = remove.evaluate("b => getComputedStyle(b).color")
    assert colour != "rgb(179, 38, 30)"  # not the danger red under every photo

    posts = []
    console.on("request", lambda r: posts.append(r.url) if r.method == "POST" else 0)
    console.once("dialog", lambda dialog: dialog.dismiss())
    remove.click()
    console.evaluate("0")  # what the click sent has been reported by now
    assert posts == [] and photos.count() == 1
    console.once("dialog", lambda dialog: dialog.accept())
    remove.click()
    expect(photos).to_have_count(0)


def test_gallery_counts_reach_a_projector_opened_before_the_walk_was_planned(
    laptop_with_console, new_context, server
):
    laptop, console, event_id = laptop_with_console()
    projector = open_projector(laptop, console)
    tokens = table_tokens(server.database, event_id)
    writer = seated(new_context, tokens[0], "Ida")
    visitor = seated(new_context, tokens[1], "Jon")
    run_until(console, "Ausgangslage")
    write_card(writer, "Ein Fest im Stadtteil")
    console.goto(f"/events/{event_id}/programme")
    console.locator("#run-sheet details summary").click()
    console.select_option("#new-step-kind", "gallery")
    console.fill("#new-step-minutes", "15")
    console.locator('#run-sheet form[action$="/steps/new"] input[type=submit]').click()
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    console.once("dialog", lambda dialog: dialog.accept())  # skips ahead
    console.locator('.step[data-kind="gallery"] .step-start button').click()
    expect(console.locator(".step.running")).to_have_attribute("data-kind", "gallery")

    totals = projector.locator("#gallery-totals")
    expect(totals).to_be_visible()
    visitor.locator('#now a[href$="/me/gallery"]').click()
    visitor.locator(".reactions button").first.click()
    expect(totals.locator("[data-table] .praise").first).to_have_text("1")
    projector.screenshot(path=ARTIFACTS / "console-gallery-projector.png")


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_console_fits_laptop_and_full_hd_screens(
    laptop_with_console, new_context, server, language, size
):
    width, height = size
    _laptop, console, event_id = laptop_with_console(
        viewport={"width": width, "height": height}, locale=language
    )
    tokens = table_tokens(server.database, event_id)
    press_next(console)
    press_next(console)
    for token, text in ((tokens[0], "Mehr Sprachkurse am Abend"), (tokens[2], "سكن")):
        send_card(seated_phone(server.url, token), server.url, text)
    expect(console.locator(".table-grid .card")).to_have_count(2)
    expect(console.locator("html")).to_have_attribute("dir", re.compile("ltr|rtl"))
    fits(console)
    name = f"console-{language}-{width}x{height}"
    console.screenshot(path=ARTIFACTS / f"{name}.png")
    console.screenshot(path=ARTIFACTS / f"{name}-full.png", full_page=True)


def test_a_card_written_while_the_last_is_sending_goes_out_after_it(
    laptop_with_console, new_context, server
):
    """Seen while running the console's journeys: the second of two quick cards
    stayed "sending" on the phone until a third was written."""
    _laptop, console, event_id = laptop_with_console()
    phone = seated(new_context, table_tokens(server.database, event_id)[0], "Eda")
    run_until(console, "Ausgangslage")
    # With its live socket down the phone posts its cards: a request can be held.
    wait_until_live(phone)
    phone.evaluate("window.Tischrunde.socket.disconnect()")
    held = []
    phone.route(
        "**/me/cards", lambda route: route.continue_() if held else held.append(route)
    )
    write_card(phone, "Erste Karte")
    expect(phone.locator("#pending .card")).to_have_count(1)
    write_card(phone, "Zweite Karte")
    expect(phone.locator("#pending .card")).to_have_count(2)
    held[0].continue_()
    expect(phone.locator("#cards .card-text")).to_have_text(
        ["Zweite Karte", "Erste Karte"]
    )
    expect(console.locator(".table-grid .card")).to_have_count(2)
