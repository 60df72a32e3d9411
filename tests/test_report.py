"""The report PDF: every visible card, no hidden one, any script, navigable."""

import subprocess
import unicodedata
import uuid
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.extensions import db
from app.models import Card, CardTranslation, Event, Interpreter, Participant
from app.services import moderation, photos
from app.services.photo_store import photo_path
from app.services.report import build_report, save_report_text
from app.services.tables import visible_photos
from tests import images
from tests.live_server import ROOT

ARABIC = "نحتاج إلى المزيد من دورات اللغة في المساء"
FARSI = "ما به کلاس‌های زبان بیشتری برای مادران نیاز داریم"
UKRAINIAN = "Потрібно більше мовних курсів для дорослих"
TURKISH = "Türkçe konuşan danışmanlar çok iyi, ğüşİı"
HIDDEN = "Diese Karte wurde ausgeblendet"
ARABIC_IN_GERMAN = "Wir brauchen mehr Sprachkurse am Abend"
FARSI_IN_GERMAN = "Wir brauchen mehr Sprachkurse für Mütter"
CAPTION = "Unser Plakat: Sprachkurse am Abend"
ARABIC_CAPTION = "ملصق طاولتنا عن دورات اللغة"
REMOVED_CAPTION = "Dieses Foto wurde entfernt"
ARTIFACTS = ROOT / "test-artifacts"


def add_card(event, table, text, language="de", phase=0, category=0, state="visible"):
    chosen = event.phases[phase].categories[category]
    card = Card(
        uuid=str(uuid.uuid4()),
        event_id=event.id,
        table_id=table.id,
        phase_id=chosen.phase_id,
        category_id=chosen.id,
        text=text,
        language=language,
        state=state,
    )
    db.session.add(card)
    db.session.commit()
    return card


@pytest.fixture
def report_event(ctx, make_event):
    event = db.session.get(Event, make_event())
    tables = event.tables
    db.session.add(Participant(event=event, table=tables[0], locale="de"))
    add_card(event, tables[0], "Gute Sprachkurse <b>in der VHS</b> & mehr")
    add_card(event, tables[0], ARABIC, "ar", category=1)
    add_card(event, tables[1], UKRAINIAN, "uk", phase=1)
    add_card(event, tables[1], FARSI, "fa", phase=1, category=1)
    add_card(event, tables[2], TURKISH, "tr", category=2)
    add_card(event, tables[2], HIDDEN, state="hidden")
    return event


def translate(text, translation, state="human"):
    """Give the card with this text a finished German translation."""
    card = db.session.scalar(select(Card).where(Card.text == text))
    row = CardTranslation(card=card, language="de")
    if state == "human":
        interpreter = Interpreter(event_id=card.event_id, name="Ingrid", languages="")
        row.record_human(translation, interpreter)
    else:
        row.record_machine(translation)
    db.session.add(row)
    db.session.commit()


@pytest.fixture
def translated_event(report_event):
    """The Arabic card translated by an interpreter, the Farsi one by a machine;
    the Ukrainian and Turkish ones not translated."""
    translate(ARABIC, ARABIC_IN_GERMAN)
    translate(FARSI, FARSI_IN_GERMAN, "machine")
    return report_event


def add_photo(table, caption, image=None):
    upload = BytesIO(images.encoded(image or images.sticky_notes(), quality=90))
    return photos.add_photo(table, str(uuid.uuid4()), upload, caption)[0]


@pytest.fixture
def photo_event(report_event):
    """Two poster photos at table 1 (one taken in phase 1), a removed one at 2."""
    tables = report_event.tables
    add_photo(tables[0], ARABIC_CAPTION, images.poster((900, 1200)))
    moderation.start_phase(report_event, report_event.phases[0])
    add_photo(tables[0], CAPTION)
    photos.remove_photo(add_photo(tables[1], REMOVED_CAPTION))
    return report_event


def embedded_images(pdf):
    """(page number, image) of every image drawn in the PDF."""
    reader = PdfReader(BytesIO(pdf))
    return [
        (number, image)
        for number, page in enumerate(reader.pages, start=1)
        for image in page.images
    ]


def table_part(text, number):
    """The German report's text from table `number`'s heading to the next one's."""
    body = text.rsplit("Ablauf der Veranstaltung", 1)[1]
    return body[body.index(f"Tisch {number}") : body.index(f"Tisch {number + 1}")]


def pdf_text(pdf):
    """The text as pdftotext reads it, with Arabic presentation forms folded."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True
    )
    return fold(result.stdout.decode())


def fold(text):
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split())


def test_report_has_every_visible_card_and_no_hidden_one(report_event):
    text = pdf_text(build_report(report_event, "de"))

    for card in ("Gute Sprachkurse <b>in der VHS</b> & mehr", UKRAINIAN, TURKISH):
        assert card in text
    assert fold(ARABIC) in text
    assert fold(FARSI) in text
    assert HIDDEN not in text


def test_report_has_cover_numbers_chapters_and_run_of_the_event(report_event):
    text = pdf_text(build_report(report_event, "de"))

    assert "Dialogforum Laatzen" in text and "Rathaus" in text
    assert "Olga Organiser" in text
    assert "Ablauf der Veranstaltung" in text
    assert "Arbeitsphase 1: Ausgangslage" in text and "Stärken" in text
    for field in ("Willkommenskultur", "Wohnen und Leben", "Vernetzung"):
        assert field in text
    assert "Arabisch" in text and "Ukrainisch" in text


def test_report_has_title_language_bookmarks_and_page_numbers(report_event):
    reader = PdfReader(BytesIO(build_report(report_event, "en")))

    assert reader.metadata.title == "Results: Dialogforum Laatzen"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Run of the event" in outline and "Willkommenskultur" in outline
    assert "Page 2" in reader.pages[1].extract_text()
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents and "Willkommenskultur" in contents


def test_report_headings_follow_the_report_language(report_event):
    german = pdf_text(build_report(report_event, "de"))
    english = pdf_text(build_report(report_event, "en"))

    assert "Ablauf der Veranstaltung" in german and "Run of the event" in english
    assert "Tisch 1" in german and "Table 1" in english
    assert "Arabic · Not translated yet" in english


def test_organiser_texts_appear_in_their_language_only(report_event):
    save_report_text(report_event, "de", "Liebe Teilnehmende,\n\ndanke!", "Im Mai.")

    german = pdf_text(build_report(report_event, "de"))
    english = pdf_text(build_report(report_event, "en"))

    assert "Liebe Teilnehmende" in german and "Im Mai." in german
    assert "Liebe Teilnehmende" not in english


def test_report_survives_long_html_emoji_and_unknown_scripts(ctx, make_event):
    event = db.session.get(Event, make_event())
    long_text = "<script>alert(1)</script> " + "Wort " * 99 + "x" * 1500
    add_card(event, event.tables[0], long_text[:2000])
    add_card(event, event.tables[0], "👍🏽 互助 & <i>unclosed ]]> \n\n zweite Zeile")
    add_card(event, event.tables[0], (ARABIC + " 2026 ") * 12, "ar")

    text = pdf_text(build_report(event, "de"))

    assert "<script>alert(1)</script>" in text and "zweite Zeile" in text


def font_names(pdf):
    """The names of the fonts a PDF draws with, without subset prefixes."""
    reader = PdfReader(BytesIO(pdf))
    return {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }


def outline_titles(pdf):
    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [item.title]

    return list(walk(PdfReader(BytesIO(pdf)).outline))


def test_emoji_in_cards_are_drawn_and_read_back_as_emoji(ctx, make_event):
    event = db.session.get(Event, make_event())
    add_card(event, event.tables[0], "Wir 👍🏽 das Sommerfest 🎉 und den Garten ❤️")
    add_card(event, event.tables[0], "نحن 👍 نحب الحديقة 🌳", "ar")

    pdf = build_report(event, "de")

    assert "NotoEmoji-Regular" in font_names(pdf)
    text = pdf_text(pdf)
    assert "Wir 👍 das Sommerfest 🎉 und den Garten ❤" in text
    assert "🌳" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page = next(
        n
        for n, p in enumerate(PdfReader(BytesIO(pdf)).pages, 1)
        if "Sommerfest" in p.extract_text()
    )
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page),
         "-l", str(page), "-", ARTIFACTS / "report-emoji"],
        input=pdf, check=True,
    )  # fmt: skip


def test_report_leaves_out_tables_without_cards_or_photos(report_event):
    add_photo(report_event.tables[4], "")  # table 5 has only a photo

    pdf = build_report(report_event, "en")

    outline = outline_titles(pdf)
    assert "Table 5" in outline and "Teilhabe" in outline
    for unused in ("Table 4", "Table 6", "Table 7", "Vernetzung"):
        assert unused not in outline
    text = pdf_text(pdf)
    assert (
        "Tables without cards or photos: Table 4: Wirtschaft und Arbeit, "
        "Table 6: Interkulturelle Öffnung, and Table 7: Vernetzung"
    ) in text
    assert text.count("Table 4") == 1
    assert "No table worked" not in text
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", "1", "-l", "1", "-",
         ARTIFACTS / "report-cover-unused-tables"],
        input=pdf, check=True,
    )  # fmt: skip


def test_report_page_image_shows_the_arabic_card(report_event, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(build_report(report_event, "de"))
    ARTIFACTS.mkdir(exist_ok=True)

    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", "3", "-l", "4", pdf,
         ARTIFACTS / "report-page"],
        check=True,
    )  # fmt: skip

    assert sorted(p.name for p in ARTIFACTS.glob("report-page-*.png"))


def test_organiser_previews_edits_and_regenerates_the_report(logged_in, make_event):
    event_id = make_event()
    page = logged_in.get(f"/events/{event_id}/report?lang=en")
    assert page.status_code == 200 and b"report.pdf?lang=en" in page.data

    saved = logged_in.post(
        f"/events/{event_id}/report?lang=en",
        data={"introduction": "Welcome to the results", "closing": "See you in May"},
    )
    preview = logged_in.get(f"/events/{event_id}/report.pdf?lang=en")

    assert saved.status_code == 302
    assert preview.mimetype == "application/pdf"
    assert "Welcome to the results" in pdf_text(preview.data)


def test_report_pages_need_an_organiser_and_a_known_language(
    client, logged_in, make_event, phone
):
    event_id = make_event()
    assert logged_in.get(f"/events/{event_id}/report.pdf?lang=xx").status_code == 404
    stranger = phone()
    assert stranger.get(f"/events/{event_id}/report.pdf").status_code == 302
    assert stranger.post(f"/events/{event_id}/report").status_code == 403


def test_report_shows_a_tables_poster_photos_after_its_cards(photo_event):
    text = pdf_text(build_report(photo_event, "de"))

    chapter = table_part(text, 1)
    assert chapter.index("Plakatfotos") > chapter.index("Gute Sprachkurse")
    assert CAPTION in chapter and fold(ARABIC_CAPTION) in chapter
    assert "Tisch 1 · Ausgangslage" in chapter


def test_report_embeds_the_stored_display_jpegs_as_they_are(photo_event):
    shown = visible_photos(photo_event.tables[0].id)
    stored = {photo_path(photo).read_bytes() for photo in shown}

    found = embedded_images(build_report(photo_event, "en"))

    assert len(found) == 2
    assert {image.indirect_reference.get_object().get_data() for _, image in found} == (
        stored
    )


def test_removed_photo_is_not_in_the_report(photo_event):
    pdf = build_report(photo_event, "de")

    assert len(embedded_images(pdf)) == 2
    assert REMOVED_CAPTION not in pdf_text(pdf)
    assert "Plakatfotos" not in table_part(pdf_text(pdf), 2)


def test_photo_without_its_file_is_left_out_and_the_report_still_builds(photo_event):
    lost, kept = visible_photos(photo_event.tables[0].id)
    photo_path(lost).unlink()

    pdf = build_report(photo_event, "de")

    assert len(embedded_images(pdf)) == 1 and kept.caption in pdf_text(pdf)


def test_report_page_image_shows_a_poster_photo(photo_event, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(build_report(photo_event, "de"))
    first = embedded_images(pdf.read_bytes())[0][0]
    ARTIFACTS.mkdir(exist_ok=True)

    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(first),
         "-l", str(first), pdf, ARTIFACTS / "report-photo-page"],
        check=True,
    )  # fmt: skip

    assert (ARTIFACTS / "report-photo-page.png").stat().st_size > 0


def test_card_translated_by_an_interpreter_shows_german_with_the_arabic_beneath(
    translated_event,
):
    chapter = table_part(pdf_text(build_report(translated_event, "de")), 1)

    german = chapter.index(ARABIC_IN_GERMAN)
    assert german < chapter.index("Original · Arabisch") < chapter.index(fold(ARABIC))
    assert "Maschinelle" not in chapter[german : chapter.index(fold(ARABIC))]


def test_card_without_a_translation_appears_as_written_and_says_so(translated_event):
    chapter = table_part(pdf_text(build_report(translated_event, "de")), 2)

    ukrainian = chapter.index(UKRAINIAN)
    assert chapter.index("Ukrainisch · Noch nicht übersetzt") > ukrainian


def test_machine_translation_is_marked_as_such(translated_event):
    chapter = table_part(pdf_text(build_report(translated_event, "de")), 2)

    german = chapter.index(FARSI_IN_GERMAN)
    mark = chapter.index("Maschinelle Übersetzung, noch nicht geprüft")
    assert (
        german
        < mark
        < chapter.index("Original · Persisch")
        < chapter.index(fold(FARSI))
    )


def test_cards_stay_in_the_event_language_whatever_the_report_language(
    translated_event,
):
    english = pdf_text(build_report(translated_event, "en"))

    assert ARABIC_IN_GERMAN in english and "Original · Arabic" in english
    assert "Machine translation, not checked yet" in english
