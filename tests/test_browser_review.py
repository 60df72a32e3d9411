"""Browser journey: the coordination group reviews the contributions of a process
by keyboard alone (number keys, Enter, j and k) and groups two contributions of
different events into one idea."""

import pytest
from playwright.sync_api import expect

from tests import test_browser as journeys
from tests.live_server import (
    app_on,
    create_event,
    logged_in_organiser,
    print_logs_if_failed,
    running_servers,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)
from tests.test_browser import ARTIFACTS, LAPTOP, log_in

pytestmark = journeys.pytestmark
browser = journeys.browser  # the same Chromium fixtures as the other journeys
new_context = journeys.new_context
SCREENSHOTS = ARTIFACTS / "review"
CARDS = {
    "Dialogforum Eltern": ["Mehr Sprachkurse für Eltern", "Kinderbetreuung im Kurs"],
    "Dialogforum Jugend": ["Sprachcafé für Jugendliche", "Mehr Treffpunkte am Abend"],
}


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("browser-review")
    with running_servers(folder, "review-secret") as (server,):
        yield server
        print_logs_if_failed(request, [server], failed_before)


def process_of_two_forums(server):
    """Two dialogue forums with cards written by phones, made one process (the
    process pages are not part of this branch: the process is made by service)."""
    organiser = logged_in_organiser(server.url)
    event_ids = []
    for title, texts in CARDS.items():
        event_id = create_event(organiser, server.url, title=title, catalogue="melle")
        start_first_phase(organiser, server.url, event_id)
        token = table_tokens(server.database, event_id)[0]
        for text in texts:
            send_card(seated_phone(server.url, token), server.url, text)
        event_ids.append(event_id)
    return attach_to_new_process(server.database, event_ids)


def attach_to_new_process(database, event_ids):
    from app.extensions import db
    from app.models import Event, Organiser
    from app.services import processes

    app = app_on(database)
    with app.test_request_context():
        owner = db.session.get(Organiser, 1)
        details = {"title": "Vielfaltskonzept Melle", "language": "de"}
        process = processes.create_process(owner, details, "melle")
        for event_id in event_ids:
            processes.attach_event(process, db.session.get(Event, event_id))
        return process.id


def focused_id(page):
    return page.evaluate("document.activeElement.closest('[data-item]')?.id || ''")


def entry(page, number):
    return page.locator("[data-item]").nth(number)


def test_a_reviewer_decides_by_keyboard_and_groups_an_idea(new_context, server):
    process_id = process_of_two_forums(server)
    page = new_context(**LAPTOP).new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page)
    page.goto(f"/processes/{process_id}/review")
    first, second, third, fourth = (entry(page, n) for n in range(4))
    ids = [first.get_attribute("id"), second.get_attribute("id")]

    page.keyboard.press("j")
    assert focused_id(page) == ids[0]
    page.keyboard.press("2")
    expect(first.locator('input[value="adopted"]')).to_be_checked()
    page.keyboard.press("Enter")
    expect(entry(page, 0).locator(".decision-now.outcome-adopted")).to_be_visible()
    expect(page.locator("[data-progress] [data-decided]")).to_have_text("1")
    assert focused_id(page) == ids[1]  # on to the next undecided card

    page.keyboard.press("4")  # not adopted: the reason field takes the focus
    page.keyboard.press("Enter")  # without a reason: refused, nothing lost
    expect(second.locator("[data-error]")).to_be_visible()
    expect(second.locator('input[value="not_adopted"]')).to_be_checked()
    page.keyboard.type("Steht schon im Haushalt 2027")
    page.keyboard.press("Enter")
    expect(second.locator(".decision-now.outcome-not_adopted")).to_contain_text(
        "Steht schon im Haushalt 2027"
    )

    page.keyboard.press("1")
    page.keyboard.press("Enter")
    expect(third.locator(".decision-now.outcome-in_draft")).to_be_visible()
    expect(page.locator("[data-progress] [data-decided]")).to_have_text("3")
    assert focused_id(page) == fourth.get_attribute("id")
    page.keyboard.press("k")
    assert focused_id(page) == third.get_attribute("id")

    # Group a card of each forum as one idea: x ticks the card in focus.
    page.keyboard.press("j")
    page.keyboard.press("x")
    for _ in range(3):
        page.keyboard.press("k")
    page.keyboard.press("x")
    expect(page.locator('input[name="card"]:checked')).to_have_count(2)
    page.fill("#idea-title", "Sprachkurse für Familien")
    page.keyboard.press("Enter")
    idea = page.locator(".review-item.is-idea")
    expect(idea).to_contain_text("Sprachkurse für Familien")
    expect(idea.locator(".review-card")).to_have_count(2)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "review-idea.png")

    page.wait_for_function("document.activeElement.classList.contains('is-idea')")
    page.keyboard.press("3")  # the idea came back in focus: decided once
    page.keyboard.press("Enter")
    expect(idea.locator(".decision-now.outcome-new_idea")).to_be_visible()
    page.goto(f"/processes/{process_id}/review")
    expect(page.locator("[data-progress] [data-decided]")).to_have_text("4")
    page.screenshot(path=SCREENSHOTS / "review.png")

    page.click('a[href$="/goals"]')
    page.fill("#new-text", "Bis 2028 ein Sprachcafé in jedem Stadtteil")
    page.fill("#new-actor", "Fachdienst Integration")
    page.fill("#new-deadline", "2028-12-31")
    page.click("[name=new-submit]")
    goal = page.locator("article.goal")
    expect(goal).to_contain_text("Fachdienst Integration")
    goal.locator("select[name$='-state']").select_option("under_way")
    goal.locator("textarea[name$='-note']").fill("Erstes Café im Stadtteil Mitte")
    goal.locator("input[type=submit][name$='-submit']").last.click()
    expect(page.locator("article.goal.state-under_way")).to_contain_text("Erstes Café")
    page.screenshot(path=SCREENSHOTS / "goals.png")

    page.goto("/lang/ar")  # right to left: the list mirrors
    page.goto(f"/processes/{process_id}/review?state=not_adopted")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("[data-item]")).to_have_count(1)
    page.screenshot(path=SCREENSHOTS / "review-ar.png")
    assert errors == []
