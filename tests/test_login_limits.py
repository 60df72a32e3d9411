"""Failed logins are limited per account as well as per address: an account
that saw 10 failures in 15 minutes refuses logins for a while, and an address
without an account answers exactly alike."""

import time
from types import SimpleNamespace

import limits.storage.memory

from app.services import accounts
from tests.accounts_helpers import in_english, is_logged_in, log_in, text
from tests.conftest import PASSWORD

LOCKED = "After many failed logins this account is locked for its protection."


def from_address(number):
    return {"environ_base": {"REMOTE_ADDR": f"192.0.2.{number}"}}


def fail_ten_times(client, email):
    in_english(client)
    for number in range(10):
        response = log_in(client, email, "wrong-password", **from_address(number))
        assert "wrong" in text(response)


def test_ten_failures_lock_the_account_even_for_the_right_password(client, organiser):
    fail_ten_times(client, "orga@example.org")
    response = log_in(client, **from_address(99))
    assert response.status_code == 429
    assert LOCKED in text(response) and "15 minutes" in text(response)
    assert not is_logged_in(client)


def test_an_unknown_address_is_locked_alike(client, organiser):
    fail_ten_times(client, "nobody@example.org")
    response = log_in(client, "nobody@example.org", "x" * 12, **from_address(99))
    assert response.status_code == 429 and LOCKED in text(response)


def test_the_lock_ends_after_the_window(client, organiser, monkeypatch):
    fail_ten_times(client, "orga@example.org")
    assert log_in(client, **from_address(99)).status_code == 429
    later = time.time() + 901
    monkeypatch.setattr(
        limits.storage.memory, "time", SimpleNamespace(time=lambda: later)
    )
    assert log_in(client, **from_address(98)).status_code == 302


def test_other_accounts_are_not_locked(app, client, organiser):
    with app.app_context():
        accounts.create_organiser("other@example.org", "Other", PASSWORD)
    fail_ten_times(client, "orga@example.org")
    response = log_in(client, "other@example.org", **from_address(99))
    assert response.status_code == 302


def test_one_address_is_still_limited_across_accounts(client, organiser):
    for number in range(10):
        log_in(in_english(client), f"guess{number}@example.org", "wrong-password")
    response = log_in(client)
    assert response.status_code == 429
    assert "Too many login attempts" in text(response)
