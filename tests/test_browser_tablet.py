"""A table tablet in Chromium at phone size: three people write one card each on
one device; nothing of one stays for the next. The host enters a card for someone
without a phone from a phone without JavaScript. Screenshots in test-artifacts/."""

import sqlite3

import pytest
from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.live_server import console_cards, logged_in_organiser, post_from
from tests.test_browser import ARTIFACTS, LAPTOP, PHONE, log_in, wait_until_live

pytestmark = journeys.pytestmark
server = journeys.server
browser = journeys.browser
new_context = journeys.new_context
running_event = journeys.running_event

PEOPLE = [
    ("Anna", "de", "Mehr Bänke am Spielplatz, damit Großeltern dabei sein können"),
    ("Bilal", "ar", "نحتاج إلى دورات لغة في المساء بعد العمل"),
    ("Chiara", "it-free", "Ein Treffpunkt für Nachbarinnen 👋 im Stadtteil"),
]
# Elements that must sit inside the viewport's width and be large enough to tap.
TARGETS = (
    "#card-form .category",
    "#card-form button.primary",
    "#card-language",
    "#results summary",
)
LAYOUT = """
(selectors) => {
  const width = document.documentElement.clientWidth;
  const boxes = selectors.flatMap((s) => [...document.querySelectorAll(s)])
    .filter((el) => el.offsetParent !== null)
    .map((el) => { const r = el.getBoundingClientRect();
                   return {left: r.left, right: r.right, height: r.height}; });
  return {overflow: document.documentElement.scrollWidth > innerWidth,
          outside: boxes.filter((b) => b.left < 0 || b.right > width).length,
          smallest: Math.min(...boxes.map((b) => b.height)), count: boxes.length};
}
"""


@pytest.fixture(scope="module")
def organiser(server):
    return logged_in_organiser(server.url)


def tablet_path(organiser, base_url, event_id, table_number=1):
    table_id = table_ids(base_url, organiser, event_id)[table_number - 1]
    action = f"/events/{event_id}/tables/{table_id}/tablet/issue"
    answer = post_from(organiser, base_url, f"/events/{event_id}/tablets", action)
    return f"/tablet/{answer.json()['token']}"


def table_ids(base_url, organiser, event_id):
    cards = organiser.get(f"{base_url}/events/{event_id}/console").text
    return [int(part.split('"')[0]) for part in cards.split('data-table="')[1:]]


def check_layout(page):
    layout = page.evaluate(LAYOUT, list(TARGETS))
    assert not layout["overflow"] and layout["outside"] == 0, layout
    assert layout["count"] >= 4 and layout["smallest"] >= 44, layout


def write_for(page, text, language=None):
    page.locator("#card-form .categories:not([hidden]) .category").first.click()
    page.fill("#text", text)
    if language:
        page.select_option("#card-language", language)
    page.click("#card-form button.primary")


def expect_fresh_form(page):
    """Empty for the next person; the card's language back to "automatic"."""
    expect(page.locator("#sent-note")).to_be_visible()
    expect(page.locator("#text")).to_have_value("")
    expect(page.locator("#card-form input[name=category]:checked")).to_have_count(0)
    expect(page.locator("#card-language")).to_have_value("")
    expect(page.locator("#pending .is-pending")).to_have_count(0)


def test_three_people_write_on_one_tablet_and_nothing_of_one_stays_for_the_next(
    new_context, running_event, server, organiser
):
    event_id, _table_token = running_event
    path = tablet_path(organiser, server.url, event_id)
    tablet = new_context(**PHONE).new_page()
    tablet.goto(path)
    wait_until_live(tablet)
    expect(tablet.locator("html")).to_have_attribute("lang", "de")
    expect(tablet.locator("#first_name")).to_have_count(0)
    check_layout(tablet)
    tablet.screenshot(path=ARTIFACTS / "tablet-de-start.png", full_page=True)

    for number, (name, language, text) in enumerate(PEOPLE, start=1):
        write_for(tablet, text, language if language in ("de", "ar") else None)
        expect(tablet.locator("#cards .card-text").first).to_have_text(text)
        expect_fresh_form(tablet)
        check_layout(tablet)
        tablet.screenshot(path=ARTIFACTS / f"tablet-de-{number}-{name}.png")
        if name == "Bilal":  # he also wants the results by e-mail
            leave_address(tablet, "bilal@example.org")

    cards = console_cards(organiser, server.url, event_id)
    assert [c["text"] for c in cards] == [text for _n, _l, text in PEOPLE]
    assert {c["entered_by"] for c in cards} == {"tablet"}
    assert [c["language"] for c in cards] == ["de", "ar", "de"]
    assert tablet.evaluate("localStorage.getItem('tischrunde-tablet-queue')") == "[]"
    assert "bilal" not in tablet.content()
    assert "Anna" not in tablet.content() and "Bilal" not in tablet.content()
    counts = organiser.get(f"{server.url}/events/{event_id}/console").text
    assert 'id="count-on-behalf">3</strong>' in counts
    assert addresses(server.database) == ["bilal@example.org"]


def leave_address(tablet, address):
    tablet.locator("#results summary").click()
    tablet.fill("#email", address)
    tablet.check("#consent")
    tablet.screenshot(path=ARTIFACTS / "tablet-de-address.png")
    tablet.click("#results button, #results input[type=submit]")
    expect(tablet.locator("#results .flash")).to_be_visible()
    wait_until_live(tablet)
    tablet.locator("#results summary").click()
    expect(tablet.locator("#email")).to_have_value("")
    expect(tablet.locator("#consent")).not_to_be_checked()
    tablet.screenshot(path=ARTIFACTS / "tablet-de-address-sent.png", full_page=True)


def addresses(database):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return [
            row[0] for row in connection.execute("SELECT address FROM mail_address")
        ]


OTHER_LANGUAGES = {
    "ar": ("rtl", ("نريد حدائق أكثر للأطفال", "مواصلات أفضل في الليل", "Kita-Plätze")),
    "tr": ("ltr", ("Akşam dil kursları", "Çocuk bakımı ile birlikte", "Daha çok park")),
}


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGES))
def test_tablet_in_another_language_empties_after_each_card(
    new_context, running_event, server, organiser, language
):
    direction, texts = OTHER_LANGUAGES[language]
    event_id, _table_token = running_event
    path = tablet_path(organiser, server.url, event_id, table_number=2)
    tablet = new_context(**{**PHONE, "locale": language}).new_page()
    tablet.goto(path)
    wait_until_live(tablet)
    expect(tablet.locator("html")).to_have_attribute("dir", direction)
    for text in texts:
        write_for(tablet, text)
        expect(tablet.locator("#cards .card-text").first).to_have_text(text)
        expect_fresh_form(tablet)
    check_layout(tablet)
    tablet.screenshot(path=ARTIFACTS / f"tablet-{language}.png", full_page=True)
    tablet.locator("#results summary").click()
    tablet.screenshot(path=ARTIFACTS / f"tablet-{language}-results.png")


def test_revoked_tablet_leaves_its_page_at_once(
    new_context, running_event, server, organiser
):
    event_id, _table_token = running_event
    path = tablet_path(organiser, server.url, event_id, table_number=3)
    tablet = new_context(**PHONE).new_page()
    tablet.goto(path)
    wait_until_live(tablet)
    table_id = table_ids(server.url, organiser, event_id)[2]
    action = f"/events/{event_id}/tables/{table_id}/tablet/revoke"
    post_from(organiser, server.url, f"/events/{event_id}/tablets", action)
    expect(tablet.locator("#card-form")).to_have_count(0)
    expect(tablet.locator("main h1")).to_be_visible()  # the error page, not a form
    tablet.screenshot(path=ARTIFACTS / "tablet-revoked.png")


def host_token(database, event_id):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        return connection.execute(
            'SELECT host_token FROM "table" WHERE event_id = ? ORDER BY number',
            (event_id,),
        ).fetchone()[0]


def test_host_enters_a_card_for_someone_without_a_phone_without_javascript(
    new_context, running_event, server, organiser
):
    event_id, _table_token = running_event
    host = new_context(**PHONE, java_script_enabled=False).new_page()
    host.goto(f"/h/{host_token(server.database, event_id)}")
    host.fill("#first_name", "Hanna")
    host.click("main button.primary")
    host.goto("/me/host")
    host.locator("#enter-card > summary").click()
    host.locator("#enter-card .category").first.click()
    host.fill("#entry-text", "Für Herrn O.: mehr Sitzplätze an der Haltestelle")
    host.screenshot(path=ARTIFACTS / "host-enter-card.png", full_page=True)
    host.click("#enter-card button.primary")
    expect(host.locator(".flashes")).to_be_visible()
    expect(host.locator("#entry-text")).to_have_value("")
    host.screenshot(path=ARTIFACTS / "host-entered-card.png")
    cards = console_cards(organiser, server.url, event_id)
    assert [(c["text"], c["entered_by"]) for c in cards][-1] == (
        "Für Herrn O.: mehr Sitzplätze an der Haltestelle",
        "host",
    )


def test_moderator_enters_a_card_on_the_console_and_sees_it_marked(
    new_context, running_event, server, organiser
):
    event_id, _table_token = running_event
    tablet_path(organiser, server.url, event_id, table_number=1)
    console = new_context(**LAPTOP).new_page()
    log_in(console)
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    console.locator("#enter-card > summary").click()
    table_id = table_ids(server.url, organiser, event_id)[1]
    console.select_option("#entry-table", str(table_id))
    console.locator("#enter-card .category").nth(1).click()
    console.fill("#entry-text", "Vom Papier: Busse fahren abends zu selten")
    console.click("#enter-card button.primary")
    wait_until_live(console)
    expect(console.locator("#entry-table")).to_have_value(str(table_id))
    card = console.locator(f'[data-table="{table_id}"] .card', has_text="Vom Papier")
    expect(card.locator('[data-entered-by="moderator"]')).to_be_visible()
    expect(card.locator('[data-entered-by="tablet"]')).to_be_hidden()
    expect(console.locator("#count-on-behalf")).to_have_text("1")
    console.screenshot(path=ARTIFACTS / "console-entered-card.png", full_page=True)
    console.goto(f"/events/{event_id}/tablets")
    console.screenshot(path=ARTIFACTS / "console-tablets.png", full_page=True)
    console.emulate_media(media="print")
    expect(console.locator(".tablet-link form").first).to_be_hidden()
    expect(console.locator(".tablet-qr svg")).to_be_visible()
    console.screenshot(path=ARTIFACTS / "console-tablets-print.png", full_page=True)


def test_a_card_sent_while_the_last_one_is_still_on_its_way_follows_at_once(
    new_context, running_event, server, organiser
):
    """People at a tablet send one card right after another: the second must not
    wait in the queue for the next reconnect."""
    event_id, _table_token = running_event
    path = tablet_path(organiser, server.url, event_id, table_number=4)
    tablet = new_context(**PHONE).new_page()
    tablet.goto(path)
    wait_until_live(tablet)
    held = []
    tablet.route(
        "**/cards", lambda route: held.append(route) if not held else route.continue_()
    )
    with tablet.expect_request("**/cards"):
        write_for(tablet, "Erste Karte")
    write_for(tablet, "Zweite Karte, gleich danach")
    expect(tablet.locator("#pending .is-pending")).to_have_count(2)
    held[0].continue_()
    expect(tablet.locator("#cards .card-text")).to_have_text(
        ["Zweite Karte, gleich danach", "Erste Karte"]
    )
    expect(tablet.locator("#pending .is-pending")).to_have_count(0)
