"""Organisers run participation processes: the process and its events, their
numbers, and the versions of the concept draft the events' phones work on."""

from contextlib import contextmanager
from io import BytesIO

import pytest
import sqlalchemy
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    ConceptDraft,
    DomainError,
    Draft,
    Event,
    Organiser,
    Process,
)
from app.services import concept_drafts, drafts, processes, review
from tests.conftest import CONFIRMED, join, write_at_table
from tests.test_voting import make_poll, option_ids, vote

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PROCESS = {
    "title": "Konzept Migration und Integration 2018–2022",
    "starts_on": "2017-03-01",
    "ends_on": "2018-06-30",
    "description": "Sechs Dialogforen, ein Praxischeck, eine Konferenz.",
    "language": "de",
    "catalogue": "osnabrueck",
}
EVENT = {
    "title": "Dialogforum Eltern",
    "date": "2027-03-10",
    "time": "18:00",
    "venue": "Kreishaus",
    "target_group": "Eltern",
    "format": "dialogue_forum",
}


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def new_process(client, **changes):
    return client.post("/processes/new", data={**PROCESS, **changes})


def made_process(app, client, **changes):
    response = new_process(client, **changes)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.location.rsplit("/", 1)[-1])


def upload_version(client, process_id, data=PDF, name="entwurf-2.pdf", **fields):
    form = {"note": "", "text": "", "sections": "", **fields}
    if data is not None:
        form["pdf"] = (BytesIO(data), name)
    return client.post(
        f"/processes/{process_id}/drafts",
        data=form,
        content_type="multipart/form-data",
    )


def in_language(client, code):
    client.get(f"/lang/{code}")
    return client


# --- the process itself ---------------------------------------------------------


def test_organiser_creates_a_process_reached_from_the_start_page(app, logged_in):
    process_id = made_process(app, logged_in)

    assert 'href="/processes"' in logged_in.get("/").get_data(as_text=True)
    listed = logged_in.get("/processes").get_data(as_text=True)
    assert "Konzept Migration und Integration 2018–2022" in listed
    page = logged_in.get(f"/processes/{process_id}").get_data(as_text=True)
    assert "Sechs Dialogforen" in page and 'class="process-links"' in page
    with app.app_context():
        process = db.session.get(Process, process_id)
        assert (process.catalogue, process.language) == ("osnabrueck", "de")
        assert process.ends_on.isoformat() == "2018-06-30"


HOSTILE = "<script>alert(1)</script> Прозess ⚠️"


def test_a_title_someone_typed_is_shown_as_text_everywhere(app, logged_in, make_event):
    process_id = made_process(app, logged_in, title=HOSTILE, description=HOSTILE)
    lone = make_event(title=HOSTILE)
    pages = [
        logged_in.get(f"/processes/{process_id}"),
        logged_in.post(
            f"/processes/{process_id}/events/attach",
            data={"event": lone},
            follow_redirects=True,
        ),
        logged_in.post(f"/processes/{process_id}/events/{lone}/detach"),
        logged_in.get("/processes"),
        logged_in.get("/"),
    ]
    for response in pages:
        page = response.get_data(as_text=True)
        assert "<script>alert" not in page and "&lt;script&gt;" in page


BAD_PROCESSES = [
    ({"title": "  "}, "This field is required.", "Dieses Feld wird benötigt."),
    ({"starts_on": "gestern"}, "Not a valid date value.", "Kein gültiges Datum."),
    (
        {"catalogue": "custom", "custom_fields": " \n "},
        "Please name at least one action field.",
        "Bitte nennen Sie mindestens ein Handlungsfeld.",
    ),
    # Its German comes with the catalogues of the merge: the page is German.
    ({"ends_on": "2017-02-28"}, "The end cannot be before the start.", None),
    ({"language": "xx"}, "Not a valid choice.", "Keine gültige Auswahl."),
]


@pytest.mark.parametrize("changes, english, german", BAD_PROCESSES)
def test_a_bad_process_is_refused_with_the_reason_in_the_users_language(
    app, logged_in, changes, english, german
):
    response = new_process(in_language(logged_in, "en"), **changes)
    assert response.status_code == 400
    assert english in response.get_data(as_text=True)

    response = new_process(in_language(logged_in, "de"), **changes)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and '<html lang="de"' in page
    assert 'class="error"' in page and (german is None or german in page)
    with app.app_context():
        assert count(Process) == 0


def test_editing_a_process_changes_what_its_next_events_get(app, logged_in):
    process_id = made_process(app, logged_in)
    edit = f"/processes/{process_id}/edit"
    assert "Kreishaus" not in logged_in.get(edit).get_data(as_text=True)
    early = logged_in.post(f"/processes/{process_id}/events", data=EVENT)
    assert early.status_code == 302

    changes = {"language": "ar", "catalogue": "custom", "custom_fields": "Sprache"}
    assert logged_in.post(edit, data={**PROCESS, **changes}).status_code == 302
    late = {**EVENT, "title": "Dialogforum Jugend"}
    logged_in.post(f"/processes/{process_id}/events", data=late)

    with app.app_context():
        first, second = db.session.get(Process, process_id).events
        assert (first.language, len(first.action_fields)) == ("de", 9)
        assert second.language == "ar"
        assert [field.name for field in second.action_fields] == ["Sprache"]


def test_a_bad_edit_changes_nothing(app, logged_in):
    process_id = made_process(app, logged_in)
    bad = {**PROCESS, "title": "Neu", "ends_on": "2016-01-01"}
    response = logged_in.post(f"/processes/{process_id}/edit", data=bad)
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(Process, process_id).title == PROCESS["title"]


def test_the_service_refuses_an_end_before_the_start(app, organiser, ctx):
    from datetime import date

    owner = db.session.get(Organiser, organiser)
    details = {"title": "X", "starts_on": date(2027, 5, 1), "ends_on": date(2027, 4, 1)}
    with pytest.raises(DomainError) as refused:
        processes.create_process(owner, details, "melle")
    assert refused.value.status == 400 and count(Process) == 0


# --- its events -------------------------------------------------------------------


def test_an_event_created_in_the_process_inherits_its_fields_language_and_draft(
    app, logged_in
):
    process_id = made_process(
        app, logged_in, language="uk", catalogue="custom", custom_fields="Mobilität\n"
    )
    upload_version(logged_in, process_id, sections="2.3 Sprachkurse")
    response = logged_in.post(f"/processes/{process_id}/events", data=EVENT)
    assert response.status_code == 302

    with app.app_context():
        event = db.session.scalar(select(Event))
        assert (event.process_id, event.language) == (process_id, "uk")
        assert [field.name for field in event.action_fields] == ["Mobilität"]
        assert event.target_group == "Eltern" and event.concept_draft.number == 1


def test_a_bad_event_in_the_process_is_refused_and_not_created(app, logged_in):
    process_id = made_process(app, logged_in)
    bad = {**EVENT, "title": "", "date": "morgen", "format": "party"}
    response = logged_in.post(f"/processes/{process_id}/events", data=bad)
    assert response.status_code == 400
    assert response.get_data(as_text=True).count('class="error"') >= 3
    with app.app_context():
        assert count(Event) == 0


def test_a_lone_event_is_attached_and_an_event_of_another_process_refused(
    app, logged_in, make_event
):
    process_id = made_process(app, logged_in)
    other_id = made_process(app, logged_in, title="Anderer Prozess")
    lone, foreign = make_event(title="Praxischeck"), make_event()
    logged_in.post(f"/processes/{other_id}/events/attach", data={"event": foreign})

    page = logged_in.get(f"/processes/{process_id}").get_data(as_text=True)
    assert f'<option value="{lone}">' in page
    assert f'<option value="{foreign}">' not in page
    attached = logged_in.post(
        f"/processes/{process_id}/events/attach", data={"event": lone}
    )
    assert attached.status_code == 302

    refused = in_language(logged_in, "en").post(
        f"/processes/{process_id}/events/attach", data={"event": foreign}
    )
    assert refused.status_code == 409
    assert "This event belongs to another process." in refused.get_data(as_text=True)
    again = logged_in.post(
        f"/processes/{process_id}/events/attach", data={"event": lone}
    )
    assert again.status_code == 409
    missing = logged_in.post(
        f"/processes/{process_id}/events/attach", data={"event": 999}
    )
    assert missing.status_code == 404
    with app.app_context():
        assert db.session.get(Event, foreign).process_id == other_id
        assert db.session.get(Event, lone).process_id == process_id


def test_an_event_is_taken_out_only_when_confirmed_and_not_yet_reviewed(
    app, logged_in, make_process
):
    made = make_process()
    process_id, (first, second, _) = made["process_id"], made["events"]
    detach = f"/processes/{process_id}/events/{second}/detach"

    asked = logged_in.post(detach)
    assert asked.status_code == 200 and 'name="confirm"' in asked.get_data(as_text=True)
    assert logged_in.post(detach, data=CONFIRMED).status_code == 302
    with app.test_request_context():
        assert db.session.get(Event, second).process_id is None
        process = db.session.get(Process, process_id)
        card = db.session.scalar(review.contributions(process))
        review.decide(process, [card], process.organiser, "adopted")

    reviewed = f"/processes/{process_id}/events/{first}/detach"
    refused = in_language(logged_in, "en").post(reviewed, data=CONFIRMED)
    assert refused.status_code == 409
    assert "have been reviewed" in refused.get_data(as_text=True)
    elsewhere = f"/processes/{process_id}/events/{second}/detach"
    assert logged_in.post(elsewhere, data=CONFIRMED).status_code == 404


def test_process_page_shows_each_events_numbers(app, logged_in, make_process):
    made = make_process()
    forum = made["events"][0]
    poll_id = make_poll(app, forum, "single")
    for writer in (
        made["phones"]["Mehr Sprachkurse für Eltern"],
        made["phones"]["دورات لغة للأمهات"],
    ):
        vote(writer, poll_id, option=option_ids(app, poll_id)[0])

    with app.app_context():
        process = db.session.get(Process, made["process_id"])
        numbers = processes.event_numbers(process)
    assert numbers[forum] == {"participants": 2, "contributions": 2, "votes": 2}
    assert numbers[made["events"][2]] == {
        "participants": 0,
        "contributions": 0,
        "votes": 0,
    }
    page = logged_in.get(f"/processes/{made['process_id']}").get_data(as_text=True)
    assert "Dialogforum Jugend" in page and "Jugendliche" in page
    assert page.index("Dialogforum Eltern") < page.index("Integrationskonferenz")


@contextmanager
def statements(app):
    seen = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    sqlalchemy.event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sqlalchemy.event.remove(engine, "before_cursor_execute", note)


def test_the_process_page_asks_no_more_queries_for_more_cards(
    app, logged_in, make_process, event_data, phone
):
    made = make_process()
    page = f"/processes/{made['process_id']}"
    with statements(app) as before:
        logged_in.get(page)
    for event_id in made["events"]:
        data = event_data(event_id)
        for number in range(4):
            write_at_table(phone(), data, f"Noch eine Idee {number}")
    with statements(app) as after:
        logged_in.get(page)
    assert len(after) == len(before)


# --- concept draft versions ----------------------------------------------------------


def test_a_new_draft_version_becomes_current_and_is_read_by_organisers_only(
    app, logged_in, client, phone
):
    process_id = made_process(app, logged_in)
    assert (
        upload_version(logged_in, process_id, note="Erster Entwurf").status_code == 302
    )
    second = upload_version(
        logged_in, process_id, data=None, text="Text", sections="2.3 Sprachkurse\n"
    )
    assert second.status_code == 302

    page = logged_in.get(f"/processes/{process_id}").get_data(as_text=True)
    assert "Erster Entwurf" in page and "entwurf-2.pdf" in page
    pdf = logged_in.get(f"/processes/{process_id}/drafts/1.pdf")
    assert pdf.data == PDF and pdf.mimetype == "application/pdf"
    assert logged_in.get(f"/processes/{process_id}/drafts/2.pdf").status_code == 404
    assert phone().get(f"/processes/{process_id}/drafts/1.pdf").status_code == 302
    with app.app_context():
        process = db.session.get(Process, process_id)
        assert [d.number for d in process.drafts] == [1, 2]
        assert process.current_draft.section_choices() == ["2.3 Sprachkurse"]


@pytest.mark.parametrize(
    "upload, fields, english",
    [
        ((b"<html>", "x.pdf"), {}, "Please upload the draft as a PDF file."),
        ((None, None), {}, "Please upload a PDF or give the draft"),
        ((PDF, "e.pdf"), {"note": "x" * 201}, "Field cannot be longer than 200"),
    ],
)
def test_a_bad_draft_version_is_refused_and_nothing_stored(
    app, logged_in, upload, fields, english
):
    process_id = made_process(app, logged_in)
    data, name = upload
    response = upload_version(
        in_language(logged_in, "en"), process_id, data=data, name=name, **fields
    )
    assert response.status_code == 400
    assert english in response.get_data(as_text=True)
    with app.app_context():
        assert count(ConceptDraft) == 0


def test_a_pdf_too_large_is_refused_in_german(app, logged_in, monkeypatch):
    monkeypatch.setattr(drafts, "MAX_PDF_MB", 1)
    process_id = made_process(app, logged_in)
    big = PDF + b"0" * (1024 * 1024)
    response = upload_version(in_language(logged_in, "de"), process_id, data=big)
    assert response.status_code == 413
    assert "PDF" in response.get_data(as_text=True)
    german = upload_version(logged_in, process_id, data=b"GIF89a")
    assert "Bitte laden Sie den Entwurf als PDF-Datei hoch." in german.get_data(
        as_text=True
    )
    with app.app_context():
        assert count(ConceptDraft) == 0


def test_an_event_attached_after_a_new_version_works_on_it(
    app, organiser, make_event, ctx
):
    owner = db.session.get(Organiser, organiser)
    process = processes.create_process(owner, {"title": "Konzept"}, "melle")
    concept_drafts.add_version(process, "", "", "1.1 Ankommen")
    early = processes.attach_event(process, db.session.get(Event, make_event()))
    concept_drafts.add_version(process, "nach den Foren", "", "1.1 Ankommen\n2.3 Neu")
    late = processes.attach_event(process, db.session.get(Event, make_event()))
    inside = processes.create_event_in(
        process, owner, {"title": "K", "starts_at": late.starts_at}
    )

    assert early.concept_draft.number == 1
    assert late.concept_draft.number == inside.concept_draft.number == 2
    assert drafts.draft_of(late).section_choices() == ["1.1 Ankommen", "2.3 Neu"]


def test_phones_in_a_process_event_point_at_the_process_drafts_sections(
    app, logged_in, client, phone, make_event, event_data, start_phase
):
    event_id = make_event(format="practice_check")
    logged_in.post(
        f"/events/{event_id}/programme/draft",
        data={"text": "", "sections": "9.9 Eigener Abschnitt"},
    )
    process_id = made_process(app, logged_in)
    upload_version(logged_in, process_id, sections="2.3 Sprachkurse\n4.1 Wohnen")
    logged_in.post(f"/processes/{process_id}/events/attach", data={"event": event_id})
    start_phase(event_id)
    join(client, event_data(event_id)["tables"][0][1])

    table = client.get("/me").get_data(as_text=True)
    assert '<option value="2.3 Sprachkurse">' in table
    assert "9.9 Eigener Abschnitt" not in table
    draft_page = client.get("/me/draft").get_data(as_text=True)
    assert "4.1 Wohnen" in draft_page
    with app.app_context():
        file_id = db.session.get(Event, event_id).concept_draft.file_id
    assert client.get(f"/drafts/{file_id}.pdf").data == PDF
    outsider = phone()
    join(outsider, event_data(make_event())["tables"][0][1])
    assert outsider.get(f"/drafts/{file_id}.pdf").status_code == 404
    programme = logged_in.get(f"/events/{event_id}/programme").get_data(as_text=True)
    assert "9.9 Eigener Abschnitt" in programme and "/processes/" in programme


def test_a_lone_event_works_on_its_own_draft_as_before(
    app, logged_in, client, make_event, event_data, start_phase
):
    event_id = make_event(format="practice_check")
    logged_in.post(
        f"/events/{event_id}/programme/draft",
        data={"text": "Entwurf", "sections": "3.1 Eigener Abschnitt"},
    )
    start_phase(event_id)
    join(client, event_data(event_id)["tables"][0][1])

    assert '<option value="3.1 Eigener Abschnitt">' in client.get("/me").get_data(
        as_text=True
    )
    index = logged_in.get("/").get_data(as_text=True)
    assert "Dialogforum Laatzen" in index and "/processes/" not in index
    programme = logged_in.get(f"/events/{event_id}/programme").get_data(as_text=True)
    assert "/processes/" not in programme
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert isinstance(drafts.draft_of(event), Draft) and event.process is None
