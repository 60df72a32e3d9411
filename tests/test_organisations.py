"""Organisations and roles: nobody outside an organisation sees its events and
processes; admins, organisers, moderators and reviewers each do their job."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, Event, Membership, Organisation, Organiser, Process
from app.services import accounts, organisations
from tests.conftest import PASSWORD, live_client, write_at_table

JSON = {"Accept": "application/json"}


@pytest.fixture
def account(app, phone):
    """account(email, organisation=None, role=None) -> a logged-in client."""

    def make(email, organisation_id=None, role=None):
        with app.app_context():
            user = accounts.create_organiser(email, email.split("@")[0], PASSWORD)
            if organisation_id:
                organisation = db.session.get(Organisation, organisation_id)
                organisations.add_member(organisation, user, role, by=None)
        client = phone()
        client.post("/login", data={"email": email, "password": PASSWORD})
        return client

    return make


@pytest.fixture
def home(app, organiser):
    with app.app_context():
        return db.session.scalar(select(Organisation.id))


@pytest.fixture
def other_organisation(app, organiser):
    """A second organisation with its own admin and event: (client, event id)."""
    from datetime import datetime

    from app.services import events

    def make(account):
        client = account("melle@example.org")
        with app.test_request_context():
            user = db.session.scalar(
                select(Organiser).where(Organiser.email == "melle@example.org")
            )
            melle = organisations.create_organisation("Stadt Melle", admin=user)
            details = {
                "title": "Forum Melle",
                "starts_at": datetime(2027, 1, 5, 18),
                "language": "de",
            }
            event = events.create_event(user, details, "laatzen")
            return client, event.id, melle.id

    return make


def _assign(app, model, object_id, email):
    with app.app_context():
        subject = db.session.get(model, object_id)
        user = db.session.scalar(select(Organiser).where(Organiser.email == email))
        organisations.assign(subject, user, by=None)


def test_the_first_account_administers_the_installation_and_its_organisation(
    app, organiser
):
    with app.app_context():
        user = db.session.get(Organiser, organiser)
        assert user.is_site_admin
        assert [(m.organisation.name, m.role) for m in user.memberships] == [
            ("Tischrunde", "admin")
        ]


def test_nobody_outside_an_organisation_sees_its_events(
    app, logged_in, make_event, account, other_organisation
):
    ours = make_event()
    melle, theirs, _ = other_organisation(account)

    assert theirs_not_in(logged_in.get("/"), "Forum Melle")
    assert theirs_not_in(melle.get("/"), "Dialogforum Laatzen")
    for path in ("", "/console", "/mailing", "/polls", "/programme"):
        assert melle.get(f"/events/{ours}{path}").status_code == 404
    assert melle.post(f"/events/{ours}/tables", data={}).status_code == 404
    assert logged_in.get(f"/events/{theirs}/console").status_code == 404


def theirs_not_in(response, title):
    return response.status_code == 200 and title not in response.get_data(as_text=True)


def test_processes_of_another_organisation_are_not_seen(
    app, make_process, account, other_organisation
):
    made = make_process()
    melle, _, _ = other_organisation(account)
    process = made["process_id"]

    assert "Konzept Integration" not in melle.get("/processes").get_data(as_text=True)
    for path in ("", "/review", "/goals", "/report.pdf", "/export.csv"):
        assert melle.get(f"/processes/{process}{path}").status_code == 404


def test_a_moderator_runs_only_the_console_of_assigned_events(
    app, make_event, account, home, event_data
):
    event_id, other_id = make_event(), make_event(title="Zweites Forum")
    moderator = account("mod@example.org", home, "moderator")
    _assign(app, Event, event_id, "mod@example.org")

    assert moderator.get(f"/events/{event_id}/console").status_code == 200
    assert moderator.get(f"/events/{event_id}/polls").status_code == 200
    assert moderator.get(f"/events/{other_id}/console").status_code == 403
    assert moderator.get(f"/events/{event_id}").status_code == 403
    assert moderator.get(f"/events/{event_id}/mailing").status_code == 403
    assert moderator.post(f"/events/{event_id}/tables", data={}).status_code == 403
    assert moderator.get("/events/new").status_code == 403
    index = moderator.get("/").get_data(as_text=True)
    assert "Dialogforum Laatzen" in index and "Zweites Forum" not in index


def test_a_moderators_console_socket_is_refused_for_other_events(
    app, make_event, account, home
):
    event_id, other_id = make_event(), make_event(title="Zweites Forum")
    moderator = account("mod@example.org", home, "moderator")
    _assign(app, Event, event_id, "mod@example.org")

    assert live_client(
        app, moderator, {"role": "console", "event": event_id}
    ).is_connected("/live")
    refused = live_client(app, moderator, {"role": "console", "event": other_id})
    assert not refused.is_connected("/live")


def test_a_reviewer_reviews_assigned_processes_and_reads_the_rest(
    app, make_process, account, home
):
    made = make_process()
    process, card = made["process_id"], next(iter(made["cards"].values()))
    reviewer = account("rev@example.org", home, "reviewer")
    decide = f"/processes/{process}/review/cards/{card}"

    assert reviewer.get(f"/processes/{process}/review").status_code == 200
    assert reviewer.get(f"/processes/{process}").status_code == 200
    assert reviewer.get(f"/events/{made['events'][0]}").status_code == 200
    before = reviewer.post(decide, data={"outcome": "adopted"}, headers=JSON)
    _assign(app, Process, process, "rev@example.org")
    after = reviewer.post(decide, data={"outcome": "adopted"}, headers=JSON)

    assert before.status_code == 403 and after.status_code == 200
    assert reviewer.post(f"/processes/{process}/edit", data={}).status_code == 403
    assert reviewer.get(f"/events/{made['events'][0]}/console").status_code == 403


def test_an_organiser_creates_events_but_does_not_manage_members(app, account, home):
    organiser = account("org@example.org", home, "organiser")

    assert organiser.get("/events/new").status_code == 200
    assert organiser.get(f"/organisations/{home}").status_code == 403
    assert organiser.get(f"/organisations/{home}/mail").status_code == 403
    assert organiser.get(f"/organisations/{home}/audit").status_code == 403
    assert organiser.post("/organisations", data={"name": "X"}).status_code == 403


def test_an_account_without_an_organisation_sees_nothing_and_creates_nothing(
    app, make_event, account
):
    make_event()
    stranger = account("nobody@example.org")

    assert "Dialogforum Laatzen" not in stranger.get("/").get_data(as_text=True)
    assert stranger.get("/events/new").status_code == 403


def test_an_invitation_link_makes_a_new_account_a_member_once(
    app, logged_in, home, phone
):
    link = invite(logged_in, home, "moderator", "neu@example.org")
    newcomer = phone()
    form = newcomer.get(link)
    joined = newcomer.post(
        link,
        data={
            "name": "Nora Neu",
            "email": "neu@example.org",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )
    again = phone().get(link)

    assert form.status_code == 200 and "neu@example.org" in form.get_data(as_text=True)
    assert joined.status_code == 302
    assert again.status_code == 404
    assert role_of(app, "neu@example.org", home) == "moderator"
    assert newcomer.get("/").status_code == 200


def test_a_signed_in_account_accepts_an_invitation_to_another_organisation(
    app, account, other_organisation, logged_in
):
    melle, _, melle_id = other_organisation(account)
    link = invite(melle, melle_id, "reviewer", "")

    assert logged_in.post(link).status_code == 302
    assert role_of(app, "orga@example.org", melle_id) == "reviewer"


def test_a_withdrawn_or_expired_invitation_does_not_work(app, logged_in, home, phone):
    from datetime import timedelta

    from app.models import Invitation

    first = invite(logged_in, home, "organiser", "")
    second = invite(logged_in, home, "organiser", "")
    with app.app_context():
        pending = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
        pending[1].expires_at -= timedelta(days=30)
        db.session.commit()
        withdraw = f"/organisations/{home}/invitations/{pending[0].id}/withdraw"
    logged_in.post(withdraw)

    assert phone().get(first).status_code == 404
    assert phone().get(second).status_code == 410


def invite(client, organisation_id, role, email):
    page = client.post(
        f"/organisations/{organisation_id}/invitations",
        data={"role": role, "email": email},
    )
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    start = html.index("/invitations/", html.index('id="new-invitation"'))
    return html[start : html.index('"', start)]


def role_of(app, email, organisation_id):
    with app.app_context():
        return db.session.scalar(
            select(Membership.role)
            .join(Organiser)
            .where(
                Organiser.email == email, Membership.organisation_id == organisation_id
            )
        )


def test_an_admin_changes_roles_but_the_last_admin_stays(
    app, logged_in, account, home, organiser
):
    account("org@example.org", home, "organiser")
    with app.app_context():
        ids = {m.member.email: m.id for m in db.session.scalars(select(Membership))}
    base = f"/organisations/{home}/members"
    logged_in.get("/lang/en")

    logged_in.post(f"{base}/{ids['org@example.org']}/role", data={"role": "admin"})
    assert role_of(app, "org@example.org", home) == "admin"
    logged_in.post(f"{base}/{ids['org@example.org']}/role", data={"role": "reviewer"})
    refused = logged_in.post(
        f"{base}/{ids['orga@example.org']}/role",
        data={"role": "organiser"},
        follow_redirects=True,
    )

    assert role_of(app, "orga@example.org", home) == "admin"
    assert "at least one administrator" in refused.get_data(as_text=True)


def test_a_removed_member_loses_access_at_once(
    app, logged_in, account, home, make_event
):
    event_id = make_event()
    colleague = account("org@example.org", home, "organiser")
    assert colleague.get(f"/events/{event_id}").status_code == 200
    with app.app_context():
        membership = db.session.scalar(
            select(Membership)
            .join(Organiser)
            .where(Organiser.email == "org@example.org")
        )
        remove = f"/organisations/{home}/members/{membership.id}/remove"
    logged_in.post(remove, data={"confirm": "1"})

    assert colleague.get(f"/events/{event_id}").status_code == 404


def test_the_installation_admin_creates_organisations_on_the_page(
    app, logged_in, account
):
    account("melle@example.org")
    logged_in.get("/lang/en")
    created = logged_in.post(
        "/organisations",
        data={"name": "Stadt Melle", "admin_email": "melle@example.org"},
    )
    twice = logged_in.post("/organisations", data={"name": "stadt melle"})

    assert created.status_code == 302
    assert "already exists" in twice.get_data(as_text=True)
    with app.app_context():
        melle = db.session.scalar(
            select(Organisation).where(Organisation.name == "Stadt Melle")
        )
        assert [m.member.email for m in melle.memberships] == ["melle@example.org"]


def test_organisations_and_members_are_created_from_the_command_line(app, organiser):
    runner = app.test_cli_runner()
    made = runner.invoke(args=["create-organisation", "Gemeinde Bissendorf"])
    member = runner.invoke(
        args=[
            "create-organiser",
            "--email",
            "b@example.org",
            "--name",
            "B",
            "--password",
            PASSWORD,
            "--organisation",
            "Gemeinde Bissendorf",
            "--role",
            "moderator",
        ]
    )
    unknown = runner.invoke(
        args=["create-organisation", "X", "--admin", "no@example.org"]
    )

    assert made.exit_code == 0 and member.exit_code == 0, member.output
    assert unknown.exit_code != 0 and "No account" in unknown.output
    with app.app_context():
        bissendorf = db.session.scalar(
            select(Organisation).where(Organisation.name == "Gemeinde Bissendorf")
        )
        assert role_of(app, "b@example.org", bissendorf.id) == "moderator"


def test_the_audit_log_shows_who_did_what_to_admins_only(
    app, logged_in, account, home, make_event
):
    make_event()
    account("org@example.org", home, "organiser")
    logged_in.get("/lang/en")
    page = logged_in.get(f"/organisations/{home}/audit").get_data(as_text=True)

    assert "Event created" in page and "Dialogforum Laatzen" in page
    assert "Member added" in page and "org@example.org" in page
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "event_created" in actions and "member_added" in actions


def test_the_audit_log_records_closing_hiding_and_deleting_personal_data(
    app, logged_in, open_event, phone, home
):
    event_id, data = open_event()
    writer = phone()
    card = write_at_table(writer, data, "Mehr Sprachkurse").get_json()["card"]["id"]
    logged_in.post(f"/events/{event_id}/cards/{card}/hide")
    logged_in.post(f"/events/{event_id}/close", data={"confirm": "1"})
    logged_in.post(f"/events/{event_id}/personal-data/delete", data={"confirm": "1"})

    with app.app_context():
        entries = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        said = [
            (e.action, e.actor_name)
            for e in entries
            if e.action not in ("event_created", "member_added")
        ]
        subjects = " ".join(e.subject for e in entries)
    assert said == [
        ("card_hidden", "Olga Organiser"),
        ("event_closed", "Olga Organiser"),
        ("personal_data_deleted", "Olga Organiser"),
    ]
    assert "Mehr Sprachkurse" not in subjects


def test_an_admin_hands_out_a_reset_link_and_signs_a_member_out(
    app, logged_in, account, home, phone
):
    colleague = account("org@example.org", home, "organiser")
    with app.app_context():
        membership = db.session.scalar(
            select(Membership)
            .join(Organiser)
            .where(Organiser.email == "org@example.org")
        )
    base = f"/organisations/{home}/members/{membership.id}"

    page = logged_in.post(f"{base}/reset-link").get_data(as_text=True)
    start = page.index("/reset/", page.index('id="new-reset-link"'))
    link = page[start : page.index('"', start)]
    logged_in.post(f"{base}/sign-out", data={"confirm": "1"})

    assert colleague.get("/account").status_code != 200
    new = "Kastanienallee-27"
    reset = phone().post(link, data={"password": new, "password2": new})
    assert reset.status_code == 302
    assert (
        phone()
        .post("/login", data={"email": "org@example.org", "password": new})
        .status_code
        == 302
    )
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert {"password_reset_issued", "signed_out_everywhere"} <= set(actions)


def test_an_admin_cannot_reach_an_account_that_also_belongs_elsewhere(
    app, account, other_organisation, home
):
    melle, _, melle_id = other_organisation(account)
    with app.app_context():
        olga = db.session.scalar(
            select(Organiser).where(Organiser.email == "orga@example.org")
        )
        organisations.add_member(
            db.session.get(Organisation, melle_id), olga, "organiser", by=None
        )
        membership = organisations.membership_of(
            db.session.get(Organisation, melle_id), olga
        )
        base = f"/organisations/{melle_id}/members/{membership.id}"

    assert melle.post(f"{base}/reset-link").status_code == 403
    assert melle.post(f"{base}/sign-out", data={"confirm": "1"}).status_code == 403


def test_an_admin_requires_two_factor_sign_in_for_the_organisation(
    app, logged_in, account, home
):
    account("org@example.org", home, "organiser")
    logged_in.post(f"/organisations/{home}/two-factor", data={"required": "y"})

    with app.app_context():
        member = accounts.account_by_email("org@example.org")
        assert accounts.two_factor_demanded(member)
    login = app.test_client().post(
        "/login", data={"email": "org@example.org", "password": PASSWORD}
    )
    assert login.location.endswith("/login/code")


def test_an_invitation_is_mailed_when_a_mail_server_is_set_up(
    app, logged_in, home, mail_server, phone
):
    logged_in.get("/lang/en")
    page = logged_in.post(
        f"/organisations/{home}/invitations",
        data={"role": "reviewer", "email": "Rita@Example.org"},
    ).get_data(as_text=True)

    assert "The invitation was mailed to" in page
    assert mail_server.recipients() == ["rita@example.org"]
    body = mail_server.messages[0][1].get_content()
    link = next(word for word in body.split() if "/invitations/" in word)
    assert link in page and "Reviewer" in body
    assert phone().get(link.replace("http://tischrunde.test", "")).status_code == 200


def test_the_installation_admin_administers_every_organisation_but_not_its_events(
    app, logged_in, account, other_organisation
):
    _, event_id, melle_id = other_organisation(account)

    assert logged_in.get(f"/organisations/{melle_id}").status_code == 200
    assert logged_in.get(f"/events/{event_id}").status_code == 404
