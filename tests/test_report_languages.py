"""The report in each report language: its own words translated, and in Arabic
and Farsi shaped and set from the right. Page images land in test-artifacts/."""

import html
import re
import subprocess

import pytest
from flask_babel import force_locale, gettext
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

import tests.test_report as reports
from app.services.report import build_report
from app.services.report.document import MARGIN
from app.services.report.text import shape
from tests.test_report import (
    ARABIC_IN_GERMAN,
    ARTIFACTS,
    TURKISH,
    UKRAINIAN,
    fold,
    pdf_text,
)

# The same event as the other report tests, with its translations.
report_event = reports.report_event
translated_event = reports.translated_event
# reportlab's frames pad their content by 6 pt on each side.
FRAME_RIGHT = A4[0] - MARGIN - 6


@pytest.mark.parametrize("language", ["ar", "fa", "uk", "tr"])
def test_report_speaks_the_report_language(translated_event, language):
    text = pdf_text(build_report(translated_event, language))

    with force_locale(language):
        expected = [
            gettext("Documentation of the results"),
            gettext("Contents"),
            gettext("Run of the event"),
            gettext("Original"),
        ]
        page = gettext("Page %(number)s", number=2)
    for string in expected:
        assert fold(string) in text
    assert set(fold(page).split()) <= set(text.split())
    assert ARABIC_IN_GERMAN in text and UKRAINIAN in text and TURKISH in text


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_rtl_report_draws_its_words_shaped_and_from_the_right(
    translated_event, language
):
    words = drawn_words(build_report(translated_event, language), page=2)

    with force_locale(language):
        heading, entry = gettext("Contents"), gettext("Run of the event")
        folio = gettext("Page %(number)s", number=2)
    for line in (heading, entry):
        drawn = drawn_line(words, line)
        assert drawn == sorted(drawn)  # the first word is the rightmost
        assert drawn[-1][1] == pytest.approx(FRAME_RIGHT, abs=1)
    folio_words = drawn_line(words[::-1], folio)
    middle = (folio_words[0][0] + folio_words[-1][1]) / 2
    assert middle == pytest.approx(A4[0] / 2, abs=1)


def drawn_line(words, text, tolerance=3):
    """(left, right) of each word of a right-to-left text as drawn, shaped, from
    left to right; on the first line of `words` that holds them all (their
    middles at most `tolerance` apart: more for larger type)."""
    wanted = shape(text, rtl=True).split()
    for height in [y for word, _, _, y in words if word == wanted[0]]:
        line = {w: (x0, x1) for w, x0, x1, y in words if abs(y - height) < tolerance}
        if all(word in line for word in wanted):
            return [line[word] for word in wanted]
    raise AssertionError(f"{text!r} is not drawn as {wanted}")


def drawn_words(pdf, page):
    """(word, left, right, height of its middle) of each word on one page."""
    result = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<',
        result.stdout.decode(),
    )
    return [
        (html.unescape(word), float(x0), float(x1), (float(y0) + float(y1)) / 2)
        for x0, y0, x1, y1, word in found
    ]


def test_arabic_report_pages_as_images(translated_event, tmp_path):
    """The cover and the first chapter of the Arabic report, kept to be looked at."""
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(build_report(translated_event, "ar"))
    pages = PdfReader(pdf).pages
    chapter = next(
        n for n, page in enumerate(pages, 1) if "Abend" in page.extract_text()
    )
    ARTIFACTS.mkdir(exist_ok=True)

    for number in (1, chapter):
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(number),
             "-l", str(number), pdf, ARTIFACTS / f"report-ar-page-{number}"],
            check=True,
        )  # fmt: skip

    assert (ARTIFACTS / f"report-ar-page-{chapter}.png").stat().st_size > 0
