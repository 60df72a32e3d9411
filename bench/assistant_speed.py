#!/usr/bin/env python3
"""How long the assistant takes: 1,000 cards (the labelled set's texts, five
languages) in an event with 9 action fields, one table each.

Prints the time of the first refresh (every pair and theme new: read, compare in
the worker process, store), of a refresh with nothing changed, of the arithmetic
alone (in this process, and through the worker's pipe), and how many suggestions
and themes it found. With --live-load it then runs
bench/live_load.py --phones N twice, without and with the assistant switched on
(and 1,000 cards written before), and prints both p95 latencies of a card.
The last line is JSON.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import DuplicateSuggestion, Theme  # noqa: E402
from app.services import (  # noqa: E402
    accounts,
    assistant,  # noqa: E402
    events,
)
from app.services.assistant import engine  # noqa: E402
from app.unit_of_work import unit  # noqa: E402
from bench.assistant_cards import seed_cards  # noqa: E402


def seeded_event(cards):
    with unit():
        owner = accounts.create_organiser(
            "bench@example.org", "Bench", "bench-pw-123456"
        )
        details = {
            "title": "Assistent-Benchmark",
            "starts_at": datetime(2026, 12, 4, 18, 0),
            "venue": "Bench",
            "target_group": "Bench",
            "language": "de",
        }
        event = events.create_event(owner, details, "osnabrueck")
        seed_cards(event, cards)
        event.assistant = True
        return event.id


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def measure(cards):
    folder = tempfile.mkdtemp(prefix="tischrunde-assistant-")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
            "INSTANCE_PATH": folder,
            "SECRET_KEY": "bench",
            "SOCKETIO_ASYNC_MODE": "threading",
            "ASSISTANT_INTERVAL": -1,
        }
    )
    with app.test_request_context():
        db.create_all()
        event_id = seeded_event(cards)
    result = {"cards": cards}
    # The worker process starts once per server process (importing scikit-learn).
    empty = {"language": "de", "accepted": [], "scopes": {}}
    result["worker_start_s"], _found = timed(assistant.worker.compute, empty)
    for name in ("first_refresh_s", "unchanged_refresh_s"):
        with app.test_request_context(), unit():
            event = db.session.get(assistant.Event, event_id)
            result[name], _changed = timed(assistant.refresh_event, event)
    with app.test_request_context():
        event = db.session.get(assistant.Event, event_id)
        result["read_s"], request = timed(assistant.comparison_request, event)
        result["fields"] = len(request["scopes"])
        result["compute_s"], _found = timed(engine.compute, request)
        result["worker_s"], _found = timed(assistant.worker.compute, request)
        count = select(func.count()).select_from
        result["suggestions"] = db.session.scalar(count(DuplicateSuggestion))
        result["themes"] = db.session.scalar(count(Theme))
    return result


def live_load(phones, assistant_cards):
    command = [
        sys.executable,
        str(ROOT / "bench" / "live_load.py"),
        "--phones",
        str(phones),
    ]
    if assistant_cards:
        command += ["--assistant", str(assistant_cards)]
    output = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--live-load", type=int, default=0, metavar="PHONES")
    args = parser.parse_args()
    result = measure(args.cards)
    print(f"worker process started in {result['worker_start_s']:.2f} s (once)")
    print(
        f"{result['cards']} cards in {result['fields']} action fields: first refresh "
        f"{result['first_refresh_s']:.2f} s, "
        f"unchanged {result['unchanged_refresh_s']:.2f} s, "
        f"arithmetic alone {result['compute_s']:.2f} s "
        f"({result['worker_s']:.2f} s through the worker process), reading the cards "
        f"{result['read_s']:.3f} s; "
        f"{result['suggestions']} duplicate suggestions, {result['themes']} themes"
    )
    if args.live_load:
        for name, cards in (("without", 0), ("with", args.cards)):
            found = live_load(args.live_load, cards)
            result[f"live_p95_ms_{name}_assistant"] = found["p95_ms"]
            result[f"live_lost_{name}_assistant"] = found["lost"]
            print(
                f"live_load --phones {args.live_load} {name} the assistant: "
                f"p50 {found['p50_ms']} ms, p95 {found['p95_ms']} ms, "
                f"lost {found['lost']}, duplicated {found['duplicated']}"
            )
    print(
        json.dumps(
            {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}
        )
    )


if __name__ == "__main__":
    main()
