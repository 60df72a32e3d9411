"""At a later event of the process: the console puts what became of the earlier
events' ideas on the projector, and the event's report has a chapter on them.
Events without a process, or without earlier decisions, stay as they were."""

import json
import re

from app.extensions import db
from app.models import Event
from app.services.report import build_report
from app.services.spotlight import spotlight_payload
from tests import test_feedback as shared
from tests.test_feedback import CLUBS, JSON, MEETING, MOTHERS, PARENTS
from tests.test_report import pdf_text

made, decided, german = shared.made, shared.decided, shared.german  # fixtures
CHAPTER = "What became of the earlier ideas"


def earlier_ideas_on(app, organiser, conference):
    """Press the console's button; returns the projector's token."""
    organiser.post(f"/events/{conference}/projector/feedback", headers=JSON)
    with app.app_context():
        return db.session.get(Event, conference).projector_token


def console(client, event_id):
    return client.get(f"/events/{event_id}/console").get_data(as_text=True)


def test_only_a_later_event_gets_the_button_for_the_earlier_ideas(
    made, decided, logged_in, make_event
):
    first, _second, conference = made["events"]
    lone = make_event()

    assert 'id="spotlight-feedback"' in console(logged_in, conference)
    assert 'id="spotlight-feedback"' not in console(logged_in, first)
    assert 'id="spotlight-feedback"' not in console(logged_in, lone)
    switched = logged_in.post(f"/events/{first}/projector/feedback", headers=JSON)
    assert switched.status_code == 404


def test_the_console_puts_the_earlier_ideas_on_the_projector(
    app, made, decided, logged_in, client, german
):
    conference = made["events"][2]
    with app.app_context():
        token = db.session.get(Event, conference).projector_token

    switched = logged_in.post(f"/events/{conference}/projector/feedback", headers=JSON)
    assert switched.status_code == 200
    main = client.get(f"/projector/{token}").get_data(as_text=True)
    data = re.search(r'id="spotlight-data">(.*?)</script>', main, re.S).group(1)
    feedback_url = json.loads(data)["spotlight"]["feedback"]
    assert feedback_url == f"/projector/{token}/feedback"

    view = client.get(feedback_url, headers={"Accept-Language": "en"})
    text = view.get_data(as_text=True)
    assert view.status_code == 200 and '<html lang="de" dir="ltr">' in text
    for shown in (PARENTS, MOTHERS, CLUBS):
        assert shown in text
    assert MEETING not in text  # not decided yet: only counted
    assert german("Adopted into the draft") in text
    assert "Schon im Angebot" in text


def test_another_projector_view_takes_the_earlier_ideas_off(
    app, made, decided, logged_in, client
):
    conference = made["events"][2]
    token = earlier_ideas_on(app, logged_in, conference)

    logged_in.post(f"/events/{conference}/spotlight", data={"table": ""}, headers=JSON)

    with app.test_request_context():
        event = db.session.get(Event, conference)
        assert not event.projector_feedback
        assert spotlight_payload(event) == {"table": None}
    back = client.get(f"/projector/{token}/feedback?lang=ar")
    assert back.status_code == 302
    assert back.headers["Location"] == f"/projector/{token}?lang=ar"


def test_the_projector_shows_the_earlier_ideas_in_its_language(
    app, made, decided, logged_in, client
):
    conference = made["events"][2]
    token = earlier_ideas_on(app, logged_in, conference)

    text = client.get(f"/projector/{token}/feedback?lang=ar").get_data(as_text=True)

    assert '<html lang="ar" dir="rtl">' in text and MOTHERS in text
    assert f'"projector": "/projector/{token}?lang=ar"' in text


def test_a_closed_event_cannot_show_the_earlier_ideas(app, made, decided, logged_in):
    conference = made["events"][2]
    with app.app_context():
        event = db.session.get(Event, conference)
        event.close()
        db.session.commit()

    response = logged_in.post(f"/events/{conference}/projector/feedback", headers=JSON)

    assert response.status_code == 409


def test_the_later_events_report_tells_what_became_of_the_earlier_ideas(
    app, made, decided, german
):
    first, _second, conference = made["events"]
    with app.test_request_context():
        later = pdf_text(build_report(db.session.get(Event, conference), "de"))
        earlier = pdf_text(build_report(db.session.get(Event, first), "de"))

    assert german(CHAPTER) in later
    for shown in (PARENTS, "Schon im Angebot", "Jugendamt", CLUBS):
        assert shown in later
    assert german(CHAPTER) not in earlier
