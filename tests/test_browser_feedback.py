"""Browser journeys of the feedback to the people: the feedback page on a phone in
German and Arabic, a phone following its ideas by its saved link, and the earlier
ideas on the conference's projector at 1920×1080, 1280×720 and 1024×768."""

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Card, CardTranslation, Event, Organiser
from app.services import processes, review
from tests import test_browser as journeys
from tests.live_server import (
    app_on,
    logged_in_organiser,
    post_from,
    print_logs_if_failed,
    projector_path,
    running_servers,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)
from tests.live_server import create_event as create_event_over_http
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    join_table,
    log_in,
    wait_until_live,
    write_card,
)
from tests.test_feedback import add_goal, card_like

pytestmark = journeys.pytestmark
browser = journeys.browser  # the same Chromium fixtures as the other journeys
new_context = journeys.new_context
SHOTS = ARTIFACTS / "feedback"
SCREENS = {"1920": (1920, 1080), "1280": (1280, 720), "1024": (1024, 768)}
ARABIC_PHONE = {**PHONE, "locale": "ar"}
# Many decided ideas in one field, some long: the projector must page them.
LONG = "Mehr Sprachkurse am Abend, mit Kinderbetreuung, in der Nähe der Schulen " * 3


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("browser-feedback")
    with running_servers(folder, "feedback-secret") as (server,):
        yield server
        print_logs_if_failed(request, [server], failed_before)


@pytest.fixture(scope="module")
def database(server):
    """The live server's database, written by the test itself: the process pages
    and the review workspace are not part of this journey."""
    return app_on(server.database, "feedback-secret")


@pytest.fixture(scope="module")
def journey(server, database):
    """Two dialogue forums and a conference in one process, with decided cards
    in German and Arabic and a goal. -> {"token", "conference", "phone"}"""
    organiser = logged_in_organiser(server.url)
    events = [
        create_event_over_http(organiser, server.url, title=title)
        for title in ("Dialogforum Eltern", "Dialogforum Jugend", "Konferenz")
    ]
    for event_id in events[:2]:
        start_first_phase(organiser, server.url, event_id)
    tables = table_tokens(server.database, events[0])
    writers = [seated_phone(server.url, tables[n]) for n in (0, 0, 1)]
    send_card(writers[0], server.url, "Mehr Sprachkurse für Eltern")
    send_card(writers[1], server.url, "دورات لغة للأمهات في المساء")
    send_card(writers[2], server.url, "Ein Treffpunkt für Familien im Stadtteil")
    with database.test_request_context():
        token = _process_with_decisions(events)
    return {"token": token, "events": events, "organiser": organiser}


def _process_with_decisions(event_ids):
    owner = db.session.scalar(select(Organiser))
    process = processes.create_process(
        owner, {"title": "Konzept Vielfalt Melle 2027", "language": "de"}, "melle"
    )
    for number, event_id in enumerate(event_ids):
        event = db.session.get(Event, event_id)
        event.starts_at = datetime(2027, 2 + 2 * number, 10, 18, 0)
        processes.attach_event(process, event)
    cards = {c.text: c for c in db.session.scalars(select(Card))}
    parents, mothers, meeting = cards.values()
    review.decide(process, [parents], owner, "adopted", section="3.1")
    review.decide(process, [mothers], owner, "not_adopted", reason="Gibt es schon")
    review.decide(process, [meeting], owner, "passed_on", passed_to="Stadtteilbüro")
    _translate(mothers, "de", "Sprachkurse für Mütter am Abend")
    _translate(parents, "ar", "مزيد من دورات اللغة للآباء")
    _many_ideas(process, parents, owner)
    add_goal(
        process,
        owner,
        text="Jede Schule hat eine Ansprechperson für Familien",
        action_field="Informationen vermitteln",
        target_value="12 von 12",
    )
    return process.feedback_token


def _translate(card, language, text):
    found = next((t for t in card.translations if t.language == language), None)
    if found is None:
        found = CardTranslation(card_id=card.id, language=language)
        db.session.add(found)
    found.text, found.state = text, "human"
    db.session.commit()


def _many_ideas(process, like, owner):
    outcomes = ["in_draft", "adopted", "new_idea", "passed_on"]
    for n in range(36):
        card = card_like(like, LONG if n % 5 == 0 else f"Idee Nummer {n} im Stadtteil")
        outcome = outcomes[n % 4]
        review.decide(process, [card], owner, outcome, passed_to="Jobcenter")


def test_the_feedback_page_on_a_phone_in_german_and_arabic(new_context, journey):
    SHOTS.mkdir(parents=True, exist_ok=True)
    token = journey["token"]
    for language, options in (("de", PHONE), ("ar", ARABIC_PHONE)):
        page = new_context(**options).new_page()
        page.goto(f"/f/{token}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(".fb-fields > li")).to_have_count(2)
        expect(page.locator(".fb-goal")).to_contain_text("Ansprechperson")
        page.screenshot(path=SHOTS / f"page-{language}.png", full_page=True)
        page.locator(".fb-fields > li > a").first.click()
        expect(page.locator(".fb-entry").first).to_be_visible()
        page.screenshot(path=SHOTS / f"field-{language}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator(".fb-entries")).to_contain_text("مزيد من دورات اللغة")


def test_a_phone_follows_its_ideas_by_its_saved_link(new_context, server, journey):
    table = table_tokens(server.database, journey["events"][1])[0]
    phone = new_context(**PHONE).new_page()
    join_table(phone, table, "Mira")
    wait_until_live(phone)
    write_card(phone, "Ein Jugendcafé am Bahnhof")
    expect(phone.locator("#cards")).to_contain_text("Jugendcafé")

    phone.click("a[href='/me/contributions']")
    expect(phone.locator(".fb-own")).to_contain_text("Jugendcafé")
    phone.click("#link button.primary")
    link = phone.locator("#link a.mono").text_content()
    phone.screenshot(path=SHOTS / "mine-de.png", full_page=True)

    elsewhere = new_context(**PHONE).new_page()  # another day, no cookie
    elsewhere.goto(link)
    expect(elsewhere.locator(".fb-own")).to_contain_text("Jugendcafé")


def _press_the_console_button(new_context, conference):
    laptop = new_context(**LAPTOP).new_page()
    log_in(laptop)
    laptop.goto(f"/events/{conference}/console")
    wait_until_live(laptop)
    laptop.click("#spotlight-feedback button")
    expect(laptop.locator("#spotlight-feedback .badge")).to_be_visible()
    expect(laptop.locator("#spotlight-join .spotlight-off")).to_be_visible()
    laptop.screenshot(path=SHOTS / "console.png")


def test_the_organiser_prints_the_link_and_sees_the_mailing(new_context, journey):
    laptop = new_context(**LAPTOP).new_page()
    log_in(laptop)
    laptop.goto("/processes/1/feedback-link")
    expect(laptop.locator(".fb-poster-qr svg")).to_be_visible()
    expect(laptop.locator(".fb-poster")).to_contain_text(journey["token"])
    laptop.screenshot(path=SHOTS / "link-page.png", full_page=True)
    laptop.emulate_media(media="print")
    laptop.screenshot(path=SHOTS / "link-page-print.png", full_page=True)


def fits_the_screen(page):
    """Nothing scrolls, and every shown item lies inside the window."""
    return page.evaluate(
        """() => {
          const root = document.documentElement;
          if (root.scrollHeight > innerHeight + 1 || root.scrollWidth > innerWidth + 1)
            return false;
          const slide = document.querySelector('.fb-slide:not([hidden])');
          const shown = [...slide.querySelectorAll('.fb-list > li')]
            .filter(li => !li.hidden);
          return shown.length > 0 && shown.every(li => {
            const r = li.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight + 1
              && r.left >= -1 && r.right <= innerWidth + 1;
          });
        }"""
    )


@pytest.mark.parametrize("screen", SCREENS)
def test_the_conference_projector_shows_the_earlier_ideas(
    new_context, server, journey, screen
):
    organiser, conference = journey["organiser"], journey["events"][2]
    width, height = SCREENS[screen]
    projector = new_context(viewport={"width": width, "height": height}).new_page()
    projector.goto(projector_path(organiser, server.url, conference))
    wait_until_live(projector)

    console = f"/events/{conference}/console"
    if screen == "1920":  # the moderator's button in the console
        _press_the_console_button(new_context, conference)
    else:
        switch = f"/events/{conference}/projector/feedback"
        post_from(organiser, server.url, console, switch)
    projector.wait_for_url("**/feedback")
    wait_until_live(projector)
    expect(projector.locator(".fb-pfield").first).to_be_visible()
    assert fits_the_screen(projector)
    projector.screenshot(path=SHOTS / f"projector-{screen}-overview.png")

    projector.evaluate("window.TischrundeFeedback.show(1)")  # as its timer would
    field = projector.locator(".fb-slide").nth(1)
    expect(field).to_be_visible()
    assert fits_the_screen(projector)
    if screen == "1024":  # 38 ideas, some long: in pages
        expect(field.locator(".fb-page")).to_be_visible()
    projector.screenshot(path=SHOTS / f"projector-{screen}-field.png")

    post_from(organiser, server.url, console, f"/events/{conference}/spotlight")
    projector.wait_for_url(re.compile(r"/projector/\w+$"))
    expect(projector.locator(".projector-qr svg")).to_be_visible()
