"""The accessibility statement of each organisation (Erklärung zur
Barrierefreiheit), its form to report a barrier, and the easy-read page."""

import re
from datetime import date

import pytest
from sqlalchemy import select

import tests.test_organisations as organisation_tests
from app.extensions import db
from app.models import (
    AccessibilityStatement,
    AuditEntry,
    BarrierReport,
    Event,
    Organisation,
    Organiser,
    OutboxMail,
)
from app.services import organisations, outbox
from tests.conftest import join

account = organisation_tests.account  # a logged-in member of an organisation

STATEMENT = {
    "conformance": "partial",
    "known_gaps": "Videos have no captions.\nThe map has no text version.",
    "prepared_on": "2026-11-30",
    "reviewed_on": "2026-12-01",
    "method": "third_party",
    "contact_email": "barrierefrei@laatzen.example",
    "contact_phone": "+49 511 8205-0",
    "contact_address": "Marktplatz 13\n30880 Laatzen",
    "enforcement_name": "Schlichtungsstelle Niedersachsen",
    "enforcement_address": "Hannah-Arendt-Platz 2\n30159 Hannover",
    "enforcement_url": "https://www.schlichtungsstelle.niedersachsen.example",
}
BARRIER = {
    "page_url": "/t/abc",
    "description": "The send button is hard to find with a screen reader.",
    "name": "Ana",
    "email": "ana@example.org",
}


@pytest.fixture
def home(app, organiser):
    """The organiser's own organisation: (id, public token)."""
    with app.app_context():
        found = db.session.scalar(select(Organisation))
        return found.id, found.public_token


@pytest.fixture
def second_organisation(app, organiser):
    with app.app_context():
        owner = db.session.get(Organiser, organiser)
        melle = organisations.create_organisation("Stadt Melle", admin=owner)
        db.session.commit()
        return melle.id, melle.public_token


def _text(response):
    return response.get_data(as_text=True)


def _stored(app, model):
    with app.app_context():
        return db.session.scalars(select(model)).all()


def _write_statement(client, organisation_id, **changes):
    url = f"/organisations/{organisation_id}/accessibility"
    return client.post(url, data={**STATEMENT, **changes})


def test_an_organisation_without_its_own_statement_shows_the_apps(client, home):
    client.get("/lang/en")
    page = _text(client.get(f"/accessibility/{home[1]}"))

    assert 'id="default-statement"' in page
    assert "partially compliant" in page
    assert "Poster photos have no text alternative" in page
    assert "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz" in page
    assert "https://www.schlichtungsstelle-bgg.de" in page
    assert 'action="/accessibility/' in page  # the form to report a barrier


def test_an_organiser_writes_the_statement_that_the_public_page_shows(
    app, logged_in, client, home, phone
):
    response = _write_statement(logged_in, home[0])

    assert response.status_code == 302
    visitor = phone()
    visitor.get("/lang/en")
    page = _text(visitor.get(f"/accessibility/{home[1]}"))
    assert 'id="default-statement"' not in page
    assert "Videos have no captions." in page
    assert "The map has no text version." in page
    assert "Schlichtungsstelle Niedersachsen" in page
    assert "mailto:barrierefrei@laatzen.example" in page
    assert "an assessment by a third party" in page
    assert "December 1, 2026" in page
    actions = [entry.action for entry in _stored(app, AuditEntry)]
    assert "accessibility_statement_changed" in actions


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"contact_email": ""}, "contact_email"),
        ({"contact_email": "no-address"}, "contact_email"),
        ({"enforcement_name": ""}, "enforcement_name"),
        ({"enforcement_url": "javascript://alert(1)"}, "enforcement_url"),
        ({"reviewed_on": "2026-01-01"}, "reviewed_on"),
        ({"prepared_on": "yesterday"}, "prepared_on"),
        ({"known_gaps": "x" * 5001}, "known_gaps"),
    ],
)
def test_a_statement_with_a_wrong_field_is_refused_with_its_error(
    app, logged_in, home, changes, field
):
    logged_in.get("/lang/en")
    response = _write_statement(logged_in, home[0], **changes)

    assert response.status_code == 400
    page = _text(response)
    assert re.search(rf'id="{field}"[^>]*>.*?class="error" role="alert"', page, re.S)
    assert _stored(app, AccessibilityStatement) == []
    actions = [entry.action for entry in _stored(app, AuditEntry)]
    assert "accessibility_statement_changed" not in actions


def test_only_the_organisations_own_organisers_edit_its_statement(
    logged_in, home, account, second_organisation
):
    url = f"/organisations/{home[0]}/accessibility"
    organiser = account("org@example.org", home[0], "organiser")
    moderator = account("mod@example.org", home[0], "moderator")
    stranger = account("melle@example.org", second_organisation[0], "admin")

    assert organiser.get(url).status_code == 200
    assert _write_statement(organiser, home[0]).status_code == 302
    assert moderator.get(url).status_code == 403
    assert _write_statement(moderator, home[0]).status_code == 403
    assert stranger.get(url).status_code == 404
    assert _write_statement(stranger, home[0]).status_code == 404
    assert stranger.get(f"{url}/reports").status_code == 404


def test_the_statement_edit_needs_an_account(client, home):
    response = client.get(f"/organisations/{home[0]}/accessibility")
    assert response.status_code == 302
    assert "/login" in response.location


def test_a_reported_barrier_is_kept_and_mailed_to_the_feedback_contact(
    app, logged_in, home, phone, mail_server
):
    _write_statement(logged_in, home[0])
    visitor = phone()

    response = visitor.post(f"/accessibility/{home[1]}", data=BARRIER)

    assert response.status_code == 302
    assert response.location.endswith("#report")
    [report] = _stored(app, BarrierReport)
    assert (report.description, report.email, report.language) == (
        BARRIER["description"],
        "ana@example.org",
        "de",
    )
    with app.app_context():
        outbox.work_once()
    assert mail_server.recipients() == ["barrierefrei@laatzen.example"]
    message = mail_server.messages[0][1]
    assert message["Reply-To"] == "ana@example.org"
    body = message.get_body().get_content()
    assert BARRIER["description"] in body
    assert f"/organisations/{home[0]}/accessibility/reports" in body
    assert [mail.state for mail in _stored(app, OutboxMail)] == ["sent"]


def test_a_barrier_reaches_only_its_own_organisation(
    app, logged_in, home, phone, second_organisation, account, mail_server
):
    _write_statement(logged_in, home[0])
    melle = account("melle@example.org", second_organisation[0], "admin")
    _write_statement(melle, second_organisation[0], contact_email="a11y@melle.example")

    phone().post(f"/accessibility/{second_organisation[1]}", data=BARRIER)
    with app.app_context():
        outbox.work_once()

    assert mail_server.recipients() == ["a11y@melle.example"]
    assert "ana@example.org" not in _text(
        logged_in.get(f"/organisations/{home[0]}/accessibility/reports")
    )
    melle_reports = f"/organisations/{second_organisation[0]}/accessibility/reports"
    assert "ana@example.org" in _text(melle.get(melle_reports))


def test_without_a_feedback_address_the_report_is_kept_and_not_mailed(
    app, client, home
):
    response = client.post(f"/accessibility/{home[1]}", data=BARRIER)

    assert response.status_code == 302
    assert len(_stored(app, BarrierReport)) == 1
    assert _stored(app, OutboxMail) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"description": ""},
        {"description": "   "},
        {"description": "x" * 2001},
        {"email": "not-an-address"},
        {"name": "n" * 121},
    ],
)
def test_a_wrong_report_is_refused_with_the_text_kept(app, client, home, changes):
    client.get("/lang/en")
    response = client.post(f"/accessibility/{home[1]}", data={**BARRIER, **changes})

    assert response.status_code == 400
    page = _text(response)
    assert 'class="error" role="alert"' in page
    assert "hard to find" in page or changes.get("description") is not None
    assert _stored(app, BarrierReport) == []


def test_a_report_without_the_forms_csrf_token_is_refused(app, client, home):
    app.config["WTF_CSRF_ENABLED"] = True
    url = f"/accessibility/{home[1]}"

    assert client.post(url, data=BARRIER).status_code == 400
    assert _stored(app, BarrierReport) == []

    token = re.search(r'name="csrf_token" [^>]*value="([^"]+)"', _text(client.get(url)))
    assert client.post(url, data={**BARRIER, "csrf_token": token[1]}).status_code == 302
    assert len(_stored(app, BarrierReport)) == 1


def test_many_reports_from_one_address_are_refused_for_a_while(app, client, home):
    app.config["BARRIER_RATE_LIMIT"] = 3
    client.get("/lang/en")
    url = f"/accessibility/{home[1]}"
    try:
        answers = [client.post(url, data=BARRIER).status_code for _ in range(4)]
        refused = client.post(url, data=BARRIER)
    finally:
        app.config["BARRIER_RATE_LIMIT"] = 10

    assert answers == [302, 302, 302, 429]
    assert refused.status_code == 429
    assert "many reports" in _text(refused)
    assert "hard to find" in _text(refused)  # the text typed is still there
    assert len(_stored(app, BarrierReport)) == 3


def test_an_unknown_statement_link_is_not_found(client, home):
    assert client.get("/accessibility/nosuchtoken").status_code == 404
    assert client.post("/accessibility/nosuchtoken", data=BARRIER).status_code == 404


def test_organisers_read_reports_escaped_and_mark_them_handled(
    app, logged_in, home, client
):
    hostile = {**BARRIER, "description": "<script>alert(1)</script> broken"}
    client.post(f"/accessibility/{home[1]}", data=hostile)
    [report] = _stored(app, BarrierReport)
    reports = f"/organisations/{home[0]}/accessibility/reports"
    logged_in.get("/lang/en")

    page = _text(logged_in.get(reports))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; broken" in page
    assert "<script>alert(1)" not in page
    assert "Mark as handled" in page

    response = logged_in.post(f"{reports}/{report.id}/handled")
    assert response.status_code == 302
    page = _text(logged_in.get(reports))
    assert "Handled on" in page and "Mark as handled" not in page
    actions = [entry.action for entry in _stored(app, AuditEntry)]
    assert "barrier_report_handled" in actions


def test_a_report_of_another_organisation_cannot_be_marked(
    app, logged_in, home, client, second_organisation
):
    client.post(f"/accessibility/{second_organisation[1]}", data=BARRIER)
    [report] = _stored(app, BarrierReport)

    url = f"/organisations/{home[0]}/accessibility/reports/{report.id}/handled"
    assert logged_in.post(url).status_code == 404
    assert _stored(app, BarrierReport)[0].handled_at is None


def test_the_page_address_is_filled_in_from_the_link(client, home):
    page = _text(client.get(f"/accessibility/{home[1]}?page=/t/abc%3Fx%3D%22y"))
    assert 'value="/t/abc?x=&#34;y"' in page


def _footer_link(page):
    return re.search(r'href="([^"]+)" id="statement-link"', page)[1]


def test_the_footer_of_a_participant_page_links_its_events_statement(
    client, open_event, second_organisation, app
):
    event_id, data = open_event()
    with app.app_context():
        event = db.session.get(Event, event_id)
        token = event.organisation.public_token
        other = next(o for o in _stored(app, Organisation) if o != event.organisation)

    join_page = _text(client.get(f"/j/{data['join_token']}"))
    assert _footer_link(join_page).startswith(f"/accessibility/{token}?page=")
    join(client, data["tables"][0][1])
    link = _footer_link(_text(client.get("/me/table", follow_redirects=True)))

    assert link.startswith(f"/accessibility/{token}?page=")
    assert other.public_token not in link
    assert client.get(link.replace("&amp;", "&")).status_code == 200


def test_the_footer_of_an_organiser_page_links_its_organisations_statement(
    logged_in, make_event, home
):
    event_id = make_event()
    page = _text(logged_in.get(f"/events/{event_id}"))
    assert _footer_link(page).startswith(f"/accessibility/{home[1]}?page=")


def test_the_footer_elsewhere_links_the_general_statement(
    client, home, second_organisation
):
    link = _footer_link(_text(client.get("/login")))
    assert link.startswith("/accessibility?page=")

    page = _text(client.get("/accessibility"))
    assert 'id="default-statement"' in page
    assert 'id="no-form"' in page
    assert second_organisation[1] not in page and home[1] not in page


def test_with_one_organisation_the_general_link_opens_its_statement(client, home):
    response = client.get("/accessibility?page=/login&token=x")
    assert response.status_code == 302
    assert response.location == f"/accessibility/{home[1]}?page=/login"


def test_the_app_is_explained_in_leichte_sprache_and_in_easy_read(client):
    german = _text(client.get("/easy-read"))
    assert "<h1>Tischrunde in Leichter Sprache</h1>" in german
    assert "Daten·schutz" in german
    for section in (
        "was",
        "mitmachen",
        "karte",
        "abstimmen",
        "ideen",
        "daten",
        "hilfe",
    ):
        assert f'id="{section}"' in german
    assert 'id="easy-read-link"' in german

    client.get("/lang/en")
    english = _text(client.get("/easy-read"))
    assert "Tischrunde in easy read" in english
    assert "Point your camera at the QR code." in english


def test_the_statement_date_of_the_app_is_its_own(ctx):
    from app.services.accessibility import APP_STATEMENT_DATE, statement_of

    assert statement_of(None).prepared_on == APP_STATEMENT_DATE <= date.today()


def test_the_organisations_own_texts_are_escaped_on_the_public_page(
    logged_in, home, client
):
    hostile = "<img src=x onerror=alert(1)>"
    _write_statement(logged_in, home[0], known_gaps=hostile, enforcement_name=hostile)

    page = _text(client.get(f"/accessibility/{home[1]}"))

    assert "<img src=x" not in page
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") == 2
