"""Work in gevent's thread pool, as the server runs it (a process of its own)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

IN_GEVENT = """
from gevent import monkey

monkey.patch_all()
from app.offload import run_blocking


def refuse():
    raise ValueError("refused in a thread")


try:
    run_blocking(refuse)
except ValueError as error:
    print("caught:", error)
"""


def test_gevent_threads_hand_errors_back_untold():
    """An exception in the pool reaches its caller and nothing prints it: the
    caller decides whether it is an error."""
    result = subprocess.run(
        [sys.executable, "-c", IN_GEVENT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "caught: refused in a thread" in result.stdout, result.stderr
    assert "Traceback" not in result.stderr
