"""Pictograms as people see them: on a 390×844 phone beside the categories, the
step and a card sent live; on the 1920×1080 projector beside the step, which
follows the moderator's next step; in the console's run-sheet and the organiser's
category editor. Screenshots go to test-artifacts/."""

import re

from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.live_server import (
    create_event,
    projector_path,
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

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context
organiser = journeys.organiser

DRAWN = "els => els.map(e => e.complete && e.naturalWidth > 0 && e.alt === '')"


def all_drawn(page, selector):
    drawn = page.eval_on_selector_all(selector, DRAWN)
    return bool(drawn) and all(drawn)


def test_phone_projector_and_console_show_the_pictograms(
    new_context, server, organiser
):
    event_id = create_event(organiser, server.url)
    start_first_phase(organiser, server.url, event_id)
    token = table_tokens(server.database, event_id)[0]

    phone = new_context(**PHONE).new_page()
    join_table(phone, token, "Mina")
    wait_until_live(phone)
    write_card(phone, "Mehr Sprachkurse am Abend")
    expect(phone.locator("#cards .card .chip .picto")).to_have_count(1)
    assert all_drawn(phone, ".category .picto, .now-step .picto, .chip .picto")
    phone.screenshot(path=ARTIFACTS / "pictograms-phone.png")
    phone.screenshot(path=ARTIFACTS / "pictograms-phone-full.png", full_page=True)

    projector = new_context(
        viewport={"width": 1920, "height": 1080}, locale="de-DE"
    ).new_page()
    projector.goto(projector_path(organiser, server.url, event_id))
    wait_until_live(projector)
    assert all_drawn(projector, ".projector-now .picto")
    projector.screenshot(path=ARTIFACTS / "pictograms-projector.png")

    console = new_context(**LAPTOP).new_page()
    log_in(console)
    console.goto(f"/events/{event_id}/console")
    assert all_drawn(console, "#runsheet .picto")
    console.locator("#runsheet").screenshot(path=ARTIFACTS / "pictograms-runsheet.png")

    console.click("form.next-step button")  # on to the plenary, pushed live
    plenary = re.compile(r"/static/pictograms/microphone\.svg$")
    expect(phone.locator(".now-step .picto")).to_have_attribute("src", plenary)
    projector_step = projector.locator("#join-view .projector-now .picto")
    expect(projector_step).to_have_attribute("src", plenary)

    console.goto(f"/events/{event_id}/programme")
    console.locator("#phases .phase-editor").first.screenshot(
        path=ARTIFACTS / "pictograms-category-editor.png"
    )
