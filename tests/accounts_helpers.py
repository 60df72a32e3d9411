"""Logging in through the pages, reading codes, copying a browser's cookies."""

import re
import time

import pyotp

from tests.conftest import PASSWORD

EMAIL = "orga@example.org"
NEW_PASSWORD = "Kastanienallee-27"
COOKIES = ("session", "remember_token")


def log_in(client, email=EMAIL, password=PASSWORD, **kwargs):
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def is_logged_in(client):
    return client.get("/account").status_code == 200


def copied(app, client, names=COOKIES):
    """Another browser holding a copy of some of this browser's cookies."""
    other = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        if cookie is not None:
            other.set_cookie(name, cookie.value)
    return other


def code(secret, steps_ahead=0):
    """The authenticator app's code, steps_ahead 30-second steps from now (a
    code works once: the next login takes the next step's)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def enrol(client, steps_ahead=0):
    """Switch two-factor sign-in on from the account page; returns the secret."""
    page = client.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    response = client.post(
        "/account/two-factor", data={"code": code(secret, steps_ahead)}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return secret


def in_english(client):
    client.get("/lang/en")
    return client


def text(response):
    return response.get_data(as_text=True)
