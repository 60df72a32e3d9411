import time
from collections import defaultdict, deque
from threading import Lock

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from app.models import DomainError


class RateLimiter:
    """Sliding-window limit per key, in memory: one server process is the default."""

    def __init__(self, clock=time.monotonic):
        self._hits = defaultdict(deque)
        self._lock = Lock()
        self.clock = clock

    def hit(self, key, limit, window):
        now = self.clock()
        with self._lock:
            hits = self._recent(key, window, now)
            if len(hits) >= limit:
                return False
            hits.append(now)
            return True

    def full(self, key, limit, window):
        """True when key was noted limit times within window seconds; asking
        notes nothing (failures are noted apart, with note)."""
        with self._lock:
            return len(self._recent(key, window, self.clock())) >= limit

    def note(self, key):
        with self._lock:
            self._hits[key].append(self.clock())

    def forget(self, key):
        with self._lock:
            self._hits.pop(key, None)

    def _recent(self, key, window, now):
        hits = self._hits[key]
        while hits and hits[0] <= now - window:
            hits.popleft()
        return hits

    def reset(self):
        with self._lock:
            self._hits.clear()


limiter = RateLimiter()
TOO_MANY_ATTEMPTS = _l("Too many attempts. Please wait a few minutes and try again.")


def enforce(key, limit, window, message):
    """Refuse with 429 once key was seen limit times within window seconds."""
    if not limiter.hit(key, limit, window):
        raise DomainError(message, status=429)


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


def refuse_locked_account(email):
    """After LOGIN_ACCOUNT_FAILURES failed logins (wrong passwords or codes) within
    LOGIN_ACCOUNT_WINDOW seconds the account refuses every login for a while.
    Keyed by the address typed, so an address without an account answers alike."""
    config = current_app.config
    window = config["LOGIN_ACCOUNT_WINDOW"]
    if limiter.full(_account_key(email), config["LOGIN_ACCOUNT_FAILURES"], window):
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
    limiter.note(_account_key(email))


def forget_failed_logins(email):
    limiter.forget(_account_key(email))


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
    return limiter.hit(("reset-mail", email.strip().lower()), 3, 3600)


def limit_code_attempts(address):
    """Typed interpreter and voting codes: guessing one stays hopeless."""
    enforce(("code", address), 10, 300, TOO_MANY_ATTEMPTS)


def refuse_link_guesser(address):
    """Secret links from an address that guessed wrong too often are refused,
    right or wrong, until its guesses age out: a hit must tell it nothing."""
    config = current_app.config
    key = ("link", address)
    if limiter.full(key, config["LINK_GUESS_LIMIT"], config["LINK_GUESS_WINDOW"]):
        raise DomainError(TOO_MANY_ATTEMPTS, status=429)


def count_link_guess(address):
    """A secret link that named nothing. Only misses count: a room full of
    phones behind one address opens the right links as often as it likes."""
    limiter.note(("link", address))
