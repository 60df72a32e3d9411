#!/usr/bin/env python3
"""Vote load benchmark: many phones vote at once, the projector shows the tally.

Starts the server as bench/live_load.py does (or uses --url; --database-url as
there), opens a Yes/No/Abstain poll as the organiser, seats N phones with a
Socket.IO connection each and connects a projector; every phone votes once at a
random moment of the window (open loop), over its socket with an acknowledgement
(--transport socket, the default) or as a POST (--transport http).
Latency: start of sending -> the first projector "tally" with last_id >= the vote's
ballot id. The last line is JSON: phones, votes_per_s, p50_ms, p95_ms, max_ms,
tally_correct (final tally == votes sent), rss_mb, errors, lost, transport.
"""

import argparse
import asyncio
import bisect
import functools
import gc
import itertools
import json
import os
import random
import re
import shutil
import signal
import sys
import threading
import time
import uuid
from collections import Counter

import aiohttp

# Run as a script, bench/ is on sys.path: server, phones and maths are live_load's.
import live_load
from live_load import (
    NAMESPACE,
    SENT_AS,
    SOCKET_ERRORS,
    BenchError,
    fmt_ms,
    ms,
    percentile,
)

VOTE_RATE_LIMIT = "100000"
OPTIONS = ("Yes", "No", "Abstain")
JSON = {"Accept": "application/json"}
POLL_ID_RE = re.compile(r"/polls/(\d+)")
PROJECTOR_RE = re.compile(r"/projector/([A-Za-z0-9_-]+)")


report = functools.partial(print, flush=True)


class VoteServer(live_load.LocalServer):
    """live_load's server, with the per-phone vote limit out of the way."""

    def __init__(self, phones, tally_interval=None, database_url=None):
        super().__init__(phones, database_url)
        self.env["VOTE_RATE_LIMIT"] = VOTE_RATE_LIMIT
        if tally_interval is not None:
            self.env["TALLY_PUSH_INTERVAL"] = str(tally_interval)


class Vote:
    def __init__(self, phone, option, at):
        self.phone = phone
        self.option = option
        self.at = at  # seconds after voting began
        self.start = self.done = self.status = self.ballot = None


class VoteStats:
    def __init__(self, poll_id):
        self.poll_id = poll_id
        self.tallies = []  # (arrival, last_id, voters, {option id: count})
        self.disconnects = 0
        self.connection_retries = 0
        self.loop_lags = []

    def on_tally(self, payload):
        arrival = time.perf_counter()
        if payload.get("poll_id") != self.poll_id:
            return
        counts = {o["id"]: o["count"] for o in payload.get("options", [])}
        last_id = payload.get("last_id", 0)
        self.tallies.append((arrival, last_id, payload.get("voters"), counts))


async def post_form(http, url, data, stats):
    """(status, body). Sent once more on a new connection if the server closed a
    kept-alive one meanwhile, as browsers do; a second vote replaces the first."""
    for attempt in range(2):
        try:
            async with http.post(url, data=data, headers=JSON) as response:
                return response.status, await response.read()
        except (TimeoutError, aiohttp.ClientError) as error:
            closed = isinstance(error, aiohttp.ClientConnectionError)
            if attempt or not closed or isinstance(error, TimeoutError):
                return f"error:{type(error).__name__}", None
            stats.connection_retries += 1


async def token_on_page(http, url, pattern):
    found = pattern.search(await live_load.fetch_text(http, url))
    if not found:
        raise BenchError(f"{url} has no {pattern.pattern}")
    return found.group(1)


async def open_bench_poll(http, prefix):
    """Create a Yes/No/Abstain poll as the organiser does and open it; returns
    (poll id, option ids)."""
    csrf = await token_on_page(http, f"{prefix}/new/single", live_load.CSRF_RE)
    data = {
        "csrf_token": csrf,
        "question": "Benchmark: Soll der Dialog weitergehen?",
        "visibility": "live",
        "options": "\n".join(OPTIONS),
        "step": "0",
    }
    async with http.post(f"{prefix}/new/single", data=data, allow_redirects=False) as r:
        found = POLL_ID_RE.search(r.headers.get("Location", ""))
        if r.status != 302 or not found:
            raise BenchError(f"creating the poll answered {r.status}")
    poll_id = int(found.group(1))
    opening = {"csrf_token": csrf}
    async with http.post(f"{prefix}/{poll_id}/open", data=opening, headers=JSON) as r:
        if r.status != 200:
            raise BenchError(f"opening the poll answered {r.status}: {await r.text()}")
    results = f"{prefix}/{poll_id}/results"
    async with http.get(results, headers=JSON, raise_for_status=True) as r:
        options = (await r.json())["options"]
    return poll_id, [option["id"] for option in options]


async def join_paths_of(http, base, target):
    """The local event's table links, or a running server's event join link."""
    if "tables" in target:
        return [f"/t/{token}" for _id, token in target["tables"]]
    event_page = f"{base}/events/{target['event']}"
    return [f"/j/{await token_on_page(http, event_page, live_load.JOIN_LINK_RE)}"]


async def in_bulk(what, limit, phones, step):
    """step(phone) for every phone, limit at a time; returns those it worked for."""
    started = time.perf_counter()
    results = await live_load.bounded(limit, [step(phone) for phone in phones])
    failed = Counter(
        f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)
    )
    done = [p for p, r in zip(phones, results, strict=True) if r is None]
    report(
        f"{what}: {len(done)}/{len(phones)} in {time.perf_counter() - started:.1f} s"
        + (f" (failures: {dict(failed)})" if failed else "")
    )
    if not done:
        raise BenchError(f"{what}: none")
    return done


async def seat_and_connect(args, base, phones, paths, stats, live):
    def join(phone):
        path = paths[phone.index % len(paths)]
        return live_load.join_phone(phone, base, path, phone.index)

    async def connect(phone):
        auth = {"role": "phone"}
        phone.sio = await live_load.connect_live(base, phone.http, auth, {}, stats)
        live.append(phone.sio)

    seated = await in_bulk("phones joined", args.join_concurrency, phones, join)
    what = "phones connected to /live"
    return await in_bulk(what, args.connect_concurrency, seated, connect)


def plan_votes(phones, option_ids, window, seed):
    """One vote per phone, at a uniformly random moment of the window."""
    rng = random.Random(seed)
    votes = [
        Vote(phone, rng.choice(option_ids), rng.uniform(0, window)) for phone in phones
    ]
    return sorted(votes, key=lambda vote: vote.at)


async def cast_vote(transport, vote, base, stats):
    """Vote as the phone's script does: an event with an acknowledgement on its
    live socket, or a POST; the time counts from the start of sending."""
    vote.start = time.perf_counter()
    if transport == "socket":
        vote.status, answer = await emit_vote(vote, stats)
    else:
        vote.status, answer = await post_vote(vote, base, stats)
    vote.done = time.perf_counter()
    if vote.status == 200:
        try:
            vote.ballot = int(answer["ballot"])
        except (ValueError, KeyError, TypeError):
            vote.status = "bad-json"


async def emit_vote(vote, stats):
    """(status, answer): 200 or the refusal's status, as over HTTP."""
    payload = {
        "poll": stats.poll_id,
        "uuid": str(uuid.uuid4()),
        "fields": [["option", str(vote.option)]],
    }
    try:
        ack = await vote.phone.sio.call("vote", payload, NAMESPACE, timeout=60)
    except SOCKET_ERRORS as error:
        return f"error:{type(error).__name__}", None
    return (200 if ack.get("ok") else ack.get("status")), ack


async def post_vote(vote, base, stats):
    data = {"csrf_token": vote.phone.csrf, "option": str(vote.option)}
    url = f"{base}/me/polls/{stats.poll_id}/vote"
    status, body = await post_form(vote.phone.http, url, data, stats)
    try:
        return status, json.loads(body) if body else None
    except ValueError:
        return status, None


async def send_votes(transport, votes, base, stats):
    """Open loop: each vote starts on schedule, whatever the earlier ones do."""
    tasks = []
    began = time.perf_counter()
    for vote in votes:
        delay = began + vote.at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(cast_vote(transport, vote, base, stats)))
    _done, pending = await asyncio.wait(tasks, timeout=60)
    for task in pending:
        task.cancel()
    return began


async def wait_final_tally(stats, votes, settle):
    """Until a tally includes the newest accepted ballot, then a moment more for
    a later push (a vote whose answer got lost may still have counted)."""
    newest = max((v.ballot for v in votes if v.ballot), default=0)
    deadline = time.perf_counter() + settle
    while time.perf_counter() < deadline:
        if stats.tallies and stats.tallies[-1][1] >= newest:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)


def cpu_snapshot(worker):
    return {
        "at": time.perf_counter(),
        "server": live_load.proc_cpu_seconds(worker) if worker else None,
        "own": live_load.own_cpu_seconds(),
        "system": live_load.system_cpu_seconds(),
    }


async def measure(args, base, votes, stats, worker):
    """Send the votes and wait for the final tally with the bench's own garbage
    collector paused: its pauses over 2,000 clients would look like latency."""
    gc.collect()
    gc.freeze()
    gc.disable()
    stop = asyncio.Event()
    monitor = asyncio.create_task(live_load.loop_lag_monitor(stats, stop))
    try:
        before = cpu_snapshot(worker)
        began = await send_votes(args.transport, votes, base, stats)
        answered = cpu_snapshot(worker)
        await wait_final_tally(stats, votes, args.settle)
        return began, before, answered
    finally:
        stop.set()
        await monitor
        gc.enable()


def tally_latencies(votes, tallies):
    """{vote: seconds from its sending to the first tally that includes it}."""
    arrivals = [tally[0] for tally in tallies]
    newest = list(itertools.accumulate((tally[1] for tally in tallies), max))
    latencies = {}
    for vote in votes:
        at = bisect.bisect_left(newest, vote.ballot)
        if at < len(newest):
            latencies[vote] = arrivals[at] - vote.start
    return latencies


def distribution(label, values, unit="votes"):
    values = sorted(values)
    return (
        f"{label}: p50 {fmt_ms(ms(percentile(values, 0.5)))}"
        f", p95 {fmt_ms(ms(percentile(values, 0.95)))}"
        f", max {fmt_ms(ms(values[-1] if values else None))} ({len(values)} {unit})"
    )


def report_latencies(sent_as, accepted, latencies, tallies):
    start_to_tally = f"latency {sent_as} start -> projector tally"
    report(distribution(start_to_tally, latencies.values()))
    answer_times = [v.done - v.start for v in accepted]
    report(distribution(f"{sent_as} response time", answer_times))
    after_answer = [t - (v.done - v.start) for v, t in latencies.items()]
    report(distribution(f"{sent_as} answer -> projector tally", after_answer))
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(tallies)]
    report(
        f"tally pushes at the projector: {len(tallies)}"
        + (f", mean gap {fmt_ms(ms(sum(gaps) / len(gaps)))}" if gaps else "")
    )


def report_cpu(before, after, accepted):
    """CPU while voting: the server worker's, the bench's and other processes'."""
    busy = after["at"] - before["at"]
    own = after["own"] - before["own"]
    local = None not in (before["server"], after["server"])
    server = after["server"] - before["server"] if local else 0.0
    per_vote = f"{server / max(accepted, 1) * 1000:.2f} ms per accepted vote"
    report(
        f"CPU while voting (of one core): bench client {own / busy:.0%}"
        + (f", server worker {server / busy:.0%} ({per_vote})" if local else "")
    )
    machine = after["system"][0] - before["system"][0]
    cores = os.cpu_count() or 1
    others = max(machine - own - server, 0) / busy
    report(
        f"machine while voting: {machine / busy / cores:.0%} of {cores} cores busy;"
        f" other processes{'' if local else ' (incl. the server)'} {others:.0%}"
        " (of one core)"
    )


def summarise(args, votes, stats, timing, worker):
    """Print what was measured; returns the JSON figures and the extra counts."""
    began, before, answered = timing
    accepted = [v for v in votes if v.ballot]
    latencies = tally_latencies(accepted, stats.tallies)
    values = sorted(latencies.values())
    last = max((v.done for v in accepted), default=began)
    window = max(last - began, args.window)
    answers = Counter(v.status for v in votes)
    report(
        f"vote answers: {dict(answers)}; POSTs sent again after a connection "
        f"reset: {stats.connection_retries}"
    )
    report(f"votes accepted: {len(accepted)} in {window:.1f} s")
    report_latencies(SENT_AS[args.transport], accepted, latencies, stats.tallies)
    report_cpu(before, answered, len(accepted))
    report(distribution("bench event-loop lag", stats.loop_lags, "samples"))
    figures = {
        "votes_per_s": round(len(accepted) / window, 1),
        "p50_ms": ms(percentile(values, 0.5)),
        "p95_ms": ms(percentile(values, 0.95)),
        "max_ms": ms(values[-1] if values else None),
    }
    lost = len(accepted) - len(latencies)
    extras = {"errors": len(votes) - len(accepted), "lost": lost}
    return figures, extras | {"transport": args.transport}


def check_tallies(votes, option_ids, tallies):
    """Whether the final projector tally equals the votes sent."""
    sent = Counter(vote.option for vote in votes)
    expected = ({oid: sent.get(oid, 0) for oid in option_ids}, len(votes))
    final = (tallies[-1][3], tallies[-1][2]) if tallies else None
    report(f"votes sent ({{option id: votes}}, voters): {expected}")
    report(f"final projector tally:                {final}")
    return final == expected


def report_server(server, worker):
    """The worker's RSS in MB (None for a remote server), and its log's errors."""
    if worker is None:
        report("server RSS: null (not measured: remote server)")
        return None
    rss_kb = live_load.proc_status_kb(worker, "VmRSS")
    hwm_kb = live_load.proc_status_kb(worker, "VmHWM")
    report(f"server RSS: {rss_kb / 1024:.1f} MB (peak {hwm_kb / 1024:.1f} MB)")
    errors = server.error_lines()
    if errors:
        report(f"server log errors: {len(errors)}; first: {errors[0][:200]}")
    return round(rss_kb / 1024, 1)


async def prepare_room(args, target, organiser, phones, live):
    """Poll opened, phones seated and connected, projector connected."""
    base = target["base"]
    prefix = f"{base}/events/{target['event']}/polls"
    await live_load.login(organiser, base, target["email"], target["password"])
    poll_id, option_ids = await open_bench_poll(organiser, prefix)
    stats = VoteStats(poll_id)
    console = f"{base}/events/{target['event']}/console"
    token = await token_on_page(organiser, console, PROJECTOR_RE)
    paths = await join_paths_of(organiser, base, target)
    connected = await seat_and_connect(args, base, phones, paths, stats, live)
    # The organiser opens the projector from the console; its token is the key.
    auth = {"role": "projector", "token": token}
    handlers = {"tally": stats.on_tally}
    live.append(await live_load.connect_live(base, organiser, auth, handlers, stats))
    report(f"projector connected; poll {poll_id} open, options {option_ids}")
    return stats, option_ids, connected


async def run(args, target, server):
    phones = [live_load.Phone(i) for i in range(args.phones)]
    organiser = live_load.new_http_session()
    live = []
    try:
        room = await prepare_room(args, target, organiser, phones, live)
        stats, option_ids, connected = room
        await asyncio.sleep(1)  # let the connect burst settle
        disconnects = stats.disconnects
        worker = server.worker_pid() if server else None
        votes = plan_votes(connected, option_ids, args.window, args.seed)
        timing = await measure(args, target["base"], votes, stats, worker)
        figures, extras = summarise(args, votes, stats, timing, worker)
        correct = check_tallies(votes, option_ids, stats.tallies)
        still = sum(p.sio.connected for p in connected)
        report(
            f"socket disconnects while voting: {stats.disconnects - disconnects}; "
            f"phones still connected: {still}/{len(connected)}"
        )
        figures |= {"tally_correct": correct, "rss_mb": report_server(server, worker)}
        return {"phones": len(connected)} | figures | extras
    finally:
        disconnects = [asyncio.wait_for(c.disconnect(), 5) for c in live]
        await live_load.bounded(100, disconnects)
        closing = [p.http.close() for p in phones] + [organiser.close()]
        await asyncio.gather(*closing, return_exceptions=True)


async def bench(args, server):
    if not server:
        target = {"base": args.url.rstrip("/"), "event": args.event}
        target |= {"email": args.email, "password": args.password}
        return await run(args, target, server)
    report(f"starting server (bin/serve) on port {server.port} ...")
    setup = await asyncio.to_thread(server.prepare)
    server.start()
    await server.wait_ready()
    report(
        f"server ready: event {setup['event']}, {len(setup['tables'])} tables "
        f"of capacity {setup['capacity']}, worker pid {server.worker_pid()}"
    )
    target = {"base": server.base, "event": setup["event"], "tables": setup["tables"]}
    target |= {"email": live_load.BENCH_EMAIL, "password": live_load.BENCH_PASSWORD}
    return await run(args, target, server)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--url", help="use a running server (needs --email, --password, --event)")
    add("--email", help="organiser e-mail (with --url)")
    add("--password", help="organiser password (with --url)")
    add("--event", type=int, help="event id (with --url): open, enough free seats")
    add("--phones", type=int, default=2000)
    add("--window", type=float, default=5, help="seconds the votes are spread over")
    add("--tally-interval", type=float, help="the local server's TALLY_PUSH_INTERVAL")
    add("--settle", type=float, default=5, help="seconds to wait for the tally")
    add("--join-concurrency", type=int, default=20)
    add("--connect-concurrency", type=int, default=50)
    add("--seed", type=int, default=1)
    live_load.add_write_options(parser)
    add("--server-log", help="keep a copy of the local server's log at this path")
    add("--timeout", type=float, help="overall limit, s (180 + 2*window + phones/5)")
    args = parser.parse_args(argv)
    if args.url and not (args.email and args.password and args.event):
        parser.error("--url needs --email, --password and --event")
    if args.phones < 1 or args.window <= 0:
        parser.error("--phones and --window must be positive")
    if args.timeout is None:
        args.timeout = 180 + 2 * args.window + args.phones / 5
    return args


def start_watchdog(seconds, server):
    """A last resort if the event loop itself wedges: clean up and leave."""

    def hard_stop():
        print("error: overall timeout (hard stop)", file=sys.stderr, flush=True)
        if server:
            server.cleanup()
        os._exit(3)

    watchdog = threading.Timer(seconds, hard_stop)
    watchdog.daemon = True
    watchdog.start()
    return watchdog


def shut_down(server, args, code):
    server.stop()
    if args.server_log:
        shutil.copyfile(server.log_path, args.server_log)
    tail = server.log_tail(20) if code and server.process is not None else ""
    if tail:
        print("--- server log (tail) ---\n" + tail, file=sys.stderr)
    server.cleanup()


def main(argv=None):
    args = parse_args(argv)
    nofile = live_load.raise_nofile_limit()
    if nofile < args.phones * 2 + 100:
        print(f"warning: open-file limit {nofile} may be too low", file=sys.stderr)
    server = None
    if not args.url:
        server = VoteServer(args.phones, args.tally_interval, args.database_url)
    watchdog = start_watchdog(args.timeout + 60, server)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    code = 130
    try:
        errors = (BenchError, aiohttp.ClientError)
        code = live_load.run_reporting(bench(args, server), args.timeout, errors)
    finally:
        if server:
            shut_down(server, args, code)
        watchdog.cancel()
    return code


if __name__ == "__main__":
    sys.exit(main())
