"""The assistant's arithmetic in a process of its own: comparing a thousand
cards takes a second of Python, which in the server's process would hold up
every phone meanwhile. The server starts it on first use and writes one JSON
request per line to its stdin; it answers one JSON line on stdout. It ends
when the server closes the pipe (or dies)."""

import json
import os
import subprocess
import sys
import threading
import traceback
from pathlib import Path

from app.services.assistant import engine

ROOT = Path(__file__).resolve().parents[3]
NICENESS = 10


class ComputeError(RuntimeError):
    """The worker could not compare a request; it keeps running for the next."""


class Worker:
    """The server's end of the pipe: one request at a time, the process started
    again when it died."""

    def __init__(self):
        self.process = None
        self.lock = threading.Lock()

    def compute(self, request):
        with self.lock:
            for attempt in (1, 2):
                try:
                    return self._ask(request)
                except (OSError, ValueError):
                    self.stop()
                    if attempt == 2:
                        raise

    def _ask(self, request):
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "app.services.assistant.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=ROOT,
                text=True,
                encoding="utf-8",
            )
        self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise ValueError("the assistant's process ended")
        answer = json.loads(answer)
        if "error" in answer:
            raise ComputeError(answer["error"])
        return answer["result"]

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def main():
    os.nice(NICENESS)  # background work: the server and its phones come first
    for line in sys.stdin:
        try:
            answer = {"result": engine.compute(json.loads(line))}
        except Exception:  # one request that fails must not end the worker
            answer = {"error": traceback.format_exc()}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
