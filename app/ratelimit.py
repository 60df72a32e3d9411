"""Rate limits as moving windows of Flask-Limiter's `limits` strategy, called from
views, services and socket handlers alike (so not as route decorators)."""

import time

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage

from app.extensions import limiter
from app.models import DomainError

REDIS_SCHEMES = ("redis://", "rediss://", "redis+unix://")
MEMORY = "tischrunde-memory://"
SWEEP_SECONDS = 5.0
TOO_MANY_ATTEMPTS = _l("Too many attempts. Please wait a few minutes and try again.")


def init_limiter(app):
    """Counts live in RATELIMIT_STORAGE_URI, else in the Redis of the live pushes
    (so every process counts alike), else in this process's memory."""
    config = app.config
    queue = config["SOCKETIO_MESSAGE_QUEUE"] or ""
    uri = config["RATELIMIT_STORAGE_URI"]
    if not uri:
        uri = queue if queue.startswith(REDIS_SCHEMES) else MEMORY
    config["RATELIMIT_STORAGE_URI"] = uri
    if uri.startswith(REDIS_SCHEMES):
        # Installations sharing one Redis keep apart, as their pushes do.
        options = {"key_prefix": f"{config['SOCKETIO_CHANNEL']}-limits"}
        config.setdefault("RATELIMIT_STORAGE_OPTIONS", options)
    limiter.init_app(app)


class SweepingSeldom(MemoryStorage):
    """`limits`' memory storage, sweeping out expired hits at most every
    SWEEP_SECONDS, inline, instead of 100 times a second in a timer thread that
    each hit re-arms (the sweep walks every key: with a room of phones voting it
    took a fifth of the server's CPU, and asking whether the timer lives yields
    under gevent, in the middle of a request). The sweep only frees memory; a
    moving window never counts a hit older than its window."""

    STORAGE_SCHEME = [MEMORY.removesuffix("://")]
    next_sweep = 0.0

    def _MemoryStorage__schedule_expiry(self):
        now = time.monotonic()
        if now >= self.next_sweep:
            self.next_sweep = now + SWEEP_SECONDS
            self._MemoryStorage__expire_events()


def _per(limit, window):
    return RateLimitItemPerSecond(limit, window)


def enforce(key, limit, window, message):
    """Refuse with 429 once key was seen limit times within window seconds."""
    if not limiter.limiter.hit(_per(limit, window), *key):
        raise DomainError(message, status=429)


def _full(key, limit, window):
    """True when key was noted limit times within window seconds; asking notes
    nothing (failures are noted apart, with _note)."""
    return not limiter.limiter.test(_per(limit, window), *key)


def _note(key, limit, window):
    """Notes one more for key. Callers refuse with _full first, so a full window
    (where the strategy notes nothing more) is never asked to note."""
    limiter.limiter.hit(_per(limit, window), *key)


def limit_cards(participant_id):
    config = current_app.config
    enforce(
        ("card", participant_id),
        config["CARD_RATE_LIMIT"],
        config["CARD_RATE_WINDOW"],
        _l("You are sending cards very fast. Please wait a moment and try again."),
    )


def limit_photos(participant_id):
    config = current_app.config
    enforce(
        ("photo", participant_id),
        config["PHOTO_RATE_LIMIT"],
        config["PHOTO_RATE_WINDOW"],
        _l("You are sending many photos. Please wait a few minutes and try again."),
    )


def limit_votes(participant_id):
    config = current_app.config
    enforce(
        ("vote", participant_id),
        config["VOTE_RATE_LIMIT"],
        config["VOTE_RATE_WINDOW"],
        _l("You are voting very fast. Please wait a moment and try again."),
    )


def limit_phone_actions(participant_id):
    """Hosts tidying cards, phones reacting in the gallery walk."""
    enforce(
        ("action", participant_id),
        120,
        60,
        _l("You are doing this very fast. Please wait a moment and try again."),
    )


def limit_barrier_reports(address):
    """The public barrier form: a room behind one address can still report,
    a script cannot fill the organisers' mailbox."""
    enforce(
        ("barrier", address),
        current_app.config["BARRIER_RATE_LIMIT"],
        3600,
        _l("You have sent many reports. Please wait a while and try again."),
    )


def limit_test_mails(organiser_id):
    """Each test mail goes out at once: nobody can use the form to send a flood."""
    enforce(
        ("test-mail", organiser_id),
        5,
        600,
        _l("That was many test mails. Please wait a few minutes and try again."),
    )


def limit_logins(address):
    enforce(
        ("login", address),
        10,
        300,
        _l("Too many login attempts. Please wait a few minutes and try again."),
    )


def _account_key(email):
    return ("login-account", email.strip().lower())


def _account_limit():
    config = current_app.config
    return config["LOGIN_ACCOUNT_FAILURES"], config["LOGIN_ACCOUNT_WINDOW"]


def refuse_locked_account(email):
    """After LOGIN_ACCOUNT_FAILURES failed logins (wrong passwords or codes) within
    LOGIN_ACCOUNT_WINDOW seconds the account refuses every login for a while.
    Keyed by the address typed, so an address without an account answers alike."""
    failures, window = _account_limit()
    if _full(_account_key(email), failures, window):
        minutes = max(1, window // 60)
        message = lazy_ngettext(
            "After many failed logins this account is locked for its protection. "
            "Please try again in %(num)s minute.",
            "After many failed logins this account is locked for its protection. "
            "Please try again in %(num)s minutes.",
            minutes,
        )
        raise DomainError(message, status=429)


def note_failed_login(email):
    _note(_account_key(email), *_account_limit())


def forget_failed_logins(email):
    limiter.limiter.clear(_per(*_account_limit()), *_account_key(email))


def limit_password_checks(organiser_id):
    """Typing the current password (or a code) on the account pages: a taken-over
    session cannot try passwords there instead of at the login."""
    enforce(("password-check", organiser_id), 10, 900, TOO_MANY_ATTEMPTS)


def limit_reset_requests(address):
    enforce(
        ("reset-request", address),
        5,
        900,
        _l("Too many requests. Please wait a few minutes and try again."),
    )


def reset_mail_allowed(email):
    """At most 3 reset mails an hour to one address: the form cannot flood a
    mailbox. Silently, so it tells nothing about whether the account exists."""
    return limiter.limiter.hit(_per(3, 3600), "reset-mail", email.strip().lower())


def limit_code_attempts(address):
    """Typed interpreter and voting codes: guessing one stays hopeless."""
    enforce(("code", address), 10, 300, TOO_MANY_ATTEMPTS)


def refuse_link_guesser(address):
    """Secret links from an address that guessed wrong too often are refused,
    right or wrong, until its guesses age out: a hit must tell it nothing."""
    if _full(("link", address), *_link_guess_limit()):
        raise DomainError(TOO_MANY_ATTEMPTS, status=429)


def count_link_guess(address):
    """A secret link that named nothing. Only misses count: a room full of
    phones behind one address opens the right links as often as it likes."""
    _note(("link", address), *_link_guess_limit())


def _link_guess_limit():
    config = current_app.config
    return config["LINK_GUESS_LIMIT"], config["LINK_GUESS_WINDOW"]
