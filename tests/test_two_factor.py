"""Two-factor sign-in with an authenticator app: set up on the account page,
asked for after the password, limited tries, switched off with the password or
a code, and set up before getting in where it is required."""

import time

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Organisation, Organiser
from app.services import organisations
from tests.accounts_helpers import (
    code,
    copied,
    enrol,
    in_english,
    is_logged_in,
    log_in,
    text,
)
from tests.conftest import PASSWORD


@pytest.fixture
def secured(app, client, logged_in):
    """(secret, a logged-out client in English) for an account with an app; set
    up with the last step's code, so the current and next step's codes are free."""
    secret = enrol(logged_in, steps_ahead=-1)
    client.post("/logout")
    return secret, in_english(client)


def test_enrolment_shows_the_key_as_qr_code_and_text(logged_in):
    page = text(logged_in.get("/account/two-factor"))
    assert "<svg" in page and 'id="totp-secret"' in page


def test_a_wrong_code_does_not_switch_it_on(app, logged_in, organiser):
    logged_in.get("/account/two-factor")
    response = in_english(logged_in).post(
        "/account/two-factor", data={"code": "000000"}
    )
    assert response.status_code == 400 and "This code is not right" in text(response)
    with app.app_context():
        assert not db.session.get(Organiser, organiser).has_two_factor


def test_switching_it_on_ends_sessions_that_began_without_it(app, logged_in):
    earlier = copied(app, logged_in)
    enrol(logged_in)
    assert is_logged_in(logged_in) and not is_logged_in(earlier)
    assert "After the password, the login asks for a code" in text(
        in_english(logged_in).get("/account")
    )


def test_the_login_asks_for_the_code_after_the_password(secured):
    secret, client = secured
    response = log_in(client)
    assert response.location.endswith("/login/code")
    assert "enter the code it shows" in text(client.get("/login/code"))
    assert not is_logged_in(client)
    assert client.post("/login/code", data={"code": code(secret, 1)}).status_code == 302
    assert is_logged_in(client)


def test_a_code_works_only_once(secured):
    secret, client = secured
    used = code(secret, 1)
    log_in(client)
    client.post("/login/code", data={"code": used})
    client.post("/logout")
    log_in(client)
    response = client.post("/login/code", data={"code": used})
    assert response.status_code == 400 and not is_logged_in(client)


def test_five_wrong_codes_end_the_attempt(secured):
    secret, client = secured
    log_in(client)
    for _attempt in range(4):
        response = client.post("/login/code", data={"code": "000000"})
        assert "This code is not right" in text(response)
    response = client.post("/login/code", data={"code": "000000"})
    assert response.location.endswith("/login")
    response = client.post("/login/code", data={"code": code(secret, 1)})
    assert response.location.endswith("/login") and not is_logged_in(client)


def test_the_half_way_state_expires(secured):
    secret, client = secured
    log_in(client)
    with client.session_transaction() as session:
        session["login_pending"] = {**session["login_pending"], "until": time.time()}
    response = client.post("/login/code", data={"code": code(secret, 1)})
    assert response.location.endswith("/login") and not is_logged_in(client)


def test_wrong_codes_count_towards_the_account_lock(secured):
    secret, client = secured
    for _login in range(2):
        log_in(client)
        for _attempt in range(5):
            client.post("/login/code", data={"code": "000000"})
    response = log_in(client, environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert response.status_code == 429


def test_switching_off_needs_the_password_or_a_code(app, secured, organiser):
    secret, client = secured
    log_in(client)
    client.post("/login/code", data={"code": code(secret, 1)})
    response = client.post("/account/two-factor/off", data={"proof": "guess"})
    assert "neither your password nor a valid code" in text(
        client.get(response.location)
    )
    client.post("/account/two-factor/off", data={"proof": PASSWORD})
    with app.app_context():
        assert not db.session.get(Organiser, organiser).has_two_factor


def test_switching_off_with_a_code(app, secured, organiser):
    secret, client = secured
    log_in(client)
    client.post("/login/code", data={"code": code(secret)})
    client.post("/account/two-factor/off", data={"proof": code(secret, 1)})
    with app.app_context():
        assert not db.session.get(Organiser, organiser).has_two_factor


@pytest.fixture
def demanded(app, organiser):
    """The organiser's organisation requires a second factor."""
    with app.app_context():
        organisation = db.session.scalar(select(Organisation))
        organisations.set_two_factor_required(organisation, True, by=None)


def test_a_required_second_factor_is_set_up_before_getting_in(
    client, organiser, demanded
):
    response = log_in(in_english(client))
    assert response.location.endswith("/login/code")
    assert client.get("/login/code").location.endswith("/login/enrol")
    page = text(client.get("/login/enrol"))
    assert "Your organisation requires a second factor" in page
    assert not is_logged_in(client)
    secret = page.split('id="totp-secret">')[1].split("<")[0]
    response = client.post("/login/enrol", data={"code": code(secret)})
    assert response.status_code == 302 and is_logged_in(client)
    assert "Your organisation requires two-factor sign-in." in text(
        client.get("/account")
    )


def test_a_required_second_factor_cannot_be_switched_off(app, secured, demanded):
    secret, client = secured
    log_in(client)
    client.post("/login/code", data={"code": code(secret, 1)})
    response = client.post("/account/two-factor/off", data={"proof": PASSWORD})
    assert "requires two-factor" in text(client.get(response.location))
