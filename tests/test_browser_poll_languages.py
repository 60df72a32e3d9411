"""Polls, the gallery walk, the host tools and the projector for readers who do not
read German, in Debian's Chromium: translated texts with the original beneath,
arriving live. Screenshots land in test-artifacts/."""

import re

import pytest
from playwright.sync_api import expect

import tests.test_browser as journeys
from tests.live_server import (
    csrf_token,
    logged_in_organiser,
    post_from,
    projector_path,
    send_card,
    table_tokens,
)
from tests.test_browser import ARTIFACTS, PHONE, join_table, wait_until_live
from tests.test_browser_languages import (
    interpreter_page,
    interpreter_session,
    interpreter_token,
    phone_in,
)
from tests.test_voting_browser import create_poll, poll_action

pytestmark = journeys.pytestmark
server = journeys.server
browser = journeys.browser
new_context = journeys.new_context
running_event = journeys.running_event


@pytest.fixture(scope="module")
def organiser(server):
    """One organiser login for the module: logins are rate-limited per address."""
    return logged_in_organiser(server.url)


JSON = {"Accept": "application/json"}
QUESTION = "Welche Ziele sollen wir zuerst angehen?"
CARDS = ("Mehr Sprachkurse am Abend", "Ein Begegnungscafé im Stadtteil")
TURKISH = {
    QUESTION: "Önce hangi hedeflere yönelmeliyiz?",
    CARDS[0]: "Akşamları daha fazla dil kursu",
    CARDS[1]: "Mahallede bir buluşma kafesi",
}


def translate(server, event_id, language, translations):
    """An interpreter translates what translations names, from their queue."""
    token = interpreter_token(server.database, event_id)
    interpreter, csrf = interpreter_session(server.url, token, [language])
    items = interpreter.get(f"{server.url}/interpret/queue.json").json()["items"]
    for item in items:
        if item["text"] in translations and item["target"] == language:
            interpreter.post(
                server.url + item["url"],
                data={"text": translations[item["text"]]},
                headers={**JSON, "X-CSRFToken": csrf},
            ).raise_for_status()


def dot_poll(server, organiser, event_id, question=QUESTION):
    form = organiser.get(f"{server.url}/events/{event_id}/polls/new/dots").text
    source = next(
        part.split('"')[0]
        for part in form.split('value="')
        if part.startswith("category:")
    )
    poll_id, _ = create_poll(
        organiser,
        server.url,
        event_id,
        "dots",
        question=question,
        card_source=source,
        dots=3,
        dots_per_card=2,
    )
    return poll_id


def fits_the_phone(page):
    """No sideways scrolling, and every translated text inside the viewport width."""
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    boxes = page.locator(".tx-text, .original-text").evaluate_all(
        "els => els.filter(e => e.offsetParent).map(e => e.getBoundingClientRect())"
        ".map(r => [r.left, r.right])"
    )
    width = page.viewport_size["width"]
    assert boxes and all(0 <= left and right <= width + 0.5 for left, right in boxes)


def test_a_turkish_phone_votes_on_a_translated_dot_vote(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    writer = phone_in(server.url, table_token, "de")
    for text in CARDS:
        send_card(writer, server.url, text)
    phone = new_context(**{**PHONE, "locale": "tr"}).new_page()
    join_table(phone, table_token, "Deniz")
    wait_until_live(phone)
    poll_id = dot_poll(server, organiser, event_id)
    # Saving the poll asked for it in Turkish: the interpreter finds it queued.
    translate(server, event_id, "tr", {k: TURKISH[k] for k in (QUESTION, CARDS[0])})

    projector = new_context(viewport={"width": 1280, "height": 720}).new_page()
    projector.goto(projector_path(organiser, server.url, event_id) + "?lang=tr")
    wait_until_live(projector)

    poll_action(organiser, server.url, event_id, poll_id, "open")
    phone.wait_for_url(f"**/me/polls/{poll_id}")

    question = phone.locator(".tx", has=phone.locator("#question"))
    expect(phone.locator("#question")).to_have_text(TURKISH[QUESTION])
    expect(question.locator(".original-text")).to_have_text(QUESTION)
    expect(question.locator(".tx-original")).to_be_visible()
    first = phone.locator(".dot-cards li", has_text=TURKISH[CARDS[0]])
    expect(first.locator(".original-text")).to_have_text(CARDS[0])
    second = phone.locator(".dot-cards li", has_text=CARDS[1])
    expect(second.locator(".tx-original")).to_be_hidden()
    wait_until_live(phone)

    # A translation that arrives while the poll is shown replaces the text live.
    translate(server, event_id, "tr", {CARDS[1]: TURKISH[CARDS[1]]})
    expect(second.locator(".tx-text")).to_have_text(TURKISH[CARDS[1]])
    expect(second.locator(".original-text")).to_have_text(CARDS[1])
    expect(second.locator(".tx-original")).to_be_visible()

    first.locator(".dot-more").click()
    first.locator(".dot-more").click()
    second.locator(".dot-more").click()
    expect(phone.locator("#dots-left b")).to_have_text("0")
    fits_the_phone(phone)
    phone.screenshot(path=ARTIFACTS / "poll-dots-tr.png", full_page=True)
    phone.click("#vote-button")
    expect(phone.locator("#vote-done")).to_be_visible()

    # The projector in Turkish shows the poll's texts in Turkish too.
    expect(projector.locator("#poll-question")).to_have_text(TURKISH[QUESTION])
    bars = projector.locator("#poll-results .bars li")
    expect(bars.first).to_contain_text(TURKISH[CARDS[0]])
    expect(bars.nth(1)).to_contain_text(TURKISH[CARDS[1]])  # arrived while shown
    projector.screenshot(path=ARTIFACTS / "poll-dots-projector-tr.png")

    poll_action(organiser, server.url, event_id, poll_id, "close")
    results = phone.locator(".poll-results")
    expect(results).to_be_visible()
    expect(results.locator(".bars li").first).to_contain_text(TURKISH[CARDS[0]])
    expect(results.locator(".bars li").first).to_contain_text(CARDS[0])
    phone.screenshot(path=ARTIFACTS / "poll-dots-tr-results.png", full_page=True)


WELCOME = "Wie gut fühlen Sie sich im Landkreis willkommen?"
SCALE = {
    "ar": {
        WELCOME: "إلى أي مدى تشعر بالترحيب في المقاطعة؟",
        "gar nicht": "إطلاقاً",
        "sehr": "كثيراً جداً",
    },
    "uk": {
        WELCOME: "Наскільки вам тут раді в районі?",
        "gar nicht": "зовсім ні",
        "sehr": "дуже",
    },
}


@pytest.mark.parametrize("language", sorted(SCALE))
def test_scale_and_dot_votes_read_right_on_a_phone(
    new_context, server, organiser, running_event, language
):
    event_id, table_token = running_event
    writer = phone_in(server.url, table_token, "de")
    long_card = "Sprachkurse mit Kinderbetreuung " * 12
    for text in (*CARDS, long_card.strip()):
        send_card(writer, server.url, text)
    phone = new_context(**{**PHONE, "locale": language}).new_page()
    join_table(phone, table_token, "")
    wait_until_live(phone)
    question = WELCOME
    poll_id, _ = create_poll(
        organiser,
        server.url,
        event_id,
        "scale",
        question=question,
        scale_min=1,
        scale_max=5,
        scale_labels="gar nicht\n\n\n\nsehr",
    )
    queue = interpreter_page(
        new_context, interpreter_token(server.database, event_id), language
    )
    expect(queue.locator(".queue-item").first).to_contain_text(WELCOME)
    queue.set_viewport_size({"width": 390, "height": 844})
    queue.screenshot(path=ARTIFACTS / f"interpreter-poll-{language}.png")
    translate(server, event_id, language, SCALE[language])
    poll_action(organiser, server.url, event_id, poll_id, "open")

    phone.wait_for_url(f"**/me/polls/{poll_id}")
    expect(phone.locator("#question")).to_have_text(SCALE[language][question])
    direction = "rtl" if language == "ar" else "ltr"
    expect(phone.locator("html")).to_have_attribute("dir", direction)
    fits_the_phone(phone)
    phone.screenshot(path=ARTIFACTS / f"poll-scale-{language}.png", full_page=True)

    dots_id = dot_poll(server, organiser, event_id, "Wohin mit dem Geld?")
    translate(server, event_id, language, {CARDS[0]: f"[{language}] {CARDS[0]}"})
    wait_until_live(phone)
    poll_action(organiser, server.url, event_id, dots_id, "open")
    phone.wait_for_url(f"**/me/polls/{dots_id}")
    expect(phone.locator(".dot-cards li")).to_have_count(3)
    fits_the_phone(phone)
    phone.screenshot(path=ARTIFACTS / f"poll-dots-{language}.png", full_page=True)


@pytest.mark.parametrize(
    "size", [(1920, 1080), (1280, 720), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}"
)
def test_the_projector_spotlight_reads_in_its_language(
    new_context, server, organiser, running_event, size
):
    event_id, table_token = running_event
    writer = phone_in(server.url, table_token, "de")
    send_card(writer, server.url, CARDS[0])
    projector = new_context(viewport={"width": size[0], "height": size[1]}).new_page()
    projector.goto(projector_path(organiser, server.url, event_id) + "?lang=en")
    wait_until_live(projector)

    console = organiser.get(f"{server.url}/events/{event_id}/console").text
    table_id = re.search(r'name="table" value="(\d+)"', console).group(1)
    organiser.post(
        f"{server.url}/events/{event_id}/spotlight",
        data={"csrf_token": csrf_token(console), "table": table_id},
        headers=JSON,
    ).raise_for_status()
    # Spotlighting asked for the table's cards in the projector's language.
    translate(server, event_id, "en", {CARDS[0]: "More language courses at night"})

    title = projector.locator(".spotlight-title")
    expect(title.locator("#spotlight-topic .tx-text")).to_have_text(
        "Strengthening interfaces"
    )
    expect(title.locator(".original-text")).to_have_text("Schnittstellen stärken")
    card = projector.locator("#spotlight-cards .card")
    expect(card.locator(".card-text")).to_have_text("More language courses at night")
    expect(card.locator(".original-text")).to_have_text(CARDS[0])
    assert projector.evaluate("document.documentElement.scrollWidth <= innerWidth")
    box = title.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= size[0]
    projector.screenshot(path=ARTIFACTS / f"projector-spotlight-en-{size[0]}.png")


def start_gallery_walk(server, organiser, event_id):
    programme = f"/events/{event_id}/programme"
    page = organiser.get(server.url + programme).text
    organiser.post(
        f"{server.url}{programme}/steps/new",
        data={
            "csrf_token": csrf_token(page),
            "new-step-kind": "gallery",
            "new-step-title": "",
            "new-step-minutes": 15,
        },
    ).raise_for_status()
    page = organiser.get(server.url + programme).text
    step = re.findall(rf"{programme}/steps/(\d+)", page)[-1]
    start = f"/events/{event_id}/steps/{step}/start"
    post_from(organiser, server.url, programme, start, confirm="1")  # skips ahead


def test_gallery_and_host_tools_read_in_the_phones_language(
    new_context, server, organiser, running_event
):
    event_id, table_token = running_event
    writer = phone_in(server.url, table_token, "de")
    send_card(writer, server.url, CARDS[0])
    tokens = table_tokens(server.database, event_id)
    arabic = new_context(**{**PHONE, "locale": "ar"}).new_page()
    join_table(arabic, tokens[1], "")
    start_gallery_walk(server, organiser, event_id)
    # Starting the walk asked for every card in every phone's language.
    translate(server, event_id, "ar", {CARDS[0]: "مزيد من دورات اللغة في المساء"})

    arabic.goto("/me/gallery")
    card = arabic.locator(".cards .card", has_text=CARDS[0])
    expect(card.locator(".card-text")).to_have_text("مزيد من دورات اللغة في المساء")
    expect(card.locator(".original-text")).to_have_text(CARDS[0])
    expect(card.locator(".reactions button")).to_have_count(2)
    fits_the_phone(arabic)
    arabic.screenshot(path=ARTIFACTS / "gallery-ar.png", full_page=True)

    # The table's action field in the phone's language, the German name beneath.
    english = new_context(**{**PHONE, "locale": "en"}).new_page()
    join_table(english, tokens[2], "")
    heading = english.locator(".table-head h1")
    expect(heading.locator(".tx-text")).to_have_text("Shaping exchange and encounter")
    expect(heading.locator(".original-text")).to_have_text(
        "Austausch und Begegnung gestalten"
    )
    fits_the_phone(english)
    english.screenshot(path=ARTIFACTS / "table-topic-en.png")

    host = new_context(**{**PHONE, "locale": "uk"}).new_page()
    host.goto(f"/h/{table_tokens(server.database, event_id, 'host')[0]}")
    host.click("main form button")
    host.goto("/me/host")
    host.wait_for_load_state()
    translate(server, event_id, "uk", {CARDS[0]: "Більше мовних курсів увечері"})
    # The tools reload themselves when the card's translation is pushed (or, if it
    # came while they connected, when they compare their version): no reload here.
    tools = host.locator(".host-card", has_text=CARDS[0])
    expect(tools.locator(".tx-text")).to_have_text("Більше мовних курсів увечері")
    expect(tools.locator("textarea")).to_have_value(CARDS[0])
    fits_the_phone(host)
    host.screenshot(path=ARTIFACTS / "host-tools-uk.png", full_page=True)
