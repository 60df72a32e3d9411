"""Sending one message over SMTP, and saying in the user's language why it failed.

Which server is used is decided in app/services/mail_settings.py."""

import smtplib
import socket
import ssl
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    security: str  # starttls | ssl | none (app/models/settings.py)
    username: str = ""
    password: str = ""
    sender: str = ""
    timeout: float = 20
    source: str = "app"  # environment | app

    @property
    def from_address(self):
        return self.sender or self.username or "tischrunde@localhost"


class TemporaryFailure(Exception):
    """Worth trying again later: the server is down, busy or refuses us for now."""


class PermanentFailure(Exception):
    """The address or the message is refused for good (a 5xx answer about it)."""


def send(message, server):
    """Send an EmailMessage; raises TemporaryFailure or PermanentFailure, with the
    original error as its cause."""
    try:
        with _connect(server) as connection:
            connection.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        raise _by_code(min(codes), error.recipients) from error
    except (smtplib.SMTPDataError, smtplib.SMTPSenderRefused) as error:
        raise _by_code(error.smtp_code, error.smtp_error) from error
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(str(error) or type(error).__name__) from error


def _by_code(code, detail):
    text = detail.decode(errors="replace") if isinstance(detail, bytes) else detail
    failure = PermanentFailure if code >= 500 else TemporaryFailure
    return failure(f"{code} {text}")


def _connect(server):
    if server.security == "ssl":
        connection = smtplib.SMTP_SSL(
            server.host,
            server.port,
            timeout=server.timeout,
            context=ssl.create_default_context(),
        )
    else:
        connection = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    try:
        if server.security == "starttls":
            connection.starttls(context=ssl.create_default_context())
        if server.username:
            connection.login(server.username, server.password)
    except BaseException:
        connection.close()
        raise
    return connection


def explain(failure, server):
    """What went wrong, for the organiser who set the server up: in their language,
    with what the server itself answered."""
    chain = _chain(failure.__cause__ or failure)
    for kinds, describe in _EXPLANATIONS:
        for error in chain:
            if isinstance(error, kinds):
                return describe(error, server)
    return _("The test mail could not be sent: %(error)s", error=_said(chain[0]))


def _chain(error):
    """The error and those it arose from: smtplib reports a timeout while reading
    as "Connection unexpectedly closed", the timeout beneath."""
    chain = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or error.__context__
    return chain


def _said(error):
    """The server's own words (code and text), else the error's."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        error = next(iter(error.recipients.values()))
        return f"{error[0]} {error[1].decode(errors='replace')}"
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        text = text.decode(errors="replace") if isinstance(text, bytes) else text
        return f"{error.smtp_code} {text}"
    return str(error) or type(error).__name__


def _refused_login(error, server):
    return _("The mail server refused the login: %(reply)s", reply=_said(error))


def _unknown_host(error, server):
    return _(
        "The mail server %(server)s was not found. Please check its name.",
        server=server.host,
    )


def _refused_connection(error, server):
    return _(
        "The mail server %(server)s refused the connection on port %(port)s. "
        "Please check the port.",
        server=server.host,
        port=server.port,
    )


def _tls_failed(error, server):
    return _(
        "The encrypted connection (TLS) to %(server)s failed: %(reason)s. "
        "Please check the encryption setting and the port.",
        server=server.host,
        reason=_said(error),
    )


def _timed_out(error, server):
    return ngettext(
        "The mail server %(server)s did not answer within %(num)s second. Please "
        "check the server name, the port and the encryption setting.",
        "The mail server %(server)s did not answer within %(num)s seconds. Please "
        "check the server name, the port and the encryption setting.",
        round(server.timeout),
        server=server.host,
    )


def _refused_sender(error, server):
    return _(
        "The mail server refused the sender address %(sender)s: %(reply)s",
        sender=server.from_address,
        reply=_said(error),
    )


def _refused_recipient(error, server):
    return _("The mail server refused the recipient: %(reply)s", reply=_said(error))


def _disconnected(error, server):
    return _(
        "The mail server %(server)s closed the connection: %(reason)s",
        server=server.host,
        reason=_said(error),
    )


# Most specific first: an SSL error and a timeout are OSErrors too.
_EXPLANATIONS = (
    (smtplib.SMTPAuthenticationError, _refused_login),
    (socket.gaierror, _unknown_host),
    (ConnectionRefusedError, _refused_connection),
    ((ssl.SSLError, smtplib.SMTPNotSupportedError), _tls_failed),
    (TimeoutError, _timed_out),
    (smtplib.SMTPSenderRefused, _refused_sender),
    (smtplib.SMTPRecipientsRefused, _refused_recipient),
    (smtplib.SMTPServerDisconnected, _disconnected),
)
