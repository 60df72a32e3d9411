"""The outbox worker: sends queued mails, retries failures with growing pauses,
deletes addresses whose keeping period is over.

A mail is claimed with one UPDATE that only succeeds while it is due, and holds
a lease while it is sent: two workers (two processes, or a restarted one) never
send the same mail, and a mail whose worker died is sent again after the lease."""

import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from app.extensions import db, socketio
from app.live import broadcast
from app.models import OutboxMail, ReportDocument
from app.models.base import utcnow
from app.network import base_url
from app.services import addresses, mail_settings, smtp
from app.services.mail_kinds import kind_of
from app.services.mailing import progress

PURGE_INTERVAL = 3600


def _due(now):
    return or_(
        (OutboxMail.state == "queued") & (OutboxMail.next_attempt_at <= now),
        (OutboxMail.state == "sending") & (OutboxMail.lease_until < now),
    )


def claim_next(now=None):
    """The next due mail, now leased to this worker; None when nothing is due."""
    now = now or utcnow()
    lease = timedelta(seconds=current_app.config["OUTBOX_LEASE_SECONDS"])
    for mail_id in db.session.scalars(
        select(OutboxMail.id).where(_due(now)).order_by(OutboxMail.id).limit(20)
    ).all():
        claimed = db.session.execute(
            update(OutboxMail)
            .where(OutboxMail.id == mail_id, _due(now))
            .values(
                state="sending",
                lease_until=now + lease,
                attempts=OutboxMail.attempts + 1,
            )
        )
        db.session.commit()
        if claimed.rowcount == 1:
            return db.session.get(OutboxMail, mail_id, populate_existing=True)
    return None


def deliver(mail):
    """Send one claimed mail and record the outcome."""
    kind = kind_of(mail)
    recipient = kind.recipient(mail)
    if recipient is None:
        mail.cancel()
    else:
        _send(mail, kind, recipient)
    db.session.commit()
    current_app.logger.info("outbox mail %s: %s", mail.id, mail.state)
    if mail.event_id is not None:
        broadcast.mailing_changed(mail.event_id, progress(mail.event_id), mail)


def _send(mail, kind, address):
    config = current_app.config
    try:
        server = _server(kind.organisation(mail))
        smtp.send(kind.message(mail, address, server.from_address), server)
    except (smtp.TemporaryFailure, smtp.PermanentFailure, LookupError) as error:
        policy = (
            config["OUTBOX_MAX_ATTEMPTS"],
            config["OUTBOX_RETRY_SECONDS"],
            config["OUTBOX_RETRY_MAX_SECONDS"],
        )
        permanent = not isinstance(error, smtp.TemporaryFailure)
        mail.attempt_failed(error, utcnow(), permanent, policy)
    else:
        now = utcnow()
        mail.sent(now)
        kind.delivered(address, now)


def _server(organisation):
    """The settings of this moment: a change in the app applies to the next mail."""
    server = mail_settings.current(organisation)
    if server is None:
        raise smtp.TemporaryFailure("no mail server is set up")
    return server


def work_once(limit=100, now=None):
    """Send what is due (at `now`), at most `limit` mails; returns how many."""
    handled = 0
    with current_app.test_request_context(base_url=base_url()):
        while handled < limit and (mail := claim_next(now)) is not None:
            deliver(mail)
            handled += 1
    return handled


def delete_expired(now=None):
    """Addresses past their keeping period, and report links past their expiry."""
    now = now or utcnow()
    removed = addresses.delete_expired(now)
    documents = db.session.scalars(
        select(ReportDocument).where(ReportDocument.expires_at <= now)
    ).all()
    for document in documents:
        db.session.delete(document)
    db.session.commit()
    return removed, len(documents)


def run(app, rounds=None):
    """The worker loop: every OUTBOX_POLL_INTERVAL seconds, forever (or `rounds`)."""
    next_purge = 0.0
    while rounds is None or rounds > 0:
        with app.app_context():
            next_purge = _round(next_purge)
        rounds = None if rounds is None else rounds - 1
        socketio.sleep(app.config["OUTBOX_POLL_INTERVAL"])


def _round(next_purge):
    """One pass; a failure is logged and the next pass tries again."""
    try:
        work_once()
        if time.monotonic() >= next_purge:
            delete_expired()
            next_purge = time.monotonic() + PURGE_INTERVAL
    except Exception:
        db.session.rollback()
        current_app.logger.exception("outbox worker: pass failed")
    finally:
        db.session.remove()
    return next_purge


_started = set()


def start_worker(app):
    """Start the in-process worker once per process (gunicorn.conf.py calls this)."""
    if not app.config["OUTBOX_WORKER"] or id(app) in _started:
        return
    _started.add(id(app))
    socketio.start_background_task(run, app)
    app.logger.info("outbox worker started")
