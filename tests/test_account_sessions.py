"""Logging out, a new password or "sign out everywhere" end every session and
remember-me cookie of the account at once, also copies of them."""

import pytest
from flask import session

from app.extensions import db
from app.models import Organiser
from app.services import accounts
from tests.accounts_helpers import (
    NEW_PASSWORD,
    copied,
    in_english,
    is_logged_in,
    log_in,
    text,
)
from tests.conftest import PASSWORD


@pytest.fixture
def copies(app, logged_in):
    """(session cookie copy, remember cookie copy), both working at first."""
    copies = (
        copied(app, logged_in, ["session"]),
        copied(app, logged_in, ["remember_token"]),
    )
    assert all(is_logged_in(copy) for copy in copies)
    return copies


def test_a_copied_cookie_no_longer_works_after_logout(app, logged_in, copies):
    logged_in.post("/logout")
    assert not is_logged_in(logged_in)
    assert not any(is_logged_in(copy) for copy in copies)


def test_a_new_password_ends_the_other_sessions_but_not_this_one(
    app, logged_in, copies
):
    response = logged_in.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert is_logged_in(logged_in)
    assert not any(is_logged_in(copy) for copy in copies)


def test_sign_out_everywhere_ends_every_session_of_the_account(
    app, logged_in, copies, organiser
):
    with app.app_context():
        accounts.sign_out_everywhere(db.session.get(Organiser, organiser))
    assert not is_logged_in(logged_in)
    assert not any(is_logged_in(copy) for copy in copies)


def test_a_reset_link_ends_every_session(app, logged_in, copies, organiser):
    with app.test_request_context():
        link = accounts.issue_reset_link(db.session.get(Organiser, organiser))
    other = app.test_client()
    form = {"password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert other.post(link, data=form).status_code == 302
    assert not is_logged_in(logged_in)
    assert not any(is_logged_in(copy) for copy in copies)


def test_logging_in_starts_a_fresh_session_that_keeps_the_language(client, organiser):
    in_english(client)
    with client.session_transaction() as before:
        before["participant"] = "left-over"
    log_in(client)
    with client.session_transaction() as after:
        assert "participant" not in after and after["locale"] == "en"
    assert "Your account" in text(client.get("/account"))


def test_the_session_carries_the_session_token_not_the_id(app, client, organiser):
    log_in(client)
    with client:
        client.get("/account")
        token = db.session.get(Organiser, organiser).session_token
        assert session["_user_id"] == token != str(organiser)


def test_logging_out_in_one_browser_logs_out_the_others(app, client, organiser):
    second = app.test_client()
    log_in(client), log_in(second)
    client.post("/logout")
    assert not is_logged_in(second)
    log_in(second)
    assert is_logged_in(second)
