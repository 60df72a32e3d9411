"""Formats as data, edited after creation; the concept draft; perspectives."""

from io import BytesIO

from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, Participant
from tests.conftest import join, send_card

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def event_of(app, event_id):
    with app.app_context():
        event = db.session.get(Event, event_id)
        return {
            "phases": [(p.label, p.seating) for p in event.phases],
            "categories": [[str(c.label) for c in p.categories] for p in event.phases],
            "steps": [(s.kind, s.planned_seconds // 60) for s in event.steps],
            "ids": [(p.id, [c.id for c in p.categories]) for p in event.phases],
            "step_ids": [s.id for s in event.steps],
        }


def test_new_event_form_creates_a_practice_check_with_its_phases(app, logged_in):
    response = logged_in.post(
        "/events/new",
        data={
            "title": "Praxischeck",
            "date": "2026-11-24",
            "time": "09:00",
            "language": "de",
            "format": "practice_check",
            "catalogue": "osnabrueck",
        },
    )
    event_id = int(response.location.rsplit("/", 1)[1])
    found = event_of(app, event_id)
    assert [seating for _l, seating in found["phases"]] == ["mixed", "action_field"]
    with app.test_request_context(headers={"Accept-Language": "de"}):
        event = db.session.get(Event, event_id)
        labels = [str(c.label) for c in event.phases[1].categories]
        assert labels == [
            "Was wir loben",
            "Was sich ändern muss",
            "Was für den Erfolg nötig ist",
        ]
        assert event.perspective_choices()[0] == "Einwohner*in"


def test_conference_goal_proposals_are_not_smart_but_dialogue_forum_ones_are(
    app, make_event
):
    with app.app_context():
        forum = db.session.get(Event, make_event())
        assert [c.smart for c in forum.phases[1].categories] == [True, False]


def test_organiser_edits_phases_categories_and_the_run_sheet(
    app, logged_in, make_event
):
    event_id = make_event(format="custom")
    before = event_of(app, event_id)
    base = f"/events/{event_id}/programme"
    phase_id = before["ids"][0][0]
    logged_in.post(
        f"{base}/phases/{phase_id}", data={"name": "Visionen", "seating": "free"}
    )
    logged_in.post(
        f"{base}/phases/{phase_id}/categories",
        data={
            "new-category-name": "Wünsche",
            "new-category-colour": "#aa0000",
            "new-category-help_text": "Was wünschen Sie sich?",
        },
    )
    logged_in.post(
        f"{base}/phases/new",
        data={
            "new-phase-name": "Ziele",
            "new-phase-seating": "mixed",
            "new-phase-minutes": "40",
        },
    )
    logged_in.post(
        f"{base}/steps/new",
        data={"new-step-kind": "gallery", "new-step-minutes": "20"},
    )
    first_step = before["step_ids"][0]
    logged_in.post(
        f"{base}/steps/{first_step}", data={"title": "Hallo", "minutes": "5"}
    )
    logged_in.post(f"{base}/steps/{first_step}", data={"move": "down"})
    after = event_of(app, event_id)
    assert after["phases"] == [("Visionen", "free"), ("Ziele", "mixed")]
    assert after["categories"][0][1] == "Wünsche"
    assert [k for k, _m in after["steps"]] == [
        "phase",
        "welcome",
        "plenary",
        "phase",
        "closing",
        "gallery",
    ]
    assert after["steps"][1] == ("welcome", 5)
    page = logged_in.get(base).get_data(as_text=True)
    assert "Visionen" in page and "Was wünschen Sie sich?" in page


def test_programme_refuses_bad_input_with_clear_messages(app, logged_in, make_event):
    event_id = make_event()
    base = f"/events/{event_id}/programme"
    found = event_of(app, event_id)
    phase_id, category_ids = found["ids"][1]
    step_id = found["step_ids"][1]
    cases = [
        (f"{base}/steps/{step_id}", {"title": "", "minutes": "9999"}),
        (f"{base}/steps/new", {"new-step-kind": "phase", "new-step-minutes": "10"}),
        (f"{base}/phases/{phase_id}", {"name": "x", "seating": "standing"}),
        (f"{base}/categories/{category_ids[0]}", {"name": "x", "colour": "red"}),
        (f"{base}/steps/{step_id}", {"remove": "1"}),
    ]
    for url, form in cases:
        response = logged_in.post(url, data=form, follow_redirects=True)
        assert response.status_code == 200
        assert 'class="flash flash-error"' in response.get_data(as_text=True), url
    assert event_of(app, event_id) == found


def test_a_phase_with_cards_and_its_categories_stay(
    app, client, logged_in, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id, 0)
    join(client, data["tables"][0][1])
    send_card(client, data["phases"][0][1][0], "Bleibt")
    base = f"/events/{event_id}/programme"
    logged_in.post(f"{base}/phases/{data['phases'][0][0]}", data={"remove": "1"})
    logged_in.post(f"{base}/categories/{data['phases'][0][1][0]}", data={"remove": "1"})
    assert len(event_of(app, event_id)["categories"][0]) == 3


def test_programme_of_another_event_is_not_reachable(app, logged_in, make_event):
    first, second = make_event(), make_event()
    foreign = event_of(app, second)["ids"][0][0]
    response = logged_in.post(
        f"/events/{first}/programme/phases/{foreign}",
        data={"name": "x", "seating": "free"},
    )
    assert response.status_code == 404


def upload_draft(client, event_id, data=PDF, name="entwurf.pdf", text="", sections=""):
    return client.post(
        f"/events/{event_id}/programme/draft",
        data={"pdf": (BytesIO(data), name), "text": text, "sections": sections},
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_concept_draft_is_shown_to_the_events_phones_only(
    app, client, phone, logged_in, make_event, event_data, start_phase
):
    event_id = make_event(format="practice_check")
    other_id = make_event()
    upload_draft(
        logged_in,
        event_id,
        text="<script>x</script> 2.3 Sprache",
        sections="2.3 Sprachkurse\n4.1 Wohnen",
    )
    with app.app_context():
        from app.services.drafts import draft_of

        file_id = draft_of(db.session.get(Event, event_id)).file_id
    data = event_data(event_id)
    join(client, data["tables"][0][1])
    assert client.get(f"/drafts/{file_id}.pdf").data == PDF
    page = client.get("/me/draft").get_data(as_text=True)
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "4.1 Wohnen" in page
    outsider = phone()
    join(outsider, event_data(other_id)["tables"][0][1])
    assert outsider.get(f"/drafts/{file_id}.pdf").status_code == 404
    assert phone().get(f"/drafts/{file_id}.pdf").status_code == 404
    table_page = client.get("/me").get_data(as_text=True)
    assert 'list="draft-sections"' in table_page


def test_a_draft_that_is_no_pdf_is_refused(app, logged_in, make_event):
    event_id = make_event()
    page = upload_draft(logged_in, event_id, data=b"<html>", name="x.pdf")
    assert "PDF" in page.get_data(as_text=True)
    with app.app_context():
        from app.services.drafts import draft_of

        assert draft_of(db.session.get(Event, event_id)) is None


def test_card_points_at_a_section_and_a_goal_carries_smart_fields(
    app, client, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id, 1)
    join(client, data["tables"][0][1])
    goal, indicator = data["phases"][1][1]
    details = {
        "uuid": "3b1f7c2e-5a4d-4e8f-9b0c-1d2e3f405162",
        "category": goal,
        "text": "Mehr Sprachkurse am Abend anbieten",
        "section": "2.3",
        "indicator": "20 Kurse",
        "actor": "VHS",
        "deadline": "2027",
        "resources": "",
    }
    response = client.post(
        "/me/cards", data=details, headers={"Accept": "application/json"}
    )
    smart = response.json["card"]["smart"]
    assert smart["criteria"] == {
        "specific": True,
        "measurable": True,
        "assigned": True,
        "realistic": False,
        "time_bound": True,
    }
    assert response.json["card"]["section"] == "2.3"
    plain = send_card(client, indicator, "Kursanzahl").json["card"]
    assert plain["smart"] is None
    too_long = dict(
        details, uuid="4b1f7c2e-5a4d-4e8f-9b0c-1d2e3f405162", actor="x" * 301
    )
    assert (
        client.post(
            "/me/cards", data=too_long, headers={"Accept": "application/json"}
        ).status_code
        == 400
    )


def test_perspective_at_join_is_counted_per_category_and_field_only(
    app, client, logged_in, make_event, event_data, start_phase
):
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id, 0)
    token = data["tables"][0][1]
    page = client.get(f"/t/{token}").get_data(as_text=True)
    assert "Verwaltung" in page
    client.post(
        f"/t/{token}", data={"table": data["tables"][0][0], "perspective": "Verwaltung"}
    )
    send_card(client, data["phases"][0][1][0], "Mehr Personal")
    with app.app_context():
        assert db.session.scalar(select(Participant.perspective)) == "Verwaltung"
        card_id = db.session.scalar(select(Card.id))
    console = logged_in.get(f"/events/{event_id}/console").get_data(as_text=True)
    assert "Verwaltung: 1" in console
    assert "Verwaltung" not in client.get("/me").get_data(as_text=True)
    assert "perspective" not in str(client.get("/me/state").json["cards"])
    assert card_id


def test_unknown_perspective_is_not_stored(app, client, make_event, event_data):
    data = event_data(make_event())
    choice = {"table": data["tables"][0][0], "perspective": "Hacker"}
    client.post(f"/t/{data['tables'][0][1]}", data=choice)
    with app.app_context():
        assert db.session.scalar(select(Participant.perspective)) == ""
