"""Server processes behind one Redis message queue count rate limits together: a
phone cannot spread its cards over two servers to send twice as many."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/12"

# One server process, as gunicorn's gevent worker runs it: it sends cards for
# phone 7 (at most 3 a minute), prints how many went through and, when asked,
# resets the limits afterwards as the tests do.
SEND_CARDS = """
from gevent import monkey

monkey.patch_all()
import sys

from app import create_app
from app.extensions import limiter
from app.models import DomainError
from app.ratelimit import limit_cards

queue, storage, count, then = sys.argv[1:]
app = create_app(
    {
        "SECRET_KEY": "test",
        "SOCKETIO_MESSAGE_QUEUE": queue,
        "SOCKETIO_CHANNEL": "limits-test",
        "RATELIMIT_STORAGE_URI": storage,
        "CARD_RATE_LIMIT": 3,
    }
)
sent = 0
with app.app_context():
    for _ in range(int(count)):
        try:
            limit_cards(7)
            sent += 1
        except DomainError:
            pass
print("sent:", sent)
if then == "reset":
    limiter.reset()
"""


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(
    not redis_answers(), reason="no Redis answers PING at 127.0.0.1:6379"
)


@pytest.fixture
def empty_redis():
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


def cards_sent(tmp_path, count, storage="", then=""):
    """Cards a fresh server process lets through out of `count`."""
    result = subprocess.run(
        [sys.executable, "-c", SEND_CARDS, REDIS_URL, storage, str(count), then],
        cwd=ROOT,
        env={**os.environ, "INSTANCE_PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stdout.split("sent:")[1])


def test_two_servers_on_one_redis_count_a_phones_cards_together(empty_redis, tmp_path):
    assert cards_sent(tmp_path, 2) == 2
    assert empty_redis.keys("limits-test-limits:*")
    assert cards_sent(tmp_path, 2, then="reset") == 1
    assert not empty_redis.keys("limits-test-limits:*")


def test_a_storage_of_its_own_overrides_the_queue(empty_redis, tmp_path):
    assert cards_sent(tmp_path, 4, storage="memory://") == 3
    assert not empty_redis.keys()


def test_the_memory_storage_counts_without_sweeping_and_sweeps_seldom():
    """Expired hits are swept out at most every SWEEP_SECONDS; until then the
    moving window still counts only the hits inside it."""
    import time

    from limits import RateLimitItemPerSecond
    from limits.strategies import MovingWindowRateLimiter

    from app.ratelimit import MEMORY, SweepingSeldom

    storage = SweepingSeldom(MEMORY)
    window = MovingWindowRateLimiter(storage)
    twice = RateLimitItemPerSecond(2, 1)
    assert window.hit(twice, "phone") and window.hit(twice, "phone")
    assert not window.hit(twice, "phone")
    storage.next_sweep = time.monotonic() + 60  # no sweep during the test
    time.sleep(1.05)
    assert window.hit(twice, "phone")  # the old hits left the window unswept
    key = twice.key_for("phone")
    assert len(storage.events[key]) == 3
    storage.next_sweep = 0.0
    window.hit(twice, "another phone")  # any hit sweeps once it is due
    assert len(storage.events[key]) == 1
