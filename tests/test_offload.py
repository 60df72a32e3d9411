"""Work in gevent's thread pool, as the server runs it (a process of its own)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

IN_GEVENT = """
from gevent import monkey

monkey.patch_all()
import time

import gevent

from app.offload import lane, run_blocking


def refuse():
    raise ValueError("refused in a thread")


try:
    run_blocking(refuse)
except ValueError as error:
    print("caught:", error)

spans = []


def work():
    start = time.monotonic()
    time.sleep(0.2)
    spans.append((start, time.monotonic()))


def request():
    with lane("test", 2):
        run_blocking(work)


gevent.joinall([gevent.spawn(request) for _ in range(6)])
most = max(sum(a <= start < b for a, b in spans) for start, _ in spans)
print("most at once:", most, "done:", len(spans))
"""


def test_gevent_threads_hand_errors_back_and_lanes_let_few_through():
    """An exception in the pool reaches its caller and nothing prints it (the
    caller decides whether it is an error); a lane of two runs two at a time."""
    result = subprocess.run(
        [sys.executable, "-c", IN_GEVENT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "caught: refused in a thread" in result.stdout, result.stderr
    assert "Traceback" not in result.stderr
    assert "most at once: 2 done: 6" in result.stdout
