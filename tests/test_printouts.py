"""Printouts (table cards, host cards, voting-code slips) in every language with
the longest texts: every word on its page and inside its box, Arabic and Farsi
shaped from the right, emoji drawn, host cards unlike table cards. Page images
land in test-artifacts/."""

import html
import re
import subprocess
from io import BytesIO

import pytest
from flask_babel import force_locale, gettext, pgettext
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from app.extensions import db
from app.models import Event
from app.services.fonts import register_fonts
from app.services.printing import Box, Look, fitted
from app.services.report.text import shape
from app.services.table_cards import host_cards_pdf, table_cards_pdf
from app.services.voting.codes import (
    COLUMNS,
    ROWS,
    add_codes,
    codes_of,
    codes_pdf,
    display,
    slip_box,
)
from tests.test_report import ARTIFACTS, fold, font_names, pdf_text
from tests.test_report_languages import drawn_line, drawn_words

LANGUAGES = ["de", "en", "ar", "fa", "tr", "ru", "uk", "pl", "ro"]
SAMPLES = {
    "de": "Zusammenarbeit der Migrantenorganisationen und der Stadt Osnabrück",
    "en": "Cooperation between migrant organisations and the city administration",
    "ar": "التعاون بين منظمات المهاجرين والمدينة في مجال الاندماج",
    "fa": "همکاری سازمان‌های مهاجران و شهر برای زندگی مشترک",
    "tr": "Göçmen örgütleri ile şehir yönetimi arasındaki işbirliği ğüşİı",
    "ru": "Сотрудничество организаций мигрантов и городской администрации",
    "uk": "Співпраця організацій мігрантів і міської адміністрації Їжак",
    "pl": "Współpraca organizacji migrantów z administracją miejską źdźbło",
    "ro": "Cooperarea dintre organizațiile de migranți și administrația orașului",
}
OFFENBURG = "Zusammenarbeit der Migrantenorganisationen und der Stadt"
EMOJI_TOPIC = "Sprache 👍🏽 🎉"
ARABIC_TOPIC = "اللغة والتعليم"
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän" * 5
SAFE = 5 * mm  # what printers leave blank at the page's edges
WIDTH, HEIGHT = A4


def longest(sample, length=200):
    """The sample repeated to exactly `length` characters (the longest allowed)."""
    return " ".join([sample] * (length // len(sample) + 1))[:length]


@pytest.fixture
def printed_event(ctx, make_event):
    """printed_event(language) -> an event in that language with the longest
    title, four tables with long, emoji and unbroken topics and 13 voting
    codes (two pages of slips)."""

    def make(language):
        sample = SAMPLES[language]
        fields = [OFFENBURG, longest(sample), EMOJI_TOPIC, LONG_WORD[:200]]
        event_id = make_event(
            "custom", fields, title=longest(sample), language=language
        )
        event = db.session.get(Event, event_id)
        add_codes(event, 13)
        return event

    return make


def word_boxes(pdf):
    """Per page, (word, left, top, right, bottom) from the page's top left."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    )
    pages = result.stdout.decode().split("<page ")[1:]
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<'
    return [
        [
            (html.unescape(word), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, word in re.findall(pattern, page)
        ]
        for page in pages
    ]


def drawn_as(text, language):
    """The words of one line of the app's own words as a PDF draws them."""
    return shape(text, rtl=True).split() if language in ("ar", "fa") else text.split()


def outside(words, left, top, right, bottom, slack=0.5):
    return [
        word
        for word in words
        if word[1] < left - slack
        or word[2] < top - slack
        or word[3] > right + slack
        or word[4] > bottom + slack
    ]


def font_sizes(pdf):
    """Per page, the sizes of the type its texts are set in."""
    return [_sizes_on(page) for page in PdfReader(BytesIO(pdf)).pages]


def _sizes_on(page):
    found = []
    page.extract_text(
        visitor_text=lambda _text, _cm, tm, _font, size: found.append(size * tm[3])
    )
    return found


def page_images(pdf, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", path, ARTIFACTS / name], check=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_table_and_host_cards_keep_every_word_on_the_page(printed_event, language):
    event = printed_event(language)
    for name, pdf in (
        ("table-cards", table_cards_pdf(event)),
        ("host-cards", host_cards_pdf(event)),
    ):
        pages = word_boxes(pdf)
        page_images(pdf, f"{name}-{language}")

        assert len(pages) == 4
        for words in pages:
            assert words
            assert not outside(words, SAFE, SAFE, WIDTH - SAFE, HEIGHT - SAFE)
        text = pdf_text(pdf)
        assert fold(SAMPLES[language].split()[0]) in text  # the title and topic
        assert "Donaudampfschifffahrtsgesellschaftskapitän" in text.replace(" ", "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_voting_slips_keep_their_words_inside_their_own_slip(printed_event, language):
    event = printed_event(language)
    pdf = codes_pdf(event)
    pages = word_boxes(pdf)
    page_images(pdf, f"voting-slips-{language}")

    assert len(pages) == 2
    boxes = [slip_box(place) for place in range(COLUMNS * ROWS)]
    for words in pages:
        for word in words:
            inside = [
                box
                for box in boxes
                if not outside(
                    [word], box.x, HEIGHT - box.top, box.x + box.width, HEIGHT - box.y
                )
            ]
            assert len(inside) == 1, word
    drawn = {word[0] for words in pages for word in words}
    assert {display(code.code) for code in codes_of(event)} <= drawn


@pytest.mark.parametrize("language", LANGUAGES)
def test_host_card_is_unmistakable_at_a_glance(printed_event, language):
    event = printed_event(language)
    table_pdf, host_pdf = table_cards_pdf(event), host_cards_pdf(event)
    host_pages = word_boxes(host_pdf)

    assert all(max(sizes) >= 60 for sizes in font_sizes(table_pdf))  # "Table 1"
    assert all(max(sizes) <= 30 for sizes in font_sizes(host_pdf))
    with force_locale(language):
        band = drawn_as(gettext("Host of table %(number)s", number=1), language)
    band_words = [word for word in host_pages[0] if word[0] in band]
    assert {word[0] for word in band_words} == set(band)
    assert min(top for _w, _l, top, _r, _b in band_words) < 60 * mm  # at the top


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_rtl_printouts_are_shaped_and_set_from_the_right(ctx, make_event, language):
    event = db.session.get(
        Event, make_event("custom", [ARABIC_TOPIC], language=language)
    )
    add_codes(event, 1)
    table_card, host_card = table_cards_pdf(event), host_cards_pdf(event)
    with force_locale(language):
        number = gettext("Table %(number)s", number=1)
        caption = gettext("Scan to host this table: tidy and present its cards.")
        seat = gettext("Voting code · seat %(seat)s", seat=1)

    words = drawn_words(table_card, page=1)
    for line in (number, ARABIC_TOPIC):
        drawn = drawn_line(words, line, tolerance=8)  # type up to 72 pt
        assert drawn == sorted(drawn)  # the first word is the rightmost
    assert fold(ARABIC_TOPIC) in pdf_text(table_card)
    drawn = drawn_line(drawn_words(codes_pdf(event), page=1), seat)
    assert drawn == sorted(drawn)
    host_words = drawn_words(host_card, page=1)
    opening = drawn_line(host_words, " ".join(caption.split()[:3]))
    assert max(right for _left, right in opening) < WIDTH / 2  # the QR code right


def test_host_card_text_stands_beside_the_qr_code_at_the_start_side(
    printed_event,
):
    host_card = host_cards_pdf(printed_event("de"))
    with force_locale("de"):
        caption = gettext("Scan to host this table: tidy and present its cards.")

    words = drawn_words(host_card, page=1)
    assert all(
        left > WIDTH / 2 for word, left, _r, _y in words if word in caption.split()
    )


def test_emoji_on_printouts_are_drawn_in_the_emoji_font(printed_event):
    event = printed_event("de")
    for pdf in (table_cards_pdf(event), host_cards_pdf(event)):
        assert "NotoEmoji-Regular" in font_names(pdf)
        assert "👍 🎉" in pdf_text(pdf)


def test_text_shrinks_to_its_smallest_size_then_ends_in_an_ellipsis(ctx):
    register_fonts()
    box, look = Box(0, 0, 100, 30), Look(20, 8)

    short = fitted("Tisch", box, look)
    longer = fitted("Willkommenskultur im Landkreis", box, look)
    endless = fitted("Wort " * 200, box, look)

    assert short.style.fontSize == 20
    assert 8 < longer.style.fontSize < 20
    assert endless.style.fontSize == 8
    assert endless.getPlainText().endswith("Wort…")
    assert endless.wrap(box.width, box.height)[1] <= box.height


@pytest.mark.parametrize("language", ["ar", "tr"])
def test_a_built_in_action_field_is_printed_in_the_events_language(
    ctx, make_event, language
):
    event = db.session.get(Event, make_event("osnabrueck", language=language))
    with force_locale(language):
        arrival = pgettext("action field", "Arrival & residence")
    for pdf in (table_cards_pdf(event), host_cards_pdf(event)):
        first_page = pdf_text(pdf).split("\f")[0]
        assert fold(arrival) in first_page
        assert "Ankommen" not in first_page
