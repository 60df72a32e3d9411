import time
from collections import defaultdict, deque
from threading import Lock

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.models import DomainError


class RateLimiter:
    """Sliding-window limit per key, in memory: one server process is the default."""

    def __init__(self):
        self._hits = defaultdict(deque)
        self._lock = Lock()

    def hit(self, key, limit, window):
        with self._lock:
            hits = self._recent(self._hits[key], window)
            if len(hits) >= limit:
                return False
            hits.append(time.monotonic())
            return True

    def used_up(self, key, limit, window):
        """Whether key was seen limit times within window, without counting."""
        with self._lock:
            return len(self._recent(self._hits.get(key, deque()), window)) >= limit

    @staticmethod
    def _recent(hits, window):
        oldest = time.monotonic() - window
        while hits and hits[0] <= oldest:
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


def limit_code_attempts(address):
    """Typed interpreter and voting codes: guessing one stays hopeless."""
    enforce(("code", address), 10, 300, TOO_MANY_ATTEMPTS)


def refuse_link_guesser(address):
    """Secret links from an address that guessed wrong too often are refused,
    right or wrong, until its guesses age out: a hit must tell it nothing."""
    config = current_app.config
    key = ("link", address)
    if limiter.used_up(key, config["LINK_GUESS_LIMIT"], config["LINK_GUESS_WINDOW"]):
        raise DomainError(TOO_MANY_ATTEMPTS, status=429)


def count_link_guess(address):
    """A secret link that named nothing. Only misses count: a room full of
    phones behind one address opens the right links as often as it likes."""
    config = current_app.config
    limiter.hit(
        ("link", address), config["LINK_GUESS_LIMIT"], config["LINK_GUESS_WINDOW"]
    )
