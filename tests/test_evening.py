"""The whole evening in Chromium against the real server, as one product.

An Osnabrück dialogue forum: six phones at three tables in German, Arabic,
Ukrainian and Turkish, two table hosts, an interpreter, the run-sheet with a
gallery walk, a poster photo, a dot vote and a scale vote, the report, the
exports and the mailed report. Each step checks what each screen shows and that
it fits; the screenshots stay in test-artifacts/evening/ to be looked at.

The steps run in order and share one evening; after a failed step the later
ones are skipped, since they would only repeat the failure."""

import csv
import io
import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests import evening as screens
from tests import test_browser as journeys
from tests.conftest import MailServer
from tests.live_server import (
    logged_in_organiser,
    print_logs_if_failed,
    running_servers,
)
from tests.test_browser import wait_until_live

pytestmark = journeys.pytestmark
browser = journeys.browser

TITLE = "Dialogforum Osnabrück: Zusammenleben im Landkreis"
# name, interface language, table number, what the phone writes in phase 1, e-mail
PEOPLE = [
    (
        "Lena",
        "de",
        1,
        "Viele Ehrenamtliche begleiten Neuzugewanderte 👍",
        "lena@example.org",
    ),
    ("Ahmad", "ar", 1, "Zu wenige Sprachkurse am Abend", None),
    (
        "Olena",
        "uk",
        2,
        "Довгі черги у відомстві у справах іноземців",
        "olena@example.org",
    ),
    ("Mehmet", "tr", 2, "Kreş yerleri çok az", None),
    ("Jonas", "de", 3, "Sportvereine sind offen für alle", None),
    (
        "Samira",
        "ar",
        3,
        "نحتاج إلى مزيد من المعلومات بلغات مختلفة",
        "samira@example.org",
    ),
]
TRANSLATIONS = {
    "de": "Übersetzt: {text}",
    "ar": "مترجم: {text}",
    "uk": "Перекладено: {text}",
    "tr": "Çevrildi: {text}",
}


@dataclass
class Evening:
    server: object
    smtp: MailServer
    organiser: object  # an HTTP session for downloads
    contexts: list = field(default_factory=list)
    event_id: int = 0
    tokens: dict = field(default_factory=dict)
    console: object = None
    projector: object = None
    phones: dict = field(default_factory=dict)
    interpreter: object = None


@pytest.fixture(scope="module")
def evening(request, tmp_path_factory, smtp_server, browser):
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("evening")
    mail = {"OUTBOX_POLL_INTERVAL": "0.5"}
    with running_servers(folder, "evening-secret", extra_env=mail) as (server,):
        state = Evening(server, smtp_server, logged_in_organiser(server.url))
        state.new_context = lambda **options: _context(state, browser, **options)
        yield state
        for context in state.contexts:
            journeys.close_context(context)
        print_logs_if_failed(request, [server], failed_before)


def _context(state, browser, **options):
    context = browser.new_context(base_url=state.server.url, **options)
    context.add_init_script(journeys.RECORD_SOCKETS)
    state.contexts.append(context)
    return context


@pytest.fixture(autouse=True)
def _one_step_after_another(request):
    failed = request.session.testsfailed
    if getattr(request.module, "_broken", False):
        pytest.skip("an earlier step of the evening failed")
    yield
    if request.session.testsfailed > failed:
        request.module._broken = True


# --- helpers that act as the people of the evening ----------------------------


def token_of(evening, column, where="event", number=None):
    """A token as printed (table cards, host cards) or shown (console, event page)."""
    import sqlite3

    database = f"file:{evening.server.database}?mode=ro"
    with sqlite3.connect(database, uri=True) as connection:
        if where == "event":
            query = f"SELECT {column} FROM event WHERE id = ?"
            return connection.execute(query, (evening.event_id,)).fetchone()[0]
        query = f'SELECT {column} FROM "table" WHERE event_id = ? AND number = ?'
        return connection.execute(query, (evening.event_id, number)).fetchone()[0]


def download(evening, path):
    answer = evening.organiser.get(evening.server.url + path)
    answer.raise_for_status()
    return answer


def next_step(evening, label):
    """The console's main action: "Next: <step>" (or "Start:", "End:")."""
    console = evening.console
    button = console.locator("form.next-step button")
    expect(button).to_contain_text(label)
    button.click()
    expect(console.locator(".step.running")).to_contain_text(label)
    wait_until_live(console)


def write(phone, text, category=0):
    phone.locator("#card-form .categories:not([hidden]) input").nth(category).check()
    phone.fill("#text", text)
    phone.click("#card-form button.primary")
    expect(phone.locator("#cards")).to_contain_text(text)


def phones_at(evening, number):
    return [p for (name, _l, table, *_rest), p in _people(evening) if table == number]


def _people(evening):
    return [(person, evening.phones[person[0]]) for person in PEOPLE]


# --- the evening ---------------------------------------------------------------


def test_the_organiser_sets_up_the_forum_and_prints_what_the_tables_need(
    evening, tmp_path
):
    laptop = evening.new_context(**screens.LAPTOP)
    page = laptop.new_page()
    screens.log_in(page)
    page.click('a[href$="/events/new"]')
    page.fill("#title", TITLE)
    page.fill("#date", "2026-12-08")
    page.fill("#time", "18:00")
    page.fill("#venue", "Kreishaus Osnabrück, Sitzungssaal")
    page.fill("#target_group", "Migrantinnen und Migranten")
    page.select_option("#format", "dialogue_forum")
    page.select_option("#catalogue", "osnabrueck")
    page.click("main input[type=submit]")
    page.wait_for_url(re.compile(r"/events/\d+$"))
    evening.event_id = int(page.url.rsplit("/", 1)[1])
    expect(page.locator("#tables table.data tbody tr")).to_have_count(9)
    screens.assert_no_horizontal_overflow(page)
    screens.snap(page, "01-event", full_page=True)

    # A gallery walk between the first phase and its plenary.
    page.goto(f"/events/{evening.event_id}/programme")
    page.locator("#run-sheet details summary").click()
    page.select_option("#new-step-kind", "gallery")
    page.fill("#new-step-minutes", "15")
    page.locator('#run-sheet form[action$="/steps/new"] input[type=submit]').click()
    for _ in range(4):
        gallery = page.locator("#run-sheet tbody tr", has_text="Galerie")
        gallery.locator('button[value="up"]').click()
    steps = page.locator("#run-sheet tbody tr td:first-child")
    expect(steps.nth(2)).to_contain_text("Galerie")

    # A scale vote prepared ahead; the dot vote comes in phase 2.
    page.goto(f"/events/{evening.event_id}/polls/new/scale")
    page.fill("#question", "Wie gut fühlen Sie sich im Landkreis willkommen?")
    page.fill("#scale_labels", "gar nicht\nwenig\nteils\ngut\nsehr gut")
    page.click("main input[type=submit]")
    expect(page.locator("h1")).to_contain_text("willkommen")

    for path, name in (
        (f"/events/{evening.event_id}/table-cards.pdf", "table-cards"),
        (f"/events/{evening.event_id}/host-cards.pdf", "host-cards"),
    ):
        pdf = download(evening, path).content
        screens.render_pdf(pdf, tmp_path, name, pages=1)
        assert screens.pdf_words_outside_the_page(pdf, tmp_path, name) == []
    text = screens.pdf_text(
        download(evening, f"/events/{evening.event_id}/host-cards.pdf").content,
        tmp_path,
        "hosts",
    )
    assert "Tischpat" in text  # host cards say what they are

    evening.console = laptop.new_page()
    evening.console.goto(f"/events/{evening.event_id}/console")
    wait_until_live(evening.console)
    with laptop.expect_page() as opened:
        evening.console.click('a[href*="/projector/"]')
    evening.projector = opened.value
    evening.projector.set_viewport_size({"width": 1920, "height": 1080})
    wait_until_live(evening.projector)
    expect(evening.projector.locator(".projector-qr svg")).to_be_visible()
    screens.at_projector_sizes(evening.projector, "02-projector-welcome")
    screens.snap(evening.console, "02-console-before", full_page=True)


def choose_table(evening, phone, number):
    """The join page offers the tables as buttons; nothing is chosen for the phone."""
    expect(phone.locator(".table-option").first).to_be_visible()
    assert phone.locator('input[name="table"]:checked').count() == 0
    table_id = token_of(evening, "id", "table", number)
    phone.locator(f'.table-option:has(input[value="{table_id}"])').click()


def test_six_phones_join_by_the_event_qr_in_four_languages(evening):
    join_path = f"/j/{token_of(evening, 'join_token')}"
    for name, language, number, _text, address in PEOPLE:
        context = evening.new_context(**screens.PHONE, locale=screens.LOCALES[language])
        phone = context.new_page()
        phone.goto(join_path)
        expect(phone.locator("html")).to_have_attribute("lang", language)
        choose_table(evening, phone, number)
        phone.fill("#first_name", name)
        if address:
            phone.click(".results-mail summary")
            phone.fill("#email", address)
            phone.check("#consent")
        if name == "Samira":
            screens.snap(phone, "03-join-ar")
        screens.assert_no_horizontal_overflow(phone)
        phone.click("main input[type=submit]")
        phone.wait_for_url("**/me")
        wait_until_live(phone)
        expect(phone.locator(".table-head h1")).to_contain_text(str(number))
        evening.phones[name] = phone
    expect(evening.console.locator("#count-participants")).to_have_text("6")
    expect(evening.projector.locator("#count-participants")).to_have_text("6")
    samira = evening.phones["Samira"]
    expect(samira.locator("html")).to_have_attribute("dir", "rtl")
    screens.snap(samira, "03-table-ar", full_page=True)


def test_two_hosts_take_their_tables_and_an_interpreter_joins(evening):
    lena = evening.phones["Lena"]
    lena.goto(f"/h/{token_of(evening, 'host_token', 'table', 1)}")
    expect(lena.locator("#first_name")).to_have_value("Lena")  # the name is kept
    lena.click("main button.primary")
    lena.wait_for_url("**/me/host")
    olena = evening.phones["Olena"]
    olena.goto(f"/h/{token_of(evening, 'host_token', 'table', 2)}")
    olena.click("main button.primary")
    olena.wait_for_url("**/me/host")
    screens.snap(olena, "04-host-uk", full_page=True)
    for phone in (lena, olena):
        phone.goto("/me")
        wait_until_live(phone)
        expect(phone.locator('#now a[href$="/me/host"]')).to_be_visible()

    context = evening.new_context(**screens.LAPTOP)
    interpreter = context.new_page()
    interpreter.goto(f"/i/{token_of(evening, 'interpreter_token')}")
    for language in ("ar", "uk", "tr"):
        interpreter.check(f'input[name="languages"][value="{language}"]')
    interpreter.fill("#name", "Dolmetscherin Rana")
    interpreter.click("main input[type=submit]")
    interpreter.wait_for_url("**/interpret/queue")
    wait_until_live(interpreter)
    evening.interpreter = interpreter
    evening.console.reload()
    wait_until_live(evening.console)
    expect(evening.console.locator(".interpreters summary")).to_contain_text("1")


def test_the_run_sheet_opens_the_first_phase_and_cards_arrive_in_four_languages(
    evening,
):
    next_step(evening, "Begrüßung")
    expect(evening.projector.locator("#join-view .projector-now")).to_contain_text(
        "Begrüßung"
    )
    next_step(evening, "Ausgangslage")
    for (_name, _language, _number, text, _address), phone in _people(evening):
        expect(phone.locator("#card-form")).to_be_visible()
        write(phone, text)
    expect(evening.console.locator("#count-cards")).to_have_text("6")
    expect(evening.projector.locator("#count-cards")).to_have_text("6")
    # German typed on the Arabic phone is stored as German.
    ahmad_card = evening.phones["Lena"].locator("#cards .card", has_text="Sprachkurse")
    expect(ahmad_card.locator(".card-text")).to_have_attribute("lang", "de")
    screens.snap(evening.console, "05-console-phase-1", full_page=True)
    screens.snap(evening.phones["Mehmet"], "05-phone-tr", full_page=True)


def translate_the_queue(evening):
    """The interpreter works through the queue until it is empty."""
    interpreter = evening.interpreter
    items = interpreter.locator("#queue .queue-item")
    expect(items.first).to_be_visible()
    for _ in range(60):
        if not items.count():
            return
        item = items.first
        key = item.get_attribute("data-key")
        target = key.rsplit("-", 1)[-1]
        original = item.locator(".queue-original").inner_text()
        item.locator("textarea").fill(TRANSLATIONS[target].format(text=original))
        item.locator("button.primary").click()
        expect(interpreter.locator(f'#queue [data-key="{key}"]')).to_have_count(0)
    raise AssertionError("the queue did not empty")


def test_the_interpreter_translates_and_every_phone_reads_its_language(evening):
    translate_the_queue(evening)
    screens.snap(evening.interpreter, "06-interpreter", full_page=True)
    samira = evening.phones["Samira"]
    jonas_card = samira.locator("#cards .card", has_text="Sportvereine")
    expect(jonas_card.locator(".card-text")).to_contain_text("مترجم")
    expect(jonas_card.locator(".original-text")).to_have_text(
        "Sportvereine sind offen für alle"
    )
    screens.snap(samira, "06-phone-ar-translated", full_page=True)


def test_a_phone_photographs_the_poster_and_the_console_shows_it(evening):
    from tests.test_browser_photos import poster_file

    jonas = evening.phones["Jonas"]
    jonas.fill("#caption", "Plakat Tisch 3")
    jonas.locator("#photo-camera").set_input_files(poster_file())
    expect(jonas.locator("#photo-list .photo")).to_have_count(1, timeout=10000)
    table = evening.console.locator(".table-col[data-table]", has_text="Plakat Tisch 3")
    expect(table.locator(".photos .photo")).to_have_count(1)


def test_the_gallery_walk_counts_praise_live_on_the_projector(evening):
    next_step(evening, "Galerie")
    mehmet = evening.phones["Mehmet"]
    mehmet.locator('#now a[href$="/me/gallery"]').click()
    mehmet.locator(".gallery-tables a").first.click()
    mehmet.locator(".reactions button").first.click()
    expect(mehmet.locator('.reactions button[aria-pressed="true"]')).to_have_count(1)
    screens.snap(mehmet, "07-gallery-tr", full_page=True)
    screens.assert_no_horizontal_overflow(mehmet)
    totals = evening.projector.locator("#gallery-totals [data-table] .praise")
    expect(totals.first).to_have_text("1")
    screens.at_projector_sizes(evening.projector, "07-projector-gallery")
    mehmet.goto("/me")
    wait_until_live(mehmet)


def test_the_plenary_shows_each_table_with_its_hosts_marked_cards(evening):
    next_step(evening, "Plenum")
    lena = evening.phones["Lena"]
    lena.goto("/me/host")
    card = lena.locator(".host-card").filter(has_text="Ehrenamtliche")
    card.locator("details.card-tools summary").click()
    card.locator('input[name="marked"]').check()
    card.locator('form[action$="/tidy"] button.primary').click()
    expect(lena.locator(".host-card.is-marked")).to_have_count(1)
    lena.locator('#present form[action$="/present/table"] button').click()
    spotlight = evening.projector.locator("#spotlight-view")
    expect(spotlight).to_be_visible()
    expect(spotlight).to_contain_text("Ehrenamtliche")
    expect(spotlight).not_to_contain_text("Sprachkurse")  # only the marked card
    screens.at_projector_sizes(evening.projector, "08-projector-plenary")
    screens.snap(lena, "08-host-presenting", full_page=True)
    screens.assert_no_horizontal_overflow(lena)
    lena.goto("/me")
    wait_until_live(lena)


GOALS = {
    "Lena": "Sprachkurse am Abend in jeder Gemeinde anbieten",
    "Olena": "Termine in der Ausländerbehörde online buchen",
    "Jonas": "Jeder Sportverein hat eine Ansprechperson für Neue",
    "Samira": "Informationen des Landkreises in fünf Sprachen",
}


def test_goal_proposals_with_smart_details_in_the_second_phase(evening):
    next_step(evening, "Ziele")
    shown = evening.console.locator(".table-grid .card:visible")
    expect(shown.filter(has_text="Sportverein")).to_have_count(0)  # phase 2's only
    for name, text in GOALS.items():
        phone = evening.phones[name]
        phone.locator("#card-form .categories:not([hidden]) input").first.check()
        phone.locator("#smart-fields summary").click()
        phone.fill("#indicator", "bis Ende 2027 umgesetzt")
        phone.fill("#actor", "Landkreis")
        write(phone, text)
    expect(evening.console.locator("#count-cards")).to_have_text("10")
    expect(evening.console.locator(".table-grid .card:visible")).to_have_count(4)
    translate_the_queue(evening)


def open_polls_panel(console):
    panel = console.locator("details#polls")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()


def poll_in_console(evening, question):
    open_polls_panel(evening.console)
    return evening.console.locator("#polls li", has_text=question)


def test_a_dot_vote_on_the_goals_reaches_every_phone_in_its_language(evening):
    question = "Welche Ziele sind Ihnen am wichtigsten?"
    page = evening.console.context.new_page()
    page.goto(f"/events/{evening.event_id}/polls/new/dots")
    page.fill("#question", question)
    source = page.locator("#card_source option", has_text="Ziel").first
    page.select_option("#card_source", source.get_attribute("value"))
    page.fill("#dots", "3")
    page.fill("#dots_per_card", "2")
    page.click("main input[type=submit]")
    page.close()
    evening.console.reload()
    wait_until_live(evening.console)
    poll_in_console(evening, question).locator('form[action$="/open"] button').click()
    translate_the_queue(evening)  # the question, before anyone has to read it

    for (_name, language, *_rest), phone in _people(evening):
        phone.wait_for_url("**/me/polls/*")
        expect(phone.locator(".dot-cards li")).to_have_count(4)
        if language != "de":  # in the phone's language, the original beneath
            expect(phone.locator("h1#question")).not_to_have_text(question)
            expect(phone.locator(".tx:has(#question) .original-text")).to_have_text(
                question
            )
        screens.assert_no_horizontal_overflow(phone)
        screens.snap(phone, f"09-phone-dots-{language}", full_page=True)
        phone.locator(".dot-cards li .dot-more").first.click()
        phone.click("#vote-button")
        # Voted: back at the table by itself, the card form there, not sent back.
        phone.wait_for_url("**/me")
        expect(phone.locator('[data-poll-banner="voted"]')).to_be_visible()
        expect(phone.locator("#card-form")).to_be_visible()
    screens.snap(evening.phones["Olena"], "09-phone-after-vote-uk", full_page=True)
    projector = evening.projector
    expect(projector.locator(".poll-count")).to_contain_text("6")
    expect(projector.locator("#poll-results .bars li")).to_have_count(4)
    expect(projector.locator(".poll-qr svg")).to_be_visible()  # for latecomers
    screens.at_projector_sizes(projector, "09-projector-dots")
    poll_in_console(evening, question).locator('form[action$="/close"] button').click()


def test_a_scale_vote_shows_its_mean_and_median_on_the_projector(evening):
    poll = poll_in_console(evening, "willkommen")
    poll.locator('form[action$="/open"] button').click()
    for index, (_person, phone) in enumerate(_people(evening)):
        phone.wait_for_url("**/me/polls/*")
        phone.locator('input[name="value"]').nth(index % 5).check()
        phone.click("#vote-button")
        phone.wait_for_url("**/me")
    stats = evening.projector.locator("#poll-results .poll-stats")
    expect(stats).to_contain_text("2,67")  # mean of 1 2 3 4 5 1
    screens.at_projector_sizes(evening.projector, "10-projector-scale")
    poll_in_console(evening, "willkommen").locator(
        'form[action$="/close"] button'
    ).click()


def test_the_closing_ends_the_event_and_the_projector_says_thank_you(evening):
    next_step(evening, "Plenum")
    next_step(evening, "Abschluss")
    evening.console.locator("form.next-step button").click()  # End: Abschluss
    evening.console.once("dialog", lambda dialog: dialog.accept())
    evening.console.locator(".runsheet-next button").click()  # Close event
    expect(evening.console.locator(".runsheet")).to_contain_text("beendet")
    thanks = evening.projector.locator("#thanks-view")
    expect(thanks).to_be_visible()
    expect(evening.projector.locator("#poll-view")).to_be_hidden()
    screens.at_projector_sizes(evening.projector, "11-projector-thanks")
    for phone in evening.phones.values():
        expect(phone.locator('[data-phase="closed"]')).to_be_visible()
        expect(phone.locator("#card-form")).to_be_hidden()


def test_the_report_and_exports_hold_the_evening(evening, tmp_path):
    report = download(evening, f"/events/{evening.event_id}/report.pdf").content
    screens.render_pdf(report, tmp_path, "12-report", pages=8)
    assert screens.pdf_words_outside_the_page(report, tmp_path, "report") == []
    text = screens.pdf_text(report, tmp_path, "report-text")
    for written in ("Sportvereine sind offen für alle", *GOALS.values()):
        assert written in text
    assert "Welche Ziele sind Ihnen am wichtigsten?" in text
    assert "👍" in text  # the emoji is drawn, and copied as itself
    cover, chapters = text.split("Inhalt", 1)
    assert "Tisch 6: Gesundheit" in cover  # unused tables: one line on the cover,
    assert "Gesundheit" not in chapters  # no chapter
    exported = download(evening, f"/events/{evening.event_id}/export.json").json()
    spreadsheet = download(evening, f"/events/{evening.event_id}/export.csv").text
    rows = list(csv.DictReader(io.StringIO(spreadsheet)))
    assert len(rows) == len(exported["cards"]) == 10
    dots = next(p for p in exported["polls"] if p["kind"] == "dots")
    card_ids = {card["id"] for card in exported["cards"]}
    assert {row[0] for row in dots["results"]} <= card_ids  # each dot leads to a card


def test_the_organiser_sets_up_mail_and_mails_the_report_to_those_who_asked(
    evening,
):
    laptop = evening.console
    laptop.goto(f"/events/{evening.event_id}/mailing")
    laptop.locator('a[href*="/mail?event="]').first.click()
    laptop.fill("#server", "127.0.0.1")
    laptop.fill("#port", str(evening.smtp.port))
    laptop.check('input[name="security"][value="none"]')
    laptop.fill("#sender", "tischrunde@landkreis.example")
    laptop.click("#mail-server input[type=submit]")
    expect(laptop.locator(".flash").first).to_contain_text("127.0.0.1")
    laptop.goto(f"/events/{evening.event_id}/mailing")
    laptop.on("dialog", lambda dialog: dialog.accept())
    laptop.click("#progress-panel form button.primary")
    wait_until_live(laptop)
    expect(laptop.locator("#count-sent")).to_have_text("3", timeout=20000)
    recipients = laptop.locator("[data-address] .address-state")
    expect(recipients).to_have_text(["gesendet"] * 3)  # the list follows too
    screens.snap(laptop, "13-mailing", full_page=True)
    assert evening.smtp.recipients() == [
        "lena@example.org",
        "olena@example.org",
        "samira@example.org",
    ]
    subjects = {tos[0]: message["Subject"] for tos, message in evening.smtp.messages}
    assert subjects["lena@example.org"].startswith("Ergebnisse")
    assert "Ergebnisse" not in subjects["samira@example.org"]  # in Arabic
