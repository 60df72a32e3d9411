#!/usr/bin/env python3
"""Several server processes behind nginx, on PostgreSQL and Redis, for the other
benchmarks: deploy/'s nginx site in front of N single-worker gunicorn processes
(gunicorn.conf.py, as the systemd units start them), a fresh PostgreSQL database,
a Redis message queue, an organiser and an open event with its first work phase
running and seats for --phones phones.

Prints the base URL, the organiser's e-mail and password and the event id, then
either waits for Ctrl+C or runs the command given after `--` with {url},
{email}, {password} and {event} filled in, and tears everything down:

    .venv/bin/python bench/cluster.py --processes 2 --phones 500 -- \\
        .venv/bin/python bench/live_load.py --url {url} --email {email} \\
        --password {password} --event {event} --phones 500
"""

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from live_load import (  # noqa: E402
    BENCH_EMAIL,
    BENCH_PASSWORD,
    SETUP_SNIPPET,
    raise_nofile_limit,
)

from tests.cluster import fresh_database, running_cluster  # noqa: E402

RATE_LIMITS = {"CARD_RATE_LIMIT": "100000", "VOTE_RATE_LIMIT": "100000"}


def set_up_event(env, phones):
    """The bench organiser, an event with seats for `phones` and its first phase
    running (live_load.py's set-up, here on the cluster's database)."""
    result = subprocess.run(
        [sys.executable, "-c", SETUP_SNIPPET, str(phones)]
        + [BENCH_EMAIL, BENCH_PASSWORD],
        cwd=ROOT,
        env=dict(env, SOCKETIO_ASYNC_MODE="threading", OUTBOX_WORKER="0"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_SETUP "):
            return json.loads(line.removeprefix("BENCH_SETUP "))["event"]
    raise RuntimeError(f"set-up printed no event:\n{result.stdout}{result.stderr}")


def run_against(cluster, event, command):
    """The command's exit status; without a command, 0 after Ctrl+C."""
    fields = {
        "url": cluster.url,
        "email": BENCH_EMAIL,
        "password": BENCH_PASSWORD,
        "event": event,
    }
    print(json.dumps(fields), flush=True)
    for server in cluster.servers:
        print(f"process {server.url}, log {server.log_path}", flush=True)
    if not command:
        print("running; Ctrl+C stops everything", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            return 0
    filled = [part.format(**fields) for part in command]
    return subprocess.run(filled, cwd=ROOT).returncode


def main(argv=None):
    args = parse_args(argv)
    raise_nofile_limit()
    folder = Path(tempfile.mkdtemp(prefix="tischrunde-cluster-"))
    env = dict(RATE_LIMITS)
    if args.tally_interval is not None:
        env["TALLY_PUSH_INTERVAL"] = str(args.tally_interval)
    try:
        with (
            fresh_database("tischrunde_bench") as database,
            running_cluster(
                folder,
                database,
                args.redis,
                count=args.processes,
                extra_env=env,
                sticky=args.balance == "sticky",
                organiser=False,
            ) as cluster,
        ):
            event = set_up_event(cluster.servers[0].env, args.phones)
            status = run_against(cluster, event, args.command)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return status


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--phones", type=int, default=500, help="seats to make")
    parser.add_argument(
        "--balance",
        choices=("sticky", "round-robin"),
        default="sticky",
        help="nginx: deploy/'s sticky cookie, or round robin (to compare)",
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/12")
    parser.add_argument(
        "--tally-interval", type=float, help="TALLY_PUSH_INTERVAL of the processes"
    )
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- command …")
    args = parser.parse_args(argv)
    if args.command[:1] == ["--"]:
        args.command = args.command[1:]
    return args


if __name__ == "__main__":
    sys.exit(main())
