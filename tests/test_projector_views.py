"""The projector's other views fit every venue screen (1920x1080, 1280x720 and
1024x768) with the longest texts: the join view with a 200-character title, the
gallery walk's totals of eleven occupied tables, a table presented with many long
cards. (Poll results: tests/test_projector_polls.py.)"""

import re

import pytest
from playwright.sync_api import expect

from tests import evening as screens
from tests import test_browser as journeys
from tests.live_server import (
    create_event,
    csrf_token,
    logged_in_organiser,
    projector_path,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)
from tests.test_browser import wait_until_live

pytestmark = journeys.pytestmark
server, browser, new_context = journeys.server, journeys.browser, journeys.new_context

TITLE = ("Integrationskonferenz des Landkreises Osnabrück: Vielfalt leben " * 4)[:200]
LONG_CARD = ("Sprachkurse am Abend und am Wochenende für Berufstätige " * 8).strip()


@pytest.fixture(scope="module")
def conference(server):
    """Eleven tables (Offenburg) with a phone at each, twelve long cards at the
    first, a gallery walk in the run-sheet, phase 1 running: (organiser session,
    event id, phones)."""
    session = logged_in_organiser(server.url)
    event_id = create_event(session, server.url, TITLE, catalogue="offenburg")
    programme = f"{server.url}/events/{event_id}/programme"
    step = {"new-step-kind": "gallery", "new-step-title": "", "new-step-minutes": "15"}
    step["csrf_token"] = csrf_token(session.get(programme).text)
    session.post(programme + "/steps/new", data=step)
    start_first_phase(session, server.url, event_id)
    tokens = table_tokens(server.database, event_id)
    phones = [seated_phone(server.url, token) for token in tokens]
    for number in range(12):
        send_card(phones[0], server.url, f"{number + 1}. {LONG_CARD}")
    return session, event_id, phones


def open_projector(new_context, server, session, event_id):
    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    projector.goto(projector_path(session, server.url, event_id))
    wait_until_live(projector)
    return projector


def console_post(session, server, event_id, action, **fields):
    """POST a console action with the console page's CSRF token, confirmed."""
    page = session.get(f"{server.url}/events/{event_id}/console").text
    data = {"csrf_token": csrf_token(page), "confirm": "1", **fields}
    session.post(f"{server.url}/events/{event_id}/{action}", data=data)
    return page


def test_the_join_view_fits_with_the_longest_title(new_context, server, conference):
    session, event_id, _phones = conference
    projector = open_projector(new_context, server, session, event_id)
    expect(projector.locator("#join-view .projector-qr svg")).to_be_visible()
    screens.at_projector_sizes(projector, "projector-join-long-title")


def test_the_gallery_walk_shows_every_occupied_table_and_fits(
    new_context, server, conference
):
    session, event_id, _phones = conference
    projector = open_projector(new_context, server, session, event_id)
    page = session.get(f"{server.url}/events/{event_id}/console").text
    gallery = re.search(r'data-kind="gallery" data-step="(\d+)"', page).group(1)
    console_post(session, server, event_id, f"steps/{gallery}/start")
    totals = projector.locator("#gallery-totals li")
    expect(projector.locator(".projector-gallery")).to_be_visible()
    expect(totals.filter(visible=True)).to_have_count(11)
    screens.at_projector_sizes(projector, "projector-gallery-eleven-tables")


def test_a_table_with_many_long_cards_fits_when_presented(
    new_context, server, conference
):
    session, event_id, _phones = conference
    projector = open_projector(new_context, server, session, event_id)
    table = table_tokens(server.database, event_id, kind="id")[0]
    console_post(session, server, event_id, "spotlight", table=table)
    expect(projector.locator("#spotlight-view")).to_be_visible()
    expect(projector.locator("#spotlight-cards .card")).to_have_count(12)
    screens.at_projector_sizes(projector, "projector-spotlight-many-cards")
