"""The participation process in Chromium against the real server, as one journey.

An organiser sets up a process with two dialogue forums and a conference; phones
write cards in German, Arabic and Ukrainian, one leaves its address; the
coordination group reviews by keyboard, groups two cards of the two forums into
one idea and takes a goal proposal into the register; the feedback page is read
on phones in German and Arabic; a phone follows its ideas by its saved link; the
feedback mail reaches aiosmtpd; the conference's projector shows the earlier
ideas; the process PDF is read back. Screenshots stay in
test-artifacts/process-journey/ to be looked at.

The steps run in order and share one process; after a failed step the later ones
are skipped, since they would only repeat the failure."""

import re
import subprocess
import time
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from app.services.report.text import RESHAPER
from tests import evening as screens
from tests import test_browser as journeys
from tests import test_browser_processes as process_pages
from tests.conftest import MailServer
from tests.live_server import (
    print_logs_if_failed,
    running_servers,
    table_tokens,
)
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    log_in,
    open_projector,
    wait_until_live,
    write_card,
)
from tests.test_browser_feedback import fits_the_screen
from tests.test_evening import (
    _context,
    _one_step_after_another,  # noqa: F401 (autouse)
)
from tests.test_report import fold, pdf_text

pytestmark = journeys.pytestmark
browser = journeys.browser

SHOTS = ARTIFACTS / "process-journey"
FORUMS = [
    ("Dialogforum Eltern", "2027-03-10", "Eltern"),
    ("Dialogforum Jugend", "2027-04-14", "Jugendliche"),
]
CONFERENCE = ("Integrationskonferenz", "2027-06-20", "Fachöffentlichkeit")
# name, interface language, forum, table, card, e-mail for the results
PEOPLE = [
    ("Lena", "de", 0, 1, "Mehr Sprachkurse für Eltern am Abend", None),
    ("Samira", "ar", 0, 1, "دورات لغة للأمهات في المساء", "samira@example.org"),
    ("Jonas", "de", 1, 1, "Sprachkurse auch für Jugendliche", None),
    ("Olena", "uk", 1, 2, "Більше місць у гуртках для підлітків", None),
]
NAMES = [person[0] for person in PEOPLE] + ["Olga"]
GOAL = "Bis 2028 ein Sprachcafé in jedem Stadtteil"
IDEA = "Sprachkurse für Familien"
REASON = "Dafür gibt es schon ein Angebot der VHS"
ARABIC_PHONE = {**PHONE, "locale": "ar"}


@dataclass
class Journey:
    server: object
    smtp: MailServer
    contexts: list = field(default_factory=list)
    laptop: object = None
    process_id: int = 0
    events: list = field(default_factory=list)  # forum, forum, conference
    phones: dict = field(default_factory=dict)
    feedback_link: str = ""


@pytest.fixture(scope="module")
def journey(request, tmp_path_factory, smtp_server, browser):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("process-journey")
    mail = {"OUTBOX_POLL_INTERVAL": "0.5"}
    with running_servers(folder, "journey-secret", extra_env=mail) as (server,):
        state = Journey(server, smtp_server)
        state.new_context = lambda **options: _context(state, browser, **options)
        yield state
        for context in state.contexts:
            journeys.close_context(context)
        print_logs_if_failed(request, [server], failed_before)


def snap(page, name, full_page=False):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=full_page)


def event_inside(page, title, day, group, kind):
    """The process page's "Create an event in this process" form."""
    page.click("#new-event summary")
    form = page.locator("#new-event")
    form.locator("#title").fill(title)
    form.locator("#date").fill(day)
    form.locator("#time").fill("18:00")
    form.locator("#venue").fill("Kreishaus Osnabrück")
    form.locator("#target_group").fill(group)
    form.locator("#format").select_option(kind)
    rows = page.locator(".process-events tbody tr").count()
    form.locator("input[type=submit]").click()
    expect(page.locator(".process-events tbody tr")).to_have_count(rows + 1)


def to_process_page(journey):
    journey.laptop.goto(f"/processes/{journey.process_id}")


# --- the journey ---------------------------------------------------------------


def test_1_the_organiser_sets_up_a_process_with_two_forums_and_a_conference(journey):
    page = journey.new_context(**LAPTOP).new_page()
    journey.laptop = page
    log_in(page)
    process_pages.SHOTS.mkdir(parents=True, exist_ok=True)
    process_pages.create_process(page)
    journey.process_id = int(page.url.rsplit("/", 1)[1])
    process_pages.add_draft_version(page)
    for title, day, group in FORUMS:
        event_inside(page, title, day, group, "dialogue_forum")
    event_inside(page, *CONFERENCE, "conference")

    rows = page.locator(".process-events tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(2)).to_contain_text("Integrationskonferenz")
    expect(rows.first).to_contain_text("Entwurf 1")
    links = rows.locator('td a[href^="/events/"]')
    journey.events = [int(h.rsplit("/", 1)[1]) for h in links.evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )]  # fmt: skip
    screens.assert_no_horizontal_overflow(page)
    snap(page, "01-process", full_page=True)


def start_phase_in_console(journey, event_id, number):
    """The console's run-sheet: "Start" beside the phase (asks first)."""
    console = journey.laptop
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    console.once("dialog", lambda dialog: dialog.accept())
    phase = console.locator('.step[data-kind="phase"]').nth(number)
    phase.locator('form[action$="/start"] button').click()
    expect(console.locator('.step[data-kind="phase"]').nth(number)).to_have_class(
        re.compile(r"\brunning\b")
    )


def test_2_phones_join_the_two_forums_and_write_in_three_languages(journey):
    for event_id in journey.events[:2]:
        start_phase_in_console(journey, event_id, 0)
    for name, language, forum, table, text, address in PEOPLE:
        locale = screens.LOCALES[language]
        phone = journey.new_context(**PHONE | {"locale": locale}).new_page()
        token = table_tokens(journey.server.database, journey.events[forum])[table - 1]
        phone.goto(f"/t/{token}")
        expect(phone.locator("html")).to_have_attribute("lang", language)
        phone.fill("#first_name", name)
        if address:
            phone.click(".results-mail summary")
            phone.fill("#email", address)
            phone.check("#consent")
            snap(phone, f"02-join-{language}", full_page=True)
        phone.click("main input[type=submit]")
        phone.wait_for_url("**/me")
        wait_until_live(phone)
        write_card(phone, text)
        expect(phone.locator("#cards")).to_contain_text(text)
        screens.assert_no_horizontal_overflow(phone)
        journey.phones[name] = phone
    snap(journey.phones["Olena"], "02-phone-uk", full_page=True)

    # The Jugend forum goes on to its goals: Jonas proposes one, SMART.
    start_phase_in_console(journey, journey.events[1], 1)
    jonas = journey.phones["Jonas"]
    jonas.locator("#card-form .categories:not([hidden]) input").first.check()
    jonas.locator("#smart-fields summary").click()
    jonas.fill("#indicator", "Sprachcafés je Stadtteil")
    jonas.fill("#actor", "Fachdienst Integration")
    jonas.fill("#text", GOAL)
    jonas.click("#card-form button.primary")
    expect(jonas.locator("#cards")).to_contain_text(GOAL)
    snap(jonas, "02-phone-goal-de", full_page=True)


def entry_texts(page):
    return page.locator("[data-item]").evaluate_all(
        "items => items.map(item => item.innerText)"
    )


def focused_text(page):
    return page.evaluate(
        "document.activeElement.closest('[data-item]')?.innerText || ''"
    )


def go_to(page, text):
    """j and k until the entry holding text has the focus."""
    if not focused_text(page):
        page.keyboard.press("j")
    texts = entry_texts(page)
    target = next(n for n, shown in enumerate(texts) if text in shown)
    at = texts.index(focused_text(page))
    for _ in range(abs(target - at)):
        page.keyboard.press("j" if target > at else "k")
    assert text in focused_text(page)


def entry_with(page, text):
    return page.locator("[data-item]", has_text=text)


def test_3_the_review_by_keyboard_groups_an_idea_and_takes_a_goal(journey):
    page = journey.laptop
    to_process_page(journey)
    page.click('.process-links a[href$="/review"]')
    expect(page.locator("[data-item]")).to_have_count(5)
    snap(page, "03-review-before", full_page=True)

    # Not adopted needs a reason: refused without one, then saved with it.
    go_to(page, PEOPLE[1][4])
    page.keyboard.press("4")
    page.keyboard.press("Enter")
    arabic = entry_with(page, PEOPLE[1][4])
    expect(arabic.locator("[data-error]")).to_be_visible()
    page.keyboard.type(REASON)
    page.keyboard.press("Enter")
    expect(arabic.locator(".decision-now.outcome-not_adopted")).to_contain_text(REASON)

    go_to(page, PEOPLE[3][4])  # the Ukrainian card: already in the draft
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    expect(entry_with(page, PEOPLE[3][4]).locator(".outcome-in_draft")).to_be_visible()

    # A card of each forum, one idea, decided once.
    for text in (PEOPLE[0][4], PEOPLE[2][4]):
        go_to(page, text)
        page.keyboard.press("x")
    expect(page.locator('input[name="card"]:checked')).to_have_count(2)
    page.fill("#idea-title", IDEA)
    page.keyboard.press("Enter")
    idea = page.locator(".review-item.is-idea")
    expect(idea.locator(".review-card")).to_have_count(2)
    page.wait_for_function("document.activeElement.classList.contains('is-idea')")
    page.keyboard.press("3")
    page.keyboard.press("Enter")
    expect(idea.locator(".decision-now.outcome-new_idea")).to_be_visible()

    go_to(page, GOAL)  # the goal proposal: adopted, then into the register
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    goal_entry = entry_with(page, GOAL)
    expect(goal_entry.locator(".decision-now.outcome-adopted")).to_be_visible()
    expect(page.locator("[data-item].is-decided")).to_have_count(4)
    snap(page, "03-review-decided", full_page=True)
    goal_entry.locator('form[action*="/goals/from-card/"] button').click()
    goal = page.locator("article.goal", has_text=GOAL)
    expect(goal).to_contain_text("Fachdienst Integration")
    goal.locator("select[name$='-state']").select_option("under_way")
    goal.locator("textarea[name$='-note']").fill("Erstes Café im Stadtteil Mitte")
    goal.locator("input[type=submit][name$='-submit']").last.click()
    expect(page.locator("article.goal.state-under_way")).to_contain_text("Erstes Café")
    snap(page, "03-goals", full_page=True)


def assert_names_nobody(page):
    shown = page.locator("body").inner_text()
    named = [name for name in NAMES if name in shown]
    assert named == [], f"{page.url} names {named}"


def test_4_the_feedback_page_on_phones_in_german_and_arabic(journey):
    to_process_page(journey)
    journey.laptop.click('.process-links a[href$="/feedback-link"]')
    journey.feedback_link = journey.laptop.locator(".fb-poster-link a").get_attribute(
        "href"
    )
    for language, options in (("de", PHONE), ("ar", ARABIC_PHONE)):
        page = journey.new_context(**options).new_page()
        page.goto(journey.feedback_link)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(".fb-fields > li")).to_have_count(2)
        expect(page.locator(".fb-goal")).to_contain_text(GOAL)
        assert_names_nobody(page)
        screens.assert_no_horizontal_overflow(page)
        snap(page, f"04-feedback-{language}", full_page=True)
        fields = page.locator(".fb-fields > li > a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        shown = ""
        for number, href in enumerate(fields, 1):
            page.goto(href)
            expect(page.locator(".fb-entry").first).to_be_visible()
            assert_names_nobody(page)
            screens.assert_no_horizontal_overflow(page)
            snap(page, f"04-feedback-{language}-field-{number}", full_page=True)
            shown += page.locator("main").inner_text()
        for seen in (REASON, IDEA, PEOPLE[1][4], PEOPLE[3][4]):
            assert seen in shown, f"{seen} not on the {language} feedback page"
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_5_a_phone_follows_its_ideas_by_its_saved_link(journey):
    lena = journey.phones["Lena"]
    lena.goto("/me")
    lena.click("a[href='/me/contributions']")
    own = lena.locator(".fb-own")
    expect(own).to_contain_text(PEOPLE[0][4])
    expect(own.locator(".fb-badge.o-new_idea")).to_be_visible()
    lena.click("#link button.primary")
    link = lena.locator("#link a.mono").text_content()
    snap(lena, "05-mine-de", full_page=True)

    elsewhere = journey.new_context(**PHONE).new_page()  # another day, no cookie
    elsewhere.goto(link)
    own = elsewhere.locator(".fb-own")
    expect(own).to_contain_text(PEOPLE[0][4])
    expect(own.locator(".fb-badge.o-new_idea")).to_be_visible()
    screens.assert_no_horizontal_overflow(elsewhere)
    snap(elsewhere, "05-mine-by-link", full_page=True)


def test_6_the_feedback_mail_reaches_the_arabic_phone_in_arabic(journey):
    laptop = journey.laptop
    to_process_page(journey)
    laptop.click('.process-links a[href$="/feedback-link"]')
    laptop.locator('#mailing a[href$="/mail"]').click()
    laptop.fill("#server", "127.0.0.1")
    laptop.fill("#port", str(journey.smtp.port))
    laptop.check('input[name="security"][value="none"]')
    laptop.fill("#sender", "tischrunde@landkreis.example")
    laptop.click("#mail-server input[type=submit]")
    expect(laptop.locator(".flash").first).to_contain_text("127.0.0.1")

    laptop.goto(f"/processes/{journey.process_id}/feedback-link")
    laptop.once("dialog", lambda dialog: dialog.accept())
    laptop.click("#mailing form button.primary")
    expect(laptop.locator(".fb-mailings tbody tr")).to_have_count(1)
    deadline = time.monotonic() + 20  # the outbox worker polls every 0.5 s
    while not journey.smtp.messages and time.monotonic() < deadline:
        laptop.wait_for_timeout(200)
    laptop.reload()
    sent = laptop.locator(".fb-mailings tbody tr td").nth(2)
    expect(sent).to_have_text("1")
    snap(laptop, "06-feedback-link-page", full_page=True)

    assert journey.smtp.recipients() == ["samira@example.org"]
    [(_to, mail)] = journey.smtp.messages
    body = mail.get_body().get_content()
    assert f"{journey.feedback_link}?lang=ar" in body
    assert re.search("[\u0600-\u06ff]", mail["Subject"]), mail["Subject"]


def test_7_the_conference_projector_shows_the_earlier_ideas(journey):
    conference = journey.events[2]
    console = journey.laptop
    console.goto(f"/events/{conference}/console")
    wait_until_live(console)
    projector = open_projector(console, console.context)
    console.click("#spotlight-feedback button")
    expect(console.locator("#spotlight-feedback .badge")).to_be_visible()
    projector.wait_for_url("**/feedback")
    wait_until_live(projector)
    expect(projector.locator(".fb-pfield")).to_have_count(2)
    for width, height in ((1920, 1080), (1024, 768)):
        projector.set_viewport_size({"width": width, "height": height})
        projector.evaluate("window.TischrundeFeedback.show(0)")
        projector.wait_for_timeout(100)  # a layout pass after the resize
        assert fits_the_screen(projector), f"overview at {width}×{height}"
        snap(projector, f"07-projector-{width}x{height}-overview")
        projector.evaluate("window.TischrundeFeedback.show(1)")  # as its timer would
        slide = projector.locator(".fb-slide").nth(1)
        expect(slide).to_be_visible()
        expect(slide).to_contain_text(IDEA)
        expect(slide).to_contain_text(REASON)
        assert fits_the_screen(projector), f"first field at {width}×{height}"
        snap(projector, f"07-projector-{width}x{height}-field")
    projector.close()


def test_8_the_process_pdf_reads_back_its_events_review_and_arabic(journey, tmp_path):
    page = journey.laptop
    to_process_page(journey)
    with page.expect_download() as download:
        page.click('.process-links a[href$="/report.pdf"]')
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert screens.pdf_words_outside_the_page(pdf, tmp_path, "process") == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-", str(SHOTS / "08-report")],
        input=pdf,
        check=True,
    )

    text = pdf_text(pdf)
    for title, *_rest in (*FORUMS, CONFERENCE):
        assert title in text
    assert "Konzept Migration und Integration" in text
    for written in (PEOPLE[0][4], PEOPLE[2][4], GOAL):
        assert written in text
    assert fold(PEOPLE[3][4]) in text  # Ukrainian
    assert f"Idee: {IDEA}" in text
    assert text.index(REASON, text.index(fold(PEOPLE[1][4])))  # beneath its card
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True
    ).stdout.decode()
    assert RESHAPER.reshape(PEOPLE[1][4]) in raw  # drawn with joined letter forms
