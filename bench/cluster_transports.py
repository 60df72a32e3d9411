#!/usr/bin/env python3
"""How Socket.IO clients fare through nginx: K browsers (a requests session each,
so nginx's cookie comes back on every request, as in a browser) load the
projector page and connect to /live with the given transports; counts the
connections made, those that reached a WebSocket, and the connect times.

Run it against bench/cluster.py, with the sticky site or round robin:

    .venv/bin/python bench/cluster.py --balance round-robin -- \\
        .venv/bin/python bench/cluster_transports.py --url {url} \\
        --email {email} --password {password} --event {event}

The last line is JSON: {"transports", "clients", "connected", "websocket",
"p50_ms", "p95_ms", "errors"}.
"""

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live_server import (  # noqa: E402
    http_session,
    logged_in_organiser,
    projector_path,
)


def connect_one(url, path, auth, transports):
    """(seconds to connect or None, transport after a moment, error or None)."""
    browser = http_session()
    browser.get(url + path)
    client = socketio.Client(reconnection=False, http_session=browser)
    started = time.perf_counter()
    try:
        client.connect(
            url, namespaces=["/live"], auth=auth, transports=transports, wait_timeout=5
        )
    except socketio.exceptions.ConnectionError as error:
        return None, None, str(error)[:60]
    took = time.perf_counter() - started
    time.sleep(0.3)  # the upgrade to a WebSocket follows the connect
    transport = client.transport() if client.connected else None
    client.disconnect()
    return took, transport, None if transport else "dropped after connecting"


def percentile(values, fraction):
    values = sorted(values)
    return values[max(1, math.ceil(fraction * len(values))) - 1] if values else None


def main(argv=None):
    args = parse_args(argv)
    organiser = logged_in_organiser(args.url, email=args.email, password=args.password)
    path = projector_path(organiser, args.url, args.event)
    auth = {"role": "projector", "token": path.rsplit("/", 1)[1]}
    transports = args.transports.split(",")
    results = [
        connect_one(args.url, path, auth, transports) for _ in range(args.clients)
    ]
    times = [took * 1000 for took, _, error in results if error is None]
    errors = Counter(error for _, _, error in results if error)
    summary = {
        "transports": args.transports,
        "clients": args.clients,
        "connected": len(times),
        "websocket": sum(transport == "websocket" for _, transport, _ in results),
        "p50_ms": round(percentile(times, 0.5) or 0, 1),
        "p95_ms": round(percentile(times, 0.95) or 0, 1),
        "errors": dict(errors),
    }
    print(json.dumps(summary))
    return 0 if summary["connected"] == args.clients else 1


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--event", type=int, required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--transports",
        default="polling,websocket",
        help="polling,websocket (the browser client's default) or websocket",
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
