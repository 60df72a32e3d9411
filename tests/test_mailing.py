"""Mailing the report through the outbox, against a real SMTP server (aiosmtpd)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Event, MailAddress, OutboxMail
from app.models.base import utcnow
from app.services import addresses, mailing, outbox
from tests.conftest import live_client, mail_url

LATER = timedelta(hours=2)


@pytest.fixture
def event(ctx, make_event):
    event = db.session.get(Event, make_event())
    addresses.add_addresses(event, "ana@example.org\nben@example.org", "de")
    addresses.add_addresses(event, "cleo@example.org; dev@example.org", "en")
    return event


def mails():
    return db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()


def test_each_recipient_gets_one_mail_in_their_language_with_the_report(
    event, mail_server
):
    assert mailing.start_mailing(event) == 4

    outbox.work_once()

    assert mail_server.recipients() == [
        "ana@example.org", "ben@example.org", "cleo@example.org", "dev@example.org"
    ]  # fmt: skip
    by_recipient = {tos[0]: message for tos, message in mail_server.messages}
    assert by_recipient["ana@example.org"]["Subject"].startswith("Ergebnisse:")
    assert by_recipient["cleo@example.org"]["Subject"].startswith("Results:")
    english = by_recipient["cleo@example.org"]
    assert "thank you for taking part" in english.get_body().get_content()
    attachment = next(english.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert attachment.get_filename() == f"report-{event.id}-en.pdf"
    assert [m.state for m in mails()] == ["sent"] * 4
    assert mailing.progress(event.id)["percent"] == 100


def test_a_report_too_large_to_attach_goes_as_a_link_that_expires(
    app, event, mail_server, client
):
    app.config["MAIL_ATTACHMENT_MAX_BYTES"] = 100
    try:
        mailing.start_mailing(event)
        outbox.work_once()
    finally:
        app.config["MAIL_ATTACHMENT_MAX_BYTES"] = 8 * 1024 * 1024

    message = mail_server.messages[0][1]
    assert not list(message.iter_attachments())
    body = message.get_body().get_content()
    link = next(word for word in body.split() if "/r/" in word)
    path = link.removeprefix("http://tischrunde.test")
    assert client.get(path).data.startswith(b"%PDF")
    outbox.delete_expired(utcnow() + timedelta(days=31))
    assert client.get(path).status_code == 404


def test_smtp_outage_mid_mailing_loses_nothing_and_duplicates_nothing(
    event, mail_server
):
    mailing.start_mailing(event)
    outbox.work_once(limit=2)
    mail_server.stop()

    outbox.work_once()

    assert [m.state for m in mails()] == ["sent", "sent", "queued", "queued"]
    assert all("Connection refused" in m.last_error for m in mails()[2:])
    mail_server.start()
    outbox.work_once()
    assert len(mail_server.messages) == 2  # the retry waits for its pause
    outbox.work_once(now=utcnow() + LATER)
    outbox.work_once(now=utcnow() + LATER)

    assert mail_server.recipients() == [
        "ana@example.org", "ben@example.org", "cleo@example.org", "dev@example.org"
    ]  # fmt: skip
    assert [m.state for m in mails()] == ["sent"] * 4


def test_a_mail_whose_worker_died_is_sent_again_after_its_lease(event, mail_server):
    mailing.start_mailing(event)
    claimed = outbox.claim_next()

    others = [outbox.claim_next() for _ in range(3)]
    assert claimed.id not in [m.id for m in others]
    assert outbox.claim_next() is None
    assert outbox.claim_next(utcnow() + timedelta(minutes=10)).id == claimed.id


def test_a_refused_address_fails_at_once_and_the_others_arrive(ctx, event, mail_server):
    addresses.add_addresses(event, "reject-me@example.org", "de")
    mailing.start_mailing(event)

    outbox.work_once()
    outbox.work_once(now=utcnow() + LATER)

    failed = [m for m in mails() if m.state == "failed"]
    assert [m.address.address for m in failed] == ["reject-me@example.org"]
    assert failed[0].attempts == 1 and "550" in failed[0].last_error
    assert "reject-me@example.org" not in mail_server.recipients()
    assert len(mail_server.messages) == 4


def test_a_title_with_a_line_break_still_makes_a_one_line_subject(event, mail_server):
    event.title = "Dialogforum\r\nBcc: alle@example.org"
    mailing.start_mailing(event)

    outbox.work_once()

    assert [m.state for m in mails()] == ["sent"] * 4
    subject = mail_server.messages[0][1]["Subject"]
    assert subject == "Ergebnisse: Dialogforum Bcc: alle@example.org"
    assert mail_server.messages[0][1]["Bcc"] is None


def test_organiser_tries_a_failed_mail_again(event, mail_server, logged_in):
    addresses.add_addresses(event, "reject-me@example.org", "de")
    mailing.start_mailing(event)
    outbox.work_once()
    failed = next(m for m in mails() if m.state == "failed")

    response = logged_in.post(f"/events/{event.id}/mailing/mails/{failed.id}/retry")

    assert response.status_code == 302
    assert db.session.get(OutboxMail, failed.id).state == "queued"


def test_addresses_are_deleted_the_configured_days_after_the_mailing(
    event, mail_server
):
    mailing.start_mailing(event)
    outbox.work_once()

    assert outbox.delete_expired(utcnow() + timedelta(days=29)) == (0, 0)
    outbox.delete_expired(utcnow() + timedelta(days=31))

    assert db.session.scalars(select(MailAddress)).all() == []
    assert [(m.state, m.address_id) for m in mails()] == [("sent", None)] * 4


def test_mailing_progress_reaches_the_organiser_page_live(
    app, event, mail_server, logged_in
):
    page = live_client(app, logged_in, {"role": "console", "event": event.id})
    mailing.start_mailing(event)
    outbox.work_once()

    pushed = [
        m["args"][0] for m in page.get_received("/live") if m["name"] == "mailing"
    ]
    assert pushed[-1]["progress"]["sent"] == 4
    assert pushed[-1]["mail"]["state"] == "sent"


def test_organiser_starts_the_mailing_and_sees_each_recipient(
    event, mail_server, logged_in
):
    logged_in.get("/lang/en")
    response = logged_in.post(f"/events/{event.id}/mailing/send")
    outbox.work_once()
    page = logged_in.get(f"/events/{event.id}/mailing").get_data(as_text=True)

    assert response.status_code == 302
    assert "4 of 4 mails done" in page
    assert page.count("state-sent") == 4


def test_mailing_twice_sends_only_to_new_addresses(event, mail_server):
    mailing.start_mailing(event)
    outbox.work_once()
    addresses.add_addresses(event, "late@example.org", "de")

    assert mailing.start_mailing(event) == 1
    outbox.work_once()
    assert mail_server.recipients().count("ana@example.org") == 1


def test_mailing_without_a_mail_server_points_to_the_mail_settings(
    app, ctx, make_event, logged_in
):
    empty = db.session.get(Event, make_event())
    logged_in.get("/lang/en")
    page = logged_in.get(f"/events/{empty.id}/mailing").get_data(as_text=True)
    response = logged_in.post(f"/events/{empty.id}/mailing/send")

    assert response.status_code == 409
    assert "No mail server is set up yet" in response.get_data(as_text=True)
    assert f'href="{mail_url(logged_in, event_id=empty.id)}"' in page


def test_test_mail_shows_success_or_the_servers_error(event, mail_server, logged_in):
    logged_in.get("/lang/en")
    sent = logged_in.post(
        mail_url(logged_in, "/test"), data={"address": "me@example.org"}
    )
    assert mail_server.recipients() == ["me@example.org"]
    mail_server.stop()
    failed = logged_in.post(
        mail_url(logged_in, "/test"),
        data={"address": "me@example.org"},
        follow_redirects=True,
    )

    assert sent.status_code == 302
    assert "refused the connection on port" in failed.get_data(as_text=True)
