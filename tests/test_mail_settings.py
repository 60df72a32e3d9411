"""An organiser enters the mail server in the app, against real SMTP servers
(aiosmtpd, with login and TLS): used at once, the password never shown again,
failures explained, the environment's MAIL_SERVER still first."""

import logging
import socket

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Event, MailSettings, Organisation
from app.services import addresses, mail_settings, mailing, outbox, secret_box
from tests.certificates import make_certificate, server_context
from tests.conftest import MailServer, mail_url
from tests.live_server import free_port

PASSWORD = "Geheimes-SMTP-Passwort-42"
SENDER = "beteiligung@example.org"


@pytest.fixture
def smtp_server():
    """smtp_server(tls=..., context=..., login=...) -> a started aiosmtpd server."""
    started = []

    def start(**options):
        server = MailServer(free_port(), **options)
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def certificate(tmp_path):
    return make_certificate(tmp_path)


@pytest.fixture
def trusted(certificate, monkeypatch):
    """This machine trusts the test certificate, as it would its mail provider's."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    return certificate


@pytest.fixture
def organiser_page(ctx, logged_in):
    """A logged-in organiser's browser in English; the test has an app context."""
    logged_in.get("/lang/en")
    return logged_in


def save(client, smtp, **values):
    """Post the settings form: smtp is the test's server (None: give a port)."""
    form = {
        "server": "127.0.0.1",
        "port": smtp.port if smtp else 25,
        "security": "none",
        "username": "",
        "password": "",
        "sender": SENDER,
    }
    return client.post(mail_url(client), data=form | values)


def send_test_mail(client, address="olga@example.org"):
    response = client.post(
        mail_url(client, "/test"), data={"address": address}, follow_redirects=True
    )
    return response.get_data(as_text=True)


def test_saved_settings_are_used_at_once_for_a_test_mail(organiser_page, smtp_server):
    server = smtp_server()

    saved = save(organiser_page, server)
    page = send_test_mail(organiser_page)

    assert saved.status_code == 302
    assert "The test mail was sent" in page
    assert server.recipients() == ["olga@example.org"]
    assert server.messages[0][1]["From"] == SENDER


def test_the_password_is_stored_encrypted_and_never_shown_again(
    app, organiser_page, smtp_server, trusted, caplog
):
    server = smtp_server(
        tls="starttls", context=server_context(trusted), login=("olga", PASSWORD)
    )
    caplog.set_level(logging.INFO)
    settings = {"security": "starttls", "username": "olga"}

    save(organiser_page, server, password=PASSWORD, **settings)
    save(organiser_page, server, password="", **settings)  # empty: keeps it

    pages = [organiser_page.get(path) for path in (mail_url(organiser_page), "/")]
    assert all(PASSWORD not in page.get_data(as_text=True) for page in pages)
    assert "A password is stored" in pages[0].get_data(as_text=True)
    stored = db.session.scalar(select(MailSettings))
    assert PASSWORD not in stored.password_token
    assert PASSWORD not in caplog.text
    assert "The test mail was sent" in send_test_mail(organiser_page)
    assert server.recipients() == ["olga@example.org"]


def test_a_stored_password_can_be_removed(organiser_page, smtp_server):
    server = smtp_server()
    save(organiser_page, server, username="olga", password=PASSWORD)

    save(organiser_page, server, username="olga", forget_password="y")

    assert db.session.scalar(select(MailSettings)).password_token is None
    page = organiser_page.get(mail_url(organiser_page)).get_data(as_text=True)
    assert "A password is stored" not in page


def test_a_refused_login_is_explained_with_the_servers_answer(
    organiser_page, smtp_server, trusted
):
    server = smtp_server(
        tls="starttls", context=server_context(trusted), login=("olga", PASSWORD)
    )
    save(organiser_page, server, security="starttls", username="olga", password="x")

    page = send_test_mail(organiser_page)

    assert "The mail server refused the login: 535" in page
    assert "Authentication credentials invalid" in page
    assert server.messages == []


def test_tls_from_the_start_works_with_a_trusted_certificate(
    organiser_page, smtp_server, trusted
):
    server = smtp_server(tls="ssl", context=server_context(trusted))
    save(organiser_page, server, security="ssl")

    assert "The test mail was sent" in send_test_mail(organiser_page)
    assert server.recipients() == ["olga@example.org"]


def test_tls_failures_are_explained(organiser_page, smtp_server, certificate):
    untrusted = smtp_server(tls="starttls", context=server_context(certificate))
    plain = smtp_server()

    save(organiser_page, untrusted, security="starttls")
    not_trusted = send_test_mail(organiser_page)
    save(organiser_page, plain, security="starttls")
    not_offered = send_test_mail(organiser_page)

    assert "The encrypted connection (TLS) to 127.0.0.1 failed" in not_trusted
    assert "certificate verify failed" in not_trusted
    assert "The encrypted connection (TLS) to 127.0.0.1 failed" in not_offered
    assert "STARTTLS extension not supported" in not_offered


def test_a_wrong_host_or_port_is_explained_not_a_stack_trace(organiser_page):
    save(organiser_page, None, server="mail.tischrunde.invalid", port=587)
    unknown = send_test_mail(organiser_page)
    save(organiser_page, None, port=free_port())
    refused = send_test_mail(organiser_page)

    assert "The mail server mail.tischrunde.invalid was not found" in unknown
    assert "refused the connection on port" in refused
    assert "Traceback" not in unknown + refused


class HostileMailServer(MailServer):
    """Refuses every recipient with markup in its answer."""

    async def handle_RCPT(self, server, session, envelope, address, options):
        return "550 <img src=x onerror=alert(1)>"


def test_the_servers_answer_is_shown_as_text_not_markup(organiser_page):
    server = HostileMailServer(free_port())
    server.start()
    try:
        save(organiser_page, server)
        page = send_test_mail(organiser_page)
    finally:
        server.stop()

    assert "550 &lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page


def test_a_server_that_never_answers_is_explained(app, organiser_page):
    silent = socket.create_server(("127.0.0.1", 0))  # accepts, never greets
    app.config["MAIL_TIMEOUT"] = 1
    try:
        save(organiser_page, None, port=silent.getsockname()[1])
        page = send_test_mail(organiser_page)
    finally:
        app.config["MAIL_TIMEOUT"] = 20
        silent.close()

    assert "did not answer within 1 second." in page


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("port", "0", "A port is a number from 1 to 65535."),
        ("port", "65536", "A port is a number from 1 to 65535."),
        ("port", "", "Please enter the port"),
        ("server", "smtp://mail.example.org", "Please enter only the server"),
        ("server", "mail example org", "Please enter only the server"),
        ("sender", "kein-at.example.org", "Invalid email address"),
    ],
)
def test_wrong_settings_are_refused_with_a_message(
    organiser_page, field, value, message
):
    response = save(organiser_page, None, **{field: value})

    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(MailSettings)) is None


def test_saving_needs_the_forms_csrf_token(app, organiser_page):
    app.config["WTF_CSRF_ENABLED"] = True

    response = save(organiser_page, None)

    assert response.status_code == 400
    assert db.session.scalar(select(MailSettings)) is None


def test_test_mails_are_rate_limited(organiser_page, smtp_server):
    server = smtp_server()
    save(organiser_page, server)

    pages = [send_test_mail(organiser_page) for _ in range(6)]

    assert len(server.messages) == 5
    assert "many test mails" in pages[-1]


def test_only_a_logged_in_organiser_reaches_the_settings(client):
    assert client.get("/organisations/1/mail").status_code == 302
    assert client.post("/organisations/1/mail", data={}).status_code == 403
    assert client.post("/organisations/1/mail/test", data={}).status_code == 403


def test_who_changed_the_settings_is_in_the_log(organiser_page, smtp_server, caplog):
    caplog.set_level(logging.INFO)

    save(organiser_page, smtp_server(), username="olga", password=PASSWORD)

    assert "mail settings changed by organiser" in caplog.text
    assert "orga@example.org" in caplog.text and "password" in caplog.text


def test_the_environments_mail_server_wins_and_cannot_be_changed_here(
    organiser_page, mail_server, smtp_server
):
    elsewhere = smtp_server()
    db.session.add(
        MailSettings(
            server="127.0.0.1", port=elsewhere.port, security="none", sender=SENDER
        )
    )
    db.session.commit()

    page = organiser_page.get(mail_url(organiser_page)).get_data(as_text=True)
    refused = save(organiser_page, elsewhere)
    send_test_mail(organiser_page)

    assert "set in the environment" in page and 'name="server"' not in page
    assert refused.status_code == 409
    assert mail_server.recipients() == ["olga@example.org"]
    assert elsewhere.messages == []


def test_the_outbox_sends_with_the_stored_settings_and_follows_a_change(
    organiser_page, make_event, smtp_server
):
    first, second = smtp_server(), smtp_server()
    save(organiser_page, first)
    event = db.session.get(Event, make_event())
    addresses.add_addresses(event, "ana@example.org\nben@example.org", "de")
    mailing.start_mailing(event)

    outbox.work_once(limit=1)
    save(organiser_page, second)
    outbox.work_once()

    assert first.recipients() == ["ana@example.org"]
    assert second.recipients() == ["ben@example.org"]


def test_a_password_sealed_under_another_secret_key_asks_to_be_entered_again(
    app, organiser_page, smtp_server
):
    save(organiser_page, smtp_server(), username="olga", password=PASSWORD)
    app.config["SECRET_KEY"] = "the-secret-key-before"
    try:
        sealed_before = secret_box.seal(PASSWORD)
    finally:
        app.config["SECRET_KEY"] = "test-secret"
    db.session.scalar(select(MailSettings)).password_token = sealed_before
    db.session.commit()

    page = organiser_page.get(mail_url(organiser_page)).get_data(as_text=True)

    assert "can no longer be read" in page
    assert mail_settings.current(db.session.scalar(select(Organisation))).password == ""
