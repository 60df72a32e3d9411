"""The process documentation: the PDF for the council read back, the exports of
every contribution with its review outcome, and who may download them. Page
images land in test-artifacts/process-report/."""

import csv
import io
import json
import subprocess
from datetime import date
from io import BytesIO

import pytest
from flask_babel import force_locale, gettext, ngettext
from openpyxl import load_workbook
from pypdf import PdfReader

from app.extensions import db
from app.models import Card, CardTranslation, Event, Goal, Interpreter, Process
from app.models.process import GOAL_STATE_LABELS, OUTCOME_LABELS
from app.services import review
from app.services.report import build_process_report
from app.services.report.text import RESHAPER
from tests.test_report import ARTIFACTS, add_card, fold, pdf_text
from tests.test_voting import make_poll, option_ids, vote

GERMAN, ARABIC = "Mehr Sprachkurse für Eltern", "دورات لغة للأمهات"
UKRAINIAN, OPEN = "Більше місць у гуртках", "Treffpunkte für Jugendliche"
ARABIC_IN_GERMAN = "Sprachkurse für Mütter"
REASON = "Dafür gibt es schon ein Angebot der VHS"
GOAL = "Jedes Kind mit Förderbedarf bekommt einen Sprachkurs"
UNSAFE = "<script>alert(1)</script> 🎉👍🏽 & <b>fett</b> ]]> " + "Wort " * 120
PAGES = ARTIFACTS / "process-report"


def load(made):
    process = db.session.get(Process, made["process_id"])
    cards = {text: db.session.get(Card, id_) for text, id_ in made["cards"].items()}
    return process, cards, process.organiser


@pytest.fixture
def reviewed(app, make_process):
    """The fixture's process (two forums, a conference) reviewed: one card
    adopted, the Arabic one (translated into German) not adopted with a reason,
    the Ukrainian one passed on, one open; a poll with a vote, a goal under way."""
    made = make_process()
    poll_id = make_poll(app, made["events"][0], "single", question="Kurse am Abend?")
    vote(made["phones"][GERMAN], poll_id, option=option_ids(app, poll_id)[0])
    with app.test_request_context():
        process, cards, owner = load(made)
        process.description = "Wie wollen wir zusammenleben?\n\nSechs Dialogforen."
        process.starts_on, process.ends_on = date(2027, 1, 1), date(2027, 12, 31)
        translate(cards[ARABIC], ARABIC_IN_GERMAN)
        review.decide(process, [cards[GERMAN]], owner, "adopted", section="2.3")
        review.decide(process, [cards[ARABIC]], owner, "not_adopted", reason=REASON)
        passed = {"passed_to": "Jugendamt"}
        review.decide(process, [cards[UKRAINIAN]], owner, "passed_on", **passed)
        add_goal(process, owner)
    return made


@pytest.fixture
def documented(reviewed, ctx):
    """The reviewed process, with a request context to build its report in."""
    return reviewed


def translate(card, text):
    """An interpreter's German translation (asked for when the card came in)."""
    interpreter = Interpreter(event_id=card.event_id, name="Ingrid", languages="")
    row = card.translation_into("de") or next(
        (t for t in card.translations if t.language == "de"), None
    )
    row = row or CardTranslation(card=card, language="de")
    row.record_human(text, interpreter)
    db.session.add(row)
    db.session.commit()


def add_goal(process, owner):
    goal = Goal(
        process=process,
        action_field="Bildung und Sprache",
        text=GOAL,
        indicator="Plätze in Sprachkursen",
        target_value="200 Plätze",
        actor="Volkshochschule",
        deadline=date(2028, 12, 31),
        resources="40.000 € im Jahr",
    )
    db.session.add(goal)
    goal.record("under_way", date(2027, 9, 1), "Erste Kurse laufen", owner)
    db.session.commit()
    return goal


def report_of(made, language=None):
    process = db.session.get(Process, made["process_id"])
    return build_process_report(process, language)


def render_pages(pdf, name):
    PAGES.mkdir(parents=True, exist_ok=True)
    for old in PAGES.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-", PAGES / name], input=pdf, check=True
    )
    return sorted(PAGES.glob(f"{name}-*.png"))


def test_report_lists_the_events_with_their_target_groups_and_numbers(documented):
    text = pdf_text(report_of(documented))

    for title in ("Dialogforum Eltern", "Dialogforum Jugend", "Integrationskonferenz"):
        assert title in text
    assert "Konzept Integration 2027" in text
    assert "Sechs Dialogforen." in text
    assert "Jugendliche" in text and "Eltern" in text


def test_report_shows_what_became_of_each_contribution(documented):
    text = pdf_text(report_of(documented))

    with force_locale("de"):
        adopted = str(OUTCOME_LABELS["adopted"])
        not_adopted = str(OUTCOME_LABELS["not_adopted"])
        passed = gettext("Passed on to %(whom)s", whom="Jugendamt")
        section = gettext("Section %(section)s", section="2.3")
        counted = ngettext(
            "%(taken)s of %(num)s contribution adopted or already planned",
            "%(taken)s of %(num)s contributions adopted or already planned",
            4,
            taken=1,
        )
        open_ = gettext("Not reviewed yet")
    german = text.index(GERMAN)
    assert text.index(f"{adopted} · {section}") > german
    assert text.index(not_adopted, text.index(ARABIC_IN_GERMAN)) < text.index(REASON)
    assert text.index(passed) > text.index(UKRAINIAN)
    assert text.index(open_, text.index(OPEN)) > text.index(OPEN)
    assert counted in text


def test_report_shows_a_translated_card_in_the_process_language_above_the_arabic(
    documented,
):
    pdf = report_of(documented)
    text = pdf_text(pdf)

    german = text.index(ARABIC_IN_GERMAN)
    assert german < text.index("Original · Arabisch") < text.index(fold(ARABIC))
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True
    ).stdout.decode()
    assert RESHAPER.reshape(ARABIC) in raw  # drawn with joined letter forms


def test_report_lists_the_goals_with_their_smart_fields_and_status(documented):
    text = pdf_text(report_of(documented))

    with force_locale("de"):
        state = str(GOAL_STATE_LABELS["under_way"])
    goals = text[text.rindex(GOAL) - 200 :]
    for value in ("200 Plätze", "Volkshochschule", "40.000 € im Jahr", state):
        assert value in goals
    assert "Erste Kurse laufen" in goals and "31. Dezember 2028" in goals


def test_report_has_the_televoting_of_every_event(documented):
    text = pdf_text(report_of(documented))

    with force_locale("de"):
        televoting = gettext("Televoting")
    part = text[text.rindex(televoting) :]
    assert "Dialogforum Eltern" in part and "Kurse am Abend?" in part
    assert "Schule" in part


def test_report_names_its_title_language_and_chapters(documented):
    reader = PdfReader(BytesIO(report_of(documented, "en")))

    assert reader.metadata.title == ("Process documentation: Konzept Integration 2027")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:2] == ["Events", "Review of the contributions"]
    assert "Welcome culture" in outline and "Goals" in outline


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_report_speaks_the_language_asked_for(documented, language):
    pdf = report_of(documented, language)
    text = pdf_text(pdf)

    with force_locale(language):
        words = [gettext("Contents"), gettext("Original"), gettext("Televoting")]
    for word in words:
        assert fold(word) in text
    assert ARABIC_IN_GERMAN in text and REASON in text
    render_pages(pdf, f"report-{language}")


def test_any_participant_text_leaves_the_report_whole(documented):
    event = db.session.get(Event, documented["events"][1])
    add_card(event, event.tables[1], UNSAFE[:2000])
    add_card(event, event.tables[1], ("نحتاج إلى المزيد " + "🌳 ") * 90, "ar")
    add_card(event, event.tables[1], "x" * 2000)

    pdf = report_of(documented)
    text = pdf_text(pdf)

    assert "<script>alert(1)</script>" in text and "<b>fett</b>" in text
    assert "🎉" in text and "🌳" in text
    pages = render_pages(pdf, "report-de")
    assert len(pages) == len(PdfReader(BytesIO(pdf)).pages)


def test_an_empty_process_still_gets_its_report(ctx, organiser):
    from app.models import Organiser
    from app.services.processes import create_process

    owner = db.session.get(Organiser, organiser)
    process = create_process(owner, {"title": "Noch leer"}, "laatzen")

    text = pdf_text(build_process_report(process))

    assert "Noch leer" in text


# Exports


def csv_rows(data):
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_export_has_every_contribution_with_its_review(reviewed, logged_in):
    process_id = reviewed["process_id"]

    logged_in.get("/lang/en")  # the headers in English
    response = logged_in.get(f"/processes/{process_id}/export.csv")

    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = {row["Card"]: row for row in csv_rows(response.data)}
    assert set(rows) == {GERMAN, ARABIC, UKRAINIAN, OPEN}
    arabic = rows[ARABIC]
    assert (
        arabic["Event"] == "Dialogforum Eltern" and arabic["Target group"] == "Eltern"
    )
    assert arabic["Action field"] == "Willkommenskultur"
    assert arabic["Language"] == "ar" and arabic["Original"] == ARABIC
    assert arabic["In the process language"] == ARABIC_IN_GERMAN
    assert arabic["Review"] == "Not adopted" and arabic["Reason"] == REASON
    assert arabic["Reviewed by"] == "Olga Organiser" and arabic["Decided at"]
    assert rows[UKRAINIAN]["Passed on to"] == "Jugendamt"
    assert rows[GERMAN]["Draft section"] == "2.3"
    assert rows[OPEN]["Review"] == "" and rows[OPEN]["Decided at"] == ""


def test_xlsx_export_has_a_sheet_of_contributions_and_one_of_goals(reviewed, logged_in):
    process_id = reviewed["process_id"]

    logged_in.get("/lang/en")  # the headers in English
    response = logged_in.get(f"/processes/{process_id}/export.xlsx")

    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Contributions", "Goals"]
    contributions = list(book["Contributions"].values)
    assert len(contributions) == 5 and contributions[0][0] == "No."
    goals = list(book["Goals"].values)
    header, goal = goals[0], dict(zip(goals[0], goals[1], strict=True))
    assert "Target value" in header
    assert goal["Goal"] == GOAL and goal["Status"] == "Under way"
    assert goal["Since"] == "2027-09-01" and goal["Deadline"] == "2028-12-31"


def test_json_export_nests_the_review_and_lists_the_goals(reviewed, logged_in):
    process_id = reviewed["process_id"]

    response = logged_in.get(f"/processes/{process_id}/export.json")

    assert response.mimetype == "application/json"
    data = json.loads(response.data)
    assert data["title"] == "Konzept Integration 2027"
    assert [e["title"] for e in data["events"]][0] == "Dialogforum Eltern"
    assert data["events"][0]["votes"] == 1
    found = {c["text"]: c for c in data["contributions"]}
    assert found[ARABIC]["review"]["outcome"] == "not_adopted"
    assert found[ARABIC]["review"]["reason"] == REASON
    assert found[ARABIC]["translated_by"] == "human"
    assert found[OPEN]["review"]["outcome"] is None
    (goal,) = data["goals"]
    assert goal["state"] == "under_way" and goal["deadline"] == "2028-12-31"
    assert goal["updates"] == [
        {"state": "under_way", "on": "2027-09-01", "note": "Erste Kurse laufen"}
    ]


def test_report_downloads_as_a_pdf_in_the_process_language(reviewed, logged_in):
    process_id = reviewed["process_id"]

    response = logged_in.get(f"/processes/{process_id}/report.pdf")

    assert response.mimetype == "application/pdf"
    assert PdfReader(BytesIO(response.data)).trailer["/Root"]["/Lang"] == "de"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "path", ["report.pdf", "export.csv", "export.xlsx", "export.json"]
)
def test_documentation_needs_an_organiser(reviewed, phone, path):
    stranger = phone()

    response = stranger.get(f"/processes/{reviewed['process_id']}/{path}")

    assert response.status_code == 302 and "/login" in response.location


def test_unknown_process_format_or_language_is_not_found(reviewed, logged_in):
    process_id = reviewed["process_id"]

    assert logged_in.get("/processes/999/report.pdf").status_code == 404
    assert logged_in.get("/processes/999/export.csv").status_code == 404
    assert logged_in.get(f"/processes/{process_id}/export.xml").status_code == 404
    assert logged_in.get(f"/processes/{process_id}/report.pdf?lang=xx").status_code == (
        404
    )
