"""The feedback mailing through the outbox, against a real SMTP server (aiosmtpd):
every address the process's events still store gets the link once, in its
language; deleted addresses cannot be told; the report mailing goes on as before."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import DomainError, Event, MailAddress, OutboxMail, Process
from app.models.base import utcnow
from app.services import addresses, feedback_mailing, mailing, outbox
from tests import test_feedback as shared

made, german = shared.made, shared.german  # fixtures


@pytest.fixture
def stored(ctx, made):
    """Addresses at the two dialogue forums: ana left hers at both (in Arabic the
    second time), ben and cleo at one each. -> (process, forum 1, forum 2)"""
    process = db.session.get(Process, made["process_id"])
    first, second = (db.session.get(Event, i) for i in made["events"][:2])
    addresses.add_addresses(first, "ana@example.org ben@example.org", "de")
    addresses.add_addresses(second, "ana@example.org", "ar")
    addresses.add_addresses(second, "cleo@example.org", "uk")
    return process, first, second


def bodies(mail_server):
    return {tos[0]: m for tos, m in mail_server.messages}


def test_each_stored_address_gets_the_link_once_in_its_language(
    stored, mail_server, client
):
    process, _first, _second = stored

    assert feedback_mailing.start_feedback_mailing(process, 0) == 3
    outbox.work_once()

    assert mail_server.recipients() == [
        "ana@example.org", "ben@example.org", "cleo@example.org"
    ]  # fmt: skip
    ana = bodies(mail_server)["ana@example.org"]
    body = ana.get_body().get_content()
    link = re.search(r"http://tischrunde\.test(/f/\w+\?lang=ar)", body).group(1)
    assert ana["Message-ID"].startswith("<tischrunde-feedback-")
    assert not list(ana.iter_attachments())
    assert "/mail/forget/" in body
    opened = client.get(link)  # opens in Arabic (test_feedback.py)
    assert opened.status_code == 302 and opened.headers["Location"] in link


def test_a_feedback_mail_is_not_the_report_and_keeps_the_address_as_it_was(
    stored, mail_server
):
    process, first, _second = stored
    feedback_mailing.start_feedback_mailing(process, 0)
    outbox.work_once()

    waiting = mailing.waiting_addresses(first)
    assert {a.address for a in waiting} == {"ana@example.org", "ben@example.org"}
    assert all(a.delete_after is None and a.status == "waiting" for a in waiting)
    assert mailing.progress(first.id)["total"] == 0
    assert mailing.start_mailing(first) == 2
    outbox.work_once()
    report = [m for tos, m in mail_server.messages if "feedback" not in m["Message-ID"]]
    assert len(report) == 2


def test_addresses_deleted_after_their_report_are_not_written_to(stored, mail_server):
    process, first, _second = stored
    mailing.start_mailing(first)
    outbox.work_once()
    outbox.delete_expired(utcnow() + timedelta(days=31))
    mail_server.messages.clear()

    feedback_mailing.start_feedback_mailing(process, 0)
    outbox.work_once()

    assert mail_server.recipients() == ["ana@example.org", "cleo@example.org"]
    ana = bodies(mail_server)["ana@example.org"]
    assert "?lang=ar" in ana.get_body().get_content()  # her forum 2 address


def test_a_second_click_or_an_unfinished_mailing_sends_nothing_twice(
    stored, mail_server
):
    process, _first, _second = stored
    feedback_mailing.start_feedback_mailing(process, 0)

    with pytest.raises(DomainError):  # the same page, clicked again
        feedback_mailing.start_feedback_mailing(process, 0)
    latest = feedback_mailing.feedback_mailings(process)[0].id
    with pytest.raises(DomainError):  # still being sent
        feedback_mailing.start_feedback_mailing(process, latest)
    outbox.work_once()
    assert len(mail_server.messages) == 3

    assert feedback_mailing.start_feedback_mailing(process, latest) == 3
    outbox.work_once()
    assert sorted(mail_server.recipients()) == sorted(
        ["ana@example.org", "ben@example.org", "cleo@example.org"] * 2
    )


def test_a_refused_address_can_be_tried_again(stored, mail_server):
    process, first, _second = stored
    addresses.add_addresses(first, "reject-me@example.org", "de")
    feedback_mailing.start_feedback_mailing(process, 0)
    outbox.work_once()
    failed = db.session.scalars(select(OutboxMail).filter_by(state="failed")).all()
    assert [m.address.address for m in failed] == ["reject-me@example.org"]

    assert feedback_mailing.retry_failed(process) == 1
    assert mailing.retry_failed(first) == 0  # the report page leaves it alone


def test_without_a_mail_server_nothing_is_queued(stored):
    process, _first, _second = stored

    with pytest.raises(DomainError) as refused:
        feedback_mailing.start_feedback_mailing(process, 0)

    assert refused.value.status == 409
    assert db.session.scalars(select(OutboxMail)).all() == []


# --- the organiser's page ------------------------------------------------------


def test_the_organiser_prints_the_link_and_starts_the_mailing(
    app, made, logged_in, mail_server
):
    with app.test_request_context():
        process = db.session.get(Process, made["process_id"])
        addresses.add_addresses(process.events[0], "ana@example.org", "de")
        token = process.feedback_token
    path = f"/processes/{made['process_id']}/feedback-link"

    page = logged_in.get(path).get_data(as_text=True)
    assert f"http://tischrunde.test/f/{token}" in page and "<svg" in page
    assert 'name="seen" value="0"' in page

    sent = logged_in.post(
        f"/processes/{made['process_id']}/feedback-mailing", data={"seen": "0"}
    )
    assert sent.status_code == 302
    again = logged_in.post(
        f"/processes/{made['process_id']}/feedback-mailing", data={"seen": "0"}
    )
    assert again.status_code == 409
    with app.app_context():
        assert len(db.session.scalars(select(OutboxMail)).all()) == 1
        assert db.session.scalar(select(MailAddress.address)) == "ana@example.org"


def test_bad_input_to_the_mailing_is_refused_in_the_organisers_language(
    made, logged_in, german
):
    path = f"/processes/{made['process_id']}/feedback-mailing"
    german_page = {"Accept-Language": "de"}
    response = logged_in.post(path, data={"seen": "x"}, headers=german_page)

    assert response.status_code == 400
    message = german("The request could not be understood.")
    assert message in response.get_data(as_text=True)


def test_the_feedback_link_page_is_for_organisers_only(made, client):
    response = client.get(f"/processes/{made['process_id']}/feedback-link")
    assert response.status_code in (302, 403)
    refused = client.post(f"/processes/{made['process_id']}/feedback-mailing")
    assert refused.status_code == 403


def test_the_consent_at_a_process_event_mentions_the_feedback_mail(
    app, made, make_event, client, german
):
    with app.app_context():
        in_process = db.session.get(Event, made["events"][0]).tables[0].join_token
        alone = db.session.get(Event, make_event()).tables[0].join_token
    sentence = german(
        "Until then it may also get the link to the page that tells what became "
        "of the ideas of this participation process."
    )

    assert sentence in client.get(f"/t/{in_process}").get_data(as_text=True)
    assert sentence not in client.get(f"/t/{alone}").get_data(as_text=True)
