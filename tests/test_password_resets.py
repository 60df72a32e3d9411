"""One-time links to set a new password: from an administrator (which also
removes the second factor) or by mail for a forgotten password (which does not);
the forgotten-password form says the same for every address."""

import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Organiser, PasswordReset
from app.services import accounts
from tests.accounts_helpers import (
    EMAIL,
    NEW_PASSWORD,
    code,
    enrol,
    in_english,
    is_logged_in,
    log_in,
    text,
)
from tests.conftest import PASSWORD

NEW = {"password": NEW_PASSWORD, "password2": NEW_PASSWORD}
SENT = "If an account has this address, a link to set a new password is on its way"
INVALID = "This link to set a new password is not valid"


@pytest.fixture
def reset_link(app, organiser):
    """reset_link() -> the path of a new link an administrator hands out."""

    def issue():
        with app.test_request_context():
            link = accounts.issue_reset_link(db.session.get(Organiser, organiser))
        assert link.startswith("http://tischrunde.test/reset/")
        return link.removeprefix("http://tischrunde.test")

    return issue


def test_a_reset_link_sets_a_new_password_once(client, reset_link):
    link = reset_link()
    assert EMAIL in text(client.get(link))
    assert client.get(link).headers["Referrer-Policy"] == "no-referrer"
    assert client.post(link, data=NEW).location.endswith("/login")
    assert log_in(client, password=NEW_PASSWORD).status_code == 302
    response = in_english(client).post(link, data=NEW)
    assert response.status_code == 404 and INVALID in text(response)


def test_only_a_hash_of_the_token_is_stored(app, reset_link):
    token = reset_link().rpartition("/")[2]
    with app.app_context():
        stored = db.session.scalar(select(PasswordReset))
        assert token not in (stored.token_hash, stored.kind) and len(token) >= 40


def test_an_expired_link_is_refused(app, client, reset_link):
    link = reset_link()
    with app.app_context():
        stored = db.session.scalar(select(PasswordReset))
        stored.expires_at -= timedelta(hours=24)
        db.session.commit()
    assert INVALID in text(in_english(client).get(link))


def test_a_newer_link_or_a_new_password_ends_the_older_link(
    client, logged_in, reset_link
):
    older = reset_link()
    newer = reset_link()
    assert logged_in.get(older).status_code == 404
    logged_in.post(
        "/account/password",
        data={"current_password": PASSWORD, **NEW},
    )
    assert logged_in.get(newer).status_code == 404


def test_the_new_password_must_be_strong(client, reset_link):
    link = reset_link()
    weak = {"password": "orga@example.org", "password2": "orga@example.org"}
    response = in_english(client).post(link, data=weak)
    assert response.status_code == 400
    assert "must not be your name or e-mail address" in text(response)


def test_an_administrators_link_also_removes_the_second_factor(
    client, logged_in, reset_link
):
    enrol(logged_in)
    logged_in.post(reset_link(), data=NEW)
    assert log_in(client, password=NEW_PASSWORD).location.endswith("/")
    assert is_logged_in(client)


def wait_for_mail(server, count=1):
    deadline = time.monotonic() + 10
    while len(server.messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return server.messages


def test_a_forgotten_password_is_reset_by_mail(client, organiser, mail_server):
    response = in_english(client).post("/forgot", data={"email": "Orga@Example.org"})
    assert SENT in text(client.get(response.location))
    [(recipients, message)] = wait_for_mail(mail_server)
    assert recipients == [EMAIL]
    assert message["Subject"] == "Tischrunde: set a new password"
    link = re.search(r"http://tischrunde\.test(/reset/\S+)", message.get_content())
    assert client.post(link.group(1), data=NEW).status_code == 302
    assert log_in(client, password=NEW_PASSWORD).status_code == 302


def test_the_form_says_the_same_for_an_unknown_address(client, organiser, mail_server):
    in_english(client)
    for address in ("nobody@example.org", EMAIL):
        response = client.post("/forgot", data={"email": address})
        assert SENT in text(client.get(response.location))
    wait_for_mail(mail_server)
    time.sleep(0.2)
    assert mail_server.recipients() == [EMAIL]


def test_a_mailed_link_keeps_the_second_factor(client, logged_in, mail_server):
    secret = enrol(logged_in, steps_ahead=-1)
    client.post("/forgot", data={"email": EMAIL})
    [(_recipients, message)] = wait_for_mail(mail_server)
    link = re.search(r"tischrunde\.test(/reset/\S+)", message.get_content())
    client.post(link.group(1), data=NEW)
    assert log_in(client, password=NEW_PASSWORD).location.endswith("/login/code")
    client.post("/login/code", data={"code": code(secret)})
    assert is_logged_in(client)


def test_reset_mails_to_one_address_are_limited(client, organiser, mail_server):
    for number in range(5):
        client.post(
            "/forgot",
            data={"email": EMAIL},
            environ_base={"REMOTE_ADDR": f"192.0.2.{number}"},
        )
    wait_for_mail(mail_server, 3)
    time.sleep(0.2)
    assert len(mail_server.messages) == 3


def test_the_form_is_rate_limited_per_address(client, organiser, mail_server):
    for _attempt in range(5):
        client.post("/forgot", data={"email": "nobody@example.org"})
    response = in_english(client).post("/forgot", data={"email": EMAIL})
    assert response.status_code == 429 and "Too many requests" in text(response)


def test_without_a_mail_server_the_page_says_whom_to_ask(client, organiser):
    page = text(in_english(client).get("/forgot"))
    assert "Please ask an administrator" in page and 'name="email"' not in page
