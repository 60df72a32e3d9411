"""Browser journeys in many languages: switching, right-to-left, interpreters live,
the projector. Screenshots land in test-artifacts/."""

import re
import sqlite3

import pytest
from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.live_server import (
    csrf_token,
    http_session,
    logged_in_organiser,
    projector_path,
    seated_phone,
    send_card,
)
from tests.test_browser import (
    ARTIFACTS,
    LAPTOP,
    PHONE,
    join_table,
    log_in,
    page_string,
    wait_until_live,
    write_card,
)

pytestmark = journeys.pytestmark
# The same real server, browser and helpers as the other journeys.
server = journeys.server
browser = journeys.browser
new_context = journeys.new_context
running_event = journeys.running_event


@pytest.fixture(scope="module")
def organiser(server):
    """One organiser login for the module: logins are rate-limited per address."""
    return logged_in_organiser(server.url)


JSON = {"Accept": "application/json"}
ARABIC_CARD = "إنارة شارع Bahnhofstraße في Melle ضعيفة في الليل"
GERMAN_CARD = "Mehr Sprachkurse am Abend, auch mit Kinderbetreuung"
FARSI_CARD = "کلاس زبان برای مادران همراه با مهد کودک"
UKRAINIAN_CARD = "Більше інформації про житло українською мовою"
TRANSLATIONS = {
    (ARABIC_CARD, "de"): "Die Bahnhofstraße in Melle ist nachts schlecht beleuchtet",
    (FARSI_CARD, "de"): "Sprachkurse für Mütter mit Kinderbetreuung",
    (GERMAN_CARD, "ar"): "مزيد من دورات اللغة في المساء، مع رعاية الأطفال أيضاً",
    (GERMAN_CARD, "fa"): "کلاس‌های زبان بیشتر در عصر، همراه با مراقبت از کودکان",
    (GERMAN_CARD, "uk"): "Більше мовних курсів увечері, також з доглядом за дітьми",
}


def interpreter_token(database, event_id):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        row = connection.execute(
            "SELECT interpreter_token FROM event WHERE id = ?", (event_id,)
        ).fetchone()
        return row[0]


def phone_in(base_url, table_token, language):
    phone = seated_phone(base_url, table_token)
    phone.get(f"{base_url}/lang/{language}")
    return phone


def interpreter_session(base_url, token, languages):
    interpreter = http_session()
    page = interpreter.get(f"{base_url}/i/{token}").text
    data = {"csrf_token": csrf_token(page), "languages": languages}
    interpreter.post(f"{base_url}/i/{token}", data=data).raise_for_status()
    return interpreter, csrf_token(page)


def translate(base_url, token, translations):
    """An interpreter for every language translates what `translations` names."""
    interpreter, csrf = interpreter_session(base_url, token, ["ar", "fa", "uk"])
    items = interpreter.get(f"{base_url}/interpret/queue.json").json()["items"]
    for item in items:
        text = translations.get((item["text"], item["target"]))
        if text:
            interpreter.post(
                base_url + item["url"],
                data={"text": text},
                headers={**JSON, "X-CSRFToken": csrf},
            ).raise_for_status()


@pytest.fixture
def multilingual_table(server, running_event):
    """Table 1 with cards in four languages, some translated by an interpreter."""
    event_id, table_token = running_event
    cards = {
        "ar": ARABIC_CARD,
        "de": GERMAN_CARD,
        "fa": FARSI_CARD,
        "uk": UKRAINIAN_CARD,
    }
    # Everyone is seated before writing, so each card asks for every language.
    phones = {
        language: phone_in(server.url, table_token, language) for language in cards
    }
    for language, text in cards.items():
        send_card(phones[language], server.url, text)
    translate(server.url, interpreter_token(server.database, event_id), TRANSLATIONS)
    return event_id, table_token


@pytest.mark.parametrize("language", ["ar", "fa", "uk", "de"])
def test_phone_page_reads_right_in_each_language(
    new_context, multilingual_table, language
):
    _event_id, table_token = multilingual_table
    phone = new_context(**{**PHONE, "locale": language}).new_page()
    join_table(phone, table_token, "")
    wait_until_live(phone)

    direction = "rtl" if language in ("ar", "fa") else "ltr"
    expect(phone.locator("html")).to_have_attribute("dir", direction)
    expect(phone.locator("html")).to_have_attribute("lang", language)
    german_card = phone.locator("#cards .card", has_text="Kinderbetreuung")
    if language != "de":
        shown = TRANSLATIONS[(GERMAN_CARD, language)]
        expect(german_card.locator(".card-text")).to_have_text(shown)
        expect(german_card.locator(".original-text")).to_have_text(GERMAN_CARD)
    quoting = phone.locator("#cards .card-text", has_text="Bahnhofstraße")
    expect(quoting).to_have_css("direction", re.compile("^(rtl|ltr)$"))
    phone.screenshot(path=ARTIFACTS / f"phone-{language}.png", full_page=True)


def test_arabic_card_quoting_a_german_street_reads_right_to_left_in_any_page(
    new_context, multilingual_table
):
    _event_id, table_token = multilingual_table
    phone = new_context(**{**PHONE, "locale": "uk"}).new_page()
    join_table(phone, table_token, "")
    card = phone.locator("#cards .card", has_text="إنارة")
    # to_have_css retries: the list is rebuilt when the page's socket first connects
    expect(card.locator(".card-text")).to_have_css("direction", "rtl")
    expect(card.locator(".card-untranslated")).to_be_visible()


def test_phone_switches_language_and_turns_right_to_left(new_context, running_event):
    _event_id, table_token = running_event
    phone = new_context(**PHONE).new_page()
    join_table(phone, table_token, "Rania")
    expect(phone.locator("html")).to_have_attribute("lang", "de")

    phone.locator(".languages summary").click()
    phone.screenshot(path=ARTIFACTS / "phone-language-list.png")
    phone.locator('.languages a[hreflang="ar"]').click()

    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator(".languages summary")).to_contain_text("العربية")
    expect(phone.locator("#card-language")).to_have_value("")  # automatic
    assert re.search("[\u0600-\u06ff]", page_string(phone, "sending"))
    wait_until_live(phone)
    write_card(phone, "نحتاج إلى مزيد من الحدائق")
    expect(phone.locator("#cards .card-text")).to_have_text(
        ["نحتاج إلى مزيد من الحدائق"]
    )
    expect(phone.locator("#cards .card-text")).to_have_attribute("lang", "ar")
    expect(phone.locator("#cards .card-own summary")).to_contain_text("العربية")
    phone.screenshot(path=ARTIFACTS / "phone-switched-to-ar.png", full_page=True)


def console_page(new_context, event_id):
    console = new_context(**LAPTOP).new_page()
    log_in(console)
    console.goto(f"/events/{event_id}/console")
    wait_until_live(console)
    return console


def interpreter_page(new_context, code, language):
    """An interpreter who types the code as people do (capitals, a dash)."""
    interpreter = new_context(**{**LAPTOP, "locale": language}).new_page()
    interpreter.goto("/interpret")
    interpreter.fill("#code", f"{code[:5].upper()}-{code[5:]}")
    interpreter.click("main input[type=submit]")
    interpreter.check(f'input[value="{language}"]')
    interpreter.click("main input[type=submit]")
    wait_until_live(interpreter)
    return interpreter


def test_interpreter_translation_appears_live_on_console_and_phone(
    new_context, server, running_event
):
    event_id, table_token = running_event
    console = console_page(new_context, event_id)
    reader = new_context(**PHONE).new_page()
    join_table(reader, table_token, "Jonas")
    wait_until_live(reader)
    code = interpreter_token(server.database, event_id)
    interpreter = interpreter_page(new_context, code, "ar")

    send_card(phone_in(server.url, table_token, "ar"), server.url, "نحتاج إلى ملاعب")
    item = interpreter.locator(".queue-item", has_text="نحتاج إلى ملاعب")
    expect(item).to_be_visible()
    interpreter.screenshot(path=ARTIFACTS / "interpreter-queue-ar.png", full_page=True)
    item.locator("textarea").fill("Wir brauchen Spielplätze")
    item.locator("button").click()

    expect(item).to_have_count(0)
    on_console = console.locator(".table-grid .card", has_text="Wir brauchen")
    expect(on_console.locator(".card-text")).to_have_text("Wir brauchen Spielplätze")
    expect(on_console.locator(".original-text")).to_have_text("نحتاج إلى ملاعب")
    expect(on_console.locator('[data-mark="human"]')).to_be_visible()
    on_phone = reader.locator("#cards .card", has_text="Wir brauchen")
    expect(on_phone.locator(".card-text")).to_have_text("Wir brauchen Spielplätze")
    console.screenshot(path=ARTIFACTS / "console-translated.png", full_page=True)


@pytest.mark.parametrize("language", ["fa", "de"])
def test_projector_reads_right_in_the_chosen_language(
    new_context, server, organiser, running_event, language
):
    event_id, _table_token = running_event
    projector_url = projector_path(organiser, server.url, event_id)
    projector = new_context(viewport={"width": 1920, "height": 1080}).new_page()

    projector.goto(f"{projector_url}?lang={language}")

    direction = "rtl" if language == "fa" else "ltr"
    expect(projector.locator("html")).to_have_attribute("dir", direction)
    wait_until_live(projector)
    projector.screenshot(path=ARTIFACTS / f"projector-{language}.png")
