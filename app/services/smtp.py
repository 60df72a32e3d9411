"""Sending one message over SMTP with the MAIL_* settings."""

import smtplib
import ssl

from flask import current_app


class TemporaryFailure(Exception):
    """Worth trying again later: the server is down, busy or refuses us for now."""


class PermanentFailure(Exception):
    """The address or the message is refused for good (a 5xx answer about it)."""


def is_configured():
    return bool(current_app.config["MAIL_SERVER"])


def sender():
    config = current_app.config
    return config["MAIL_SENDER"] or config["MAIL_USERNAME"] or "tischrunde@localhost"


def send(message):
    """Send an EmailMessage; raises TemporaryFailure or PermanentFailure."""
    try:
        with _connect() as connection:
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


def _connect():
    config = current_app.config
    host, port, timeout = (
        config["MAIL_SERVER"],
        config["MAIL_PORT"],
        config["MAIL_TIMEOUT"],
    )
    if config["MAIL_USE_SSL"]:
        connection = smtplib.SMTP_SSL(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            connection.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    except BaseException:
        connection.close()
        raise
    return connection
