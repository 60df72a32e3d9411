"""One password rule for setting up, changing and resetting: at least 10
characters, none of the 20,000 most common passwords, not the own name."""

from types import SimpleNamespace

import pytest

from app.services.passwords import password_problem
from tests.accounts_helpers import NEW_PASSWORD, in_english, is_logged_in, log_in, text
from tests.conftest import PASSWORD

OLGA = SimpleNamespace(email="olga.organiser@example.org", name="Olga Organiser")


@pytest.mark.parametrize(
    "password",
    ["short-1", "sonnenschein", "SonnenSchein", " Blackberry ", "olga.organiser"],
)
def test_weak_passwords_are_refused(ctx, password):
    assert password_problem(password, OLGA) is not None


def test_a_long_uncommon_password_passes(ctx):
    assert password_problem(NEW_PASSWORD, OLGA) is None


def test_the_problem_is_said_in_the_users_language(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert "most common" in str(password_problem("sonnenschein"))


def test_setup_refuses_a_common_password(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "")  # set up on this machine
    form = {
        "name": "Olga",
        "email": "olga@example.org",
        "password": "blackberry",
        "password2": "blackberry",
    }
    page = text(in_english(client).post("/setup", data=form))
    assert "one of the most common passwords" in page
    assert client.get("/").location.endswith("/setup")


def test_the_cli_refuses_a_short_password(app):
    result = app.test_cli_runner().invoke(
        args=["create-organiser", "--email", "c@example.org", "--name", "C"]
        + ["--password", "kurz"]
    )
    assert result.exit_code != 0 and "10" in result.output


def change(client, current=PASSWORD, new=NEW_PASSWORD, repeat=None):
    return client.post(
        "/account/password",
        data={"current_password": current, "password": new, "password2": repeat or new},
    )


def test_changing_the_password_needs_the_current_one(client, logged_in):
    response = change(in_english(logged_in), current="not-my-password")
    assert response.status_code == 400
    assert "The current password is not right." in text(response)
    client.post("/logout")
    assert log_in(client).status_code == 302


def test_a_weak_new_password_is_refused_with_a_reason(logged_in):
    response = change(in_english(logged_in), new="qwertyuiop")
    assert response.status_code == 400 and "most common" in text(response)
    assert "The passwords differ." in text(change(logged_in, repeat=NEW_PASSWORD + "x"))


def test_the_new_password_works_and_the_old_one_no_longer(client, logged_in):
    assert change(logged_in).status_code == 302
    client.post("/logout")
    assert log_in(client).status_code == 200
    assert log_in(client, password=NEW_PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_the_password_page_refuses_guessing(logged_in):
    for _attempt in range(10):
        change(logged_in, current="guess")
    assert change(logged_in).status_code == 429
