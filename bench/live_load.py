#!/usr/bin/env python3
"""Live load benchmark: many phones send cards, the moderator console receives them.

Without --url it starts the app as `make run` does (bin/serve: gunicorn, one gevent
worker) on a free port with a throw-away SQLite database (or --database-url),
creates an organiser and an event with 9 tables, starts the first work phase, and
stops the server at the end.

Then it seats N phones over HTTP (one cookie jar each), connects each phone and one
organiser console to the Socket.IO namespace /live, sends cards at a fixed rate
(open loop) from random phones, over each phone's socket with an acknowledgement
(--transport socket, the default) or as POSTs (--transport http), and measures for
every card the time from the start of its sending to its "card" push arriving at
the console.

The last line printed is JSON only:
    {"phones", "cards_per_s", "p50_ms", "p95_ms", "max_ms", "lost", "duplicated",
     "rss_mb", "transport"}

    .venv/bin/python bench/live_load.py --phones 500
    .venv/bin/python bench/live_load.py --url http://127.0.0.1:5000 \
        --email orga@example.org --password ... --event 1
"""

import argparse
import asyncio
import gc
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import aiohttp
import socketio
from bench_database import BenchDatabase
from yarl import URL

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
NAMESPACE = "/live"
BENCH_EMAIL = "bench@example.org"
BENCH_PASSWORD = "bench-password-123"
CARD_RATE_LIMIT = "100000"
# How a phone's write travels (--transport), as the human lines name it.
SENT_AS = {"socket": "socket emit", "http": "POST"}
# A socket write that got no acknowledgement.
SOCKET_ERRORS = (socketio.exceptions.SocketIOError, TimeoutError)

CSRF_RE = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
TABLE_HIDDEN_RE = re.compile(r'type="hidden" name="table" value="(\d+)"')
# The event QR's table chooser: radio cards (a select before issue 11); full
# tables are disabled.
TABLE_OPTION_RE = re.compile(
    r'(?:<option|<input type="radio" name="table")[^>]*?value="(\d+)"(?![^>]*disabled)'
)
JOIN_LINK_RE = re.compile(r"/j/([A-Za-z0-9_-]+)")
CATEGORY_RE = re.compile(r'<input type="radio" name="category" value="(\d+)"([^>]*)>')

WORDS = (
    "Sprachkurse Kita Wohnraum Beratung Ehrenamt Sportverein Ausbildung Nachbarschaft"
    " Busverbindung Begegnung Dolmetscher Schule Arbeitsmarkt Gesundheit Teilhabe"
).split()

SETUP_SNIPPET = r"""
import json, math, sys
from datetime import datetime

from app import create_app
from app.services import accounts, events, moderation

phones, email, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
assisted = int(sys.argv[4]) if len(sys.argv) > 4 else 0
app = create_app()
with app.test_request_context():
    owner = accounts.create_organiser(email, "Bench Organiser", password)
    details = {
        "title": "Benchmark Dialogforum",
        "starts_at": datetime(2026, 11, 24, 18, 0),
        "venue": "Lasttest",
        "target_group": "Bench",
        "language": "de",
    }
    event = events.create_event(owner, details, "osnabrueck")
    capacity = math.ceil(phones / len(event.tables)) + 1
    for table in event.tables:
        events.update_table(table, table.name, table.action_field, capacity)
    moderation.start_phase(event, event.phases[0])
    if assisted:
        from app.services.assistant import switch_assistant
        from bench.assistant_cards import seed_cards

        seed_cards(event, assisted)
        switch_assistant(event, True)
    print("BENCH_SETUP " + json.dumps({
        "event": event.id,
        "tables": [[t.id, t.join_token] for t in event.tables],
        "categories": [c.id for c in event.phases[0].categories],
        "capacity": capacity,
    }))
"""


class BenchError(Exception):
    pass


# --------------------------------------------------------------------- helpers


def raise_nofile_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
    if soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            pass
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def ms(seconds):
    return None if seconds is None else round(seconds * 1000, 1)


def fmt_ms(value):
    return "n/a" if value is None else f"{value:.1f} ms"


def cookie_header(jar, base):
    cookies = jar.filter_cookies(URL(base))
    return "; ".join(f"{key}={morsel.value}" for key, morsel in cookies.items())


def new_http_session(limit=4):
    return aiohttp.ClientSession(
        cookie_jar=aiohttp.CookieJar(unsafe=True),  # the server is an IP address
        connector=aiohttp.TCPConnector(limit=limit),
        timeout=aiohttp.ClientTimeout(total=30),
    )


def proc_children(pid):
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            children.append(int(entry))
    return children


def proc_status_kb(pid, key):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def proc_cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def system_cpu_seconds():
    """(busy, total) CPU seconds of the whole machine, all cores, from /proc/stat."""
    try:
        fields = [
            int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]
        ]
    except (OSError, ValueError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def own_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- local server


class LocalServer:
    """The app started as `make run` starts it, in its own process group; on a
    throw-away SQLite database, or the one database_url names (BenchDatabase)."""

    def __init__(self, phones, database_url=None, assistant_cards=0):
        self.phones = phones
        self.assistant_cards = assistant_cards
        self.database = BenchDatabase(database_url) if database_url else None
        self.tmpdir = tempfile.mkdtemp(prefix="tischrunde-bench-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(self.tmpdir) / "server.log"
        self.process = None
        self.env = dict(os.environ)
        self.env.update(
            {
                "DATABASE_URL": f"sqlite:///{self.tmpdir}/bench.sqlite",
                "INSTANCE_PATH": self.tmpdir,
                "SECRET_KEY": "bench-" + uuid.uuid4().hex,
                "CARD_RATE_LIMIT": CARD_RATE_LIMIT,
                "PORT": str(self.port),
            }
        )

    def prepare(self):
        """Migrate, then create the organiser, the event and start its first phase."""
        if self.database:
            self.env["DATABASE_URL"] = self.database.create()
        self._run([str(VENV_BIN / "flask"), "--app", "wsgi.py", "db", "upgrade"])
        env = dict(self.env, SOCKETIO_ASYNC_MODE="threading")
        output = self._run(
            [
                str(VENV_BIN / "python"),
                "-c",
                SETUP_SNIPPET,
                str(self.phones),
                BENCH_EMAIL,
                BENCH_PASSWORD,
                str(self.assistant_cards),
            ],
            env=env,
        )
        for line in output.splitlines():
            if line.startswith("BENCH_SETUP "):
                return json.loads(line[len("BENCH_SETUP ") :])
        raise BenchError(f"setup printed no result:\n{output}")

    def _run(self, command, env=None):
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise BenchError(
                f"{' '.join(command[:4])} failed ({result.returncode}):\n"
                f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
            )
        return result.stdout

    def start(self):
        log = open(self.log_path, "ab")  # a restarted server adds to it
        self.process = subprocess.Popen(
            [str(ROOT / "bin" / "serve")],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=raise_nofile_limit,
        )
        log.close()

    async def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise BenchError(
                        f"server exited with {self.process.returncode}:\n"
                        + self.log_tail()
                    )
                try:
                    async with http.get(
                        f"{self.base}/login",
                        allow_redirects=False,
                        timeout=aiohttp.ClientTimeout(total=2),
                    ) as response:
                        if response.status < 500:
                            return
                except (TimeoutError, aiohttp.ClientError):
                    pass
                await asyncio.sleep(0.2)
        raise BenchError("server did not answer in time:\n" + self.log_tail())

    def worker_pid(self):
        """The gunicorn worker: the child of the master (bin/serve execs gunicorn)."""
        if self.process is None or self.process.poll() is not None:
            return None
        children = proc_children(self.process.pid)
        return children[0] if children else None

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def error_lines(self):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return []
        return [
            line
            for line in text.splitlines()
            if "Traceback" in line or "ERROR" in line or "[CRITICAL]" in line
        ]

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=5)
        else:
            # The master is gone; make sure nothing of its group stays behind.
            if self.process is not None:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass

    def cleanup(self):
        self.stop()
        if self.database:
            self.database.drop()
        shutil.rmtree(self.tmpdir, ignore_errors=True)


# ------------------------------------------------------------------ bench run


class Phone:
    def __init__(self, index, language=None):
        self.index = index
        self.language = language
        self.http = new_http_session()
        self.csrf = None
        self.table_id = None
        self.sio = None
        self.connected = False


class Stats:
    def __init__(self):
        self.post_start = {}  # uuid -> perf_counter at the start of its first POST
        self.statuses = defaultdict(list)  # uuid -> [status or "error:..."]
        self.first_ok = {}  # uuid -> perf_counter when a 2xx answer arrived
        self.response_times = []  # seconds, first POSTs
        self.card_table = {}  # uuid -> table id from the server's answer
        self.resend_statuses = Counter()
        self.console_arrivals = defaultdict(list)  # uuid -> [perf_counter]
        self.console_counts_events = 0
        self.phone_arrivals = defaultdict(dict)  # uuid -> {phone index: t}
        self.phone_duplicates = 0
        self.disconnects = 0
        self.loop_lags = []
        self.sent = 0
        self.resends = 0
        self.connection_retries = 0


async def fetch_text(http, url):
    async with http.get(url) as response:
        if response.status != 200:
            raise BenchError(f"GET {url} -> {response.status}")
        return await response.text()


async def login(http, base, email, password):
    page = await fetch_text(http, f"{base}/login")
    match = CSRF_RE.search(page)
    if not match:
        raise BenchError("no CSRF token on /login (already logged in or no account?)")
    data = {"csrf_token": match.group(1), "email": email, "password": password}
    async with http.post(f"{base}/login", data=data, allow_redirects=False) as r:
        location = r.headers.get("Location", "")
        if r.status != 302 or "/login" in location:
            raise BenchError(f"organiser login failed ({r.status})")


async def join_phone(phone, base, path, table_choice):
    """GET the join page, POST the form, expect the redirect to /me."""
    if phone.language:
        # Its language is chosen first: the cards of the table then need it.
        await fetch_text(phone.http, f"{base}/lang/{phone.language}")
    page = await fetch_text(phone.http, f"{base}{path}")
    csrf = CSRF_RE.search(page)
    if not csrf:
        raise BenchError(f"no CSRF token on {path}")
    hidden = TABLE_HIDDEN_RE.search(page)
    if hidden:
        table = hidden.group(1)
    else:
        options = TABLE_OPTION_RE.findall(page)
        if not options:
            raise BenchError(f"no table on {path} (event closed?)")
        table = options[table_choice % len(options)]
    data = {
        "csrf_token": csrf.group(1),
        "first_name": f"Bench{phone.index}",
        "table": table,
    }
    async with phone.http.post(f"{base}{path}", data=data, allow_redirects=False) as r:
        location = r.headers.get("Location", "")
        if r.status != 302 or not location.rstrip("/").endswith("/me"):
            raise BenchError(f"join answered {r.status} (table full?)")
    phone.csrf = csrf.group(1)
    phone.table_id = int(table)


async def connect_live(base, http, auth, handlers, stats):
    sio = socketio.AsyncClient(reconnection=False)
    for name, handler in handlers.items():
        sio.on(name, handler, namespace=NAMESPACE)

    def on_disconnect(*_args):
        stats.disconnects += 1

    sio.on("disconnect", on_disconnect, namespace=NAMESPACE)
    await sio.connect(
        base,
        headers={"Cookie": cookie_header(http.cookie_jar, base)},
        auth=auth,
        transports=["websocket"],
        namespaces=[NAMESPACE],
        wait_timeout=30,
    )
    return sio


async def bounded(limit, coroutines):
    semaphore = asyncio.Semaphore(limit)

    async def one(coroutine):
        async with semaphore:
            return await coroutine

    return await asyncio.gather(*(one(c) for c in coroutines), return_exceptions=True)


async def loop_lag_monitor(stats, stop, interval=0.02):
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        before = loop.time()
        await asyncio.sleep(interval)
        stats.loop_lags.append(loop.time() - before - interval)


async def send_card(transport, phone, base, stats, card_uuid, category, text, first):
    """Send a card as the phone's script does: an event with an acknowledgement on
    its live socket, or a POST (the way without JavaScript or while the socket is
    down); the time counts from the start of sending."""
    started = time.perf_counter()
    if first:
        stats.post_start.setdefault(card_uuid, started)
    fields = {"uuid": card_uuid, "category": str(category), "text": text}
    if transport == "socket":
        status, body = await emit_card(phone, fields)
    else:
        status, body = await post_card(phone, base, stats, fields)
    record_answer(stats, card_uuid, status, body, started, first)


async def emit_card(phone, fields):
    """(status, answer): 200 or the refusal's status, as over HTTP."""
    try:
        ack = await phone.sio.call("card", fields, namespace=NAMESPACE, timeout=30)
    except SOCKET_ERRORS as error:
        return f"error:{type(error).__name__}", None
    return (200 if ack.get("ok") else ack.get("status")), ack


async def post_card(phone, base, stats, fields):
    """(status, answer) of the card POSTed with the phone's CSRF token."""
    data = {"csrf_token": phone.csrf, **fields}
    for attempt in range(2):
        try:
            async with phone.http.post(
                f"{base}/me/cards", data=data, headers={"Accept": "application/json"}
            ) as response:
                status = response.status
                body = await response.read()
            try:
                return status, json.loads(body)
            except ValueError:
                return status, None
        except TimeoutError as error:  # before ClientConnectionError: no retry
            return f"error:{type(error).__name__}", None
        except aiohttp.ClientConnectionError as error:
            # A kept-alive connection the server closed meanwhile (gunicorn's
            # keep-alive is 2 s): browsers send such a request again on a new
            # connection, and so does the bench, once, with the same uuid.
            if attempt:
                return f"error:{type(error).__name__}", None
            stats.connection_retries += 1
        except aiohttp.ClientError as error:
            return f"error:{type(error).__name__}", None


def record_answer(stats, card_uuid, status, answer, started, first):
    done = time.perf_counter()
    stats.statuses[card_uuid].append(status)
    if not first:
        stats.resend_statuses[status] += 1
    if isinstance(status, int) and 200 <= status < 300:
        stats.first_ok.setdefault(card_uuid, done)
        if first:
            stats.response_times.append(done - started)
        try:
            card = answer["card"]
            stats.card_table.setdefault(card_uuid, card["table_id"])
            if card["uuid"] != card_uuid:
                stats.statuses[card_uuid].append("wrong-uuid")
        except (KeyError, TypeError):
            stats.statuses[card_uuid].append("bad-json")


def write_dump(path, stats, send_start):
    """uuid, POST start (s after sending began), answer, console push (ms)."""
    with open(path, "w") as out:
        epoch = time.time() - time.perf_counter()  # perf_counter -> Unix time
        out.write("uuid,start_s,start_unix,status,response_ms,console_ms,pushes\n")
        for card_uuid, started in sorted(stats.post_start.items(), key=lambda i: i[1]):
            ok = stats.first_ok.get(card_uuid)
            pushes = stats.console_arrivals.get(card_uuid, [])
            out.write(
                f"{card_uuid},{started - send_start:.4f},{started + epoch:.4f},"
                f"{stats.statuses[card_uuid][0]},"
                f"{'' if ok is None else round((ok - started) * 1000, 2)},"
                f"{round((min(pushes) - started) * 1000, 2) if pushes else ''},"
                f"{len(pushes)}\n"
            )


async def resend_later(transport, phone, base, stats, card, delay):
    await asyncio.sleep(delay)
    await send_card(transport, phone, base, stats, *card, first=False)


async def run(args, target, server, report):
    """target: base, event, email, password, and (local server) tables/categories."""
    base = target["base"]
    stats = Stats()
    rng = random.Random(args.seed)
    languages = args.languages.split(",") if args.languages else [None]
    phones = [Phone(i, languages[i % len(languages)]) for i in range(args.phones)]
    console_http = new_http_session()
    live_clients = []
    stop_monitor = asyncio.Event()
    try:
        # --- organiser
        await login(console_http, base, target["email"], target["password"])
        if "tables" in target:
            join_paths = [
                (f"/t/{token}", i) for i, (_id, token) in enumerate(target["tables"])
            ]
        else:
            page = await fetch_text(console_http, f"{base}/events/{target['event']}")
            match = JOIN_LINK_RE.search(page)
            if not match:
                raise BenchError("no join link on the event page")
            join_paths = [(f"/j/{match.group(1)}", None)]

        # --- joins over HTTP, spread across the tables
        t0 = time.perf_counter()

        def join_args(phone):
            path, _ = join_paths[phone.index % len(join_paths)]
            return join_phone(phone, base, path, phone.index)

        results = await bounded(args.join_concurrency, [join_args(p) for p in phones])
        join_errors = Counter(str(r) for r in results if isinstance(r, BaseException))
        seated = [p for p, r in zip(phones, results, strict=True) if r is None]
        report(
            f"joined: {len(seated)}/{args.phones} phones over HTTP in "
            f"{time.perf_counter() - t0:.1f} s"
            + (f" (failures: {dict(join_errors)})" if join_errors else "")
        )
        if not seated:
            raise BenchError("no phone could join")

        categories = target.get("categories")
        if not categories:
            page = await fetch_text(seated[0].http, f"{base}/me")
            categories = [
                int(value)
                for value, rest in CATEGORY_RE.findall(page)
                if "disabled" not in rest
            ]
            if not categories:
                raise BenchError("no running phase: start a work phase first")

        # --- Socket.IO: phones, then the console
        def phone_handler(phone):
            def on_card(payload):
                now = time.perf_counter()
                seen = stats.phone_arrivals[payload.get("uuid")]
                if phone.index in seen:
                    stats.phone_duplicates += 1
                else:
                    seen[phone.index] = now

            return {"card": on_card}

        async def connect_phone(phone):
            phone.sio = await connect_live(
                base, phone.http, {"role": "phone"}, phone_handler(phone), stats
            )
            live_clients.append(phone.sio)
            phone.connected = True

        t0 = time.perf_counter()
        results = await bounded(
            args.connect_concurrency, [connect_phone(p) for p in seated]
        )
        connect_errors = Counter(
            f"{type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)
        )
        connected = [p for p in seated if p.connected]
        report(
            f"phones connected: {len(connected)}/{len(seated)} over WebSocket in "
            f"{time.perf_counter() - t0:.1f} s"
            + (f" (failures: {dict(connect_errors)})" if connect_errors else "")
        )
        if not connected:
            raise BenchError("no phone could connect to /live")

        def on_console_card(payload):
            stats.console_arrivals[payload.get("uuid")].append(time.perf_counter())

        def on_counts(_payload):
            stats.console_counts_events += 1

        console = await connect_live(
            base,
            console_http,
            {"role": "console", "event": target["event"]},
            {"card": on_console_card, "counts": on_counts},
            stats,
        )
        live_clients.append(console)
        report("console connected: yes")
        disconnects_before = stats.disconnects
        await asyncio.sleep(1)  # let the join/connect burst settle
        # The bench shares the CPU with the server: a full collection over 500
        # clients' objects stalls this process for 100+ ms and would show up as
        # latency. Keep the set-up objects out of the collector and pause it
        # while measuring (the run is short; it is enabled again afterwards).
        gc.collect()
        gc.freeze()
        gc.disable()

        # --- send cards at a fixed rate (open loop), from random phones
        monitor = asyncio.create_task(loop_lag_monitor(stats, stop_monitor))
        worker = server.worker_pid() if server else None
        server_cpu0 = proc_cpu_seconds(worker) if worker else None
        own_cpu0 = own_cpu_seconds()
        system0 = system_cpu_seconds()
        total = max(1, round(args.rate * args.duration))
        tasks = []
        send_start = time.perf_counter()
        for i in range(total):
            delay = send_start + i / args.rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            phone = rng.choice(connected)
            card_uuid = str(uuid.uuid4())
            category = rng.choice(categories)
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 25)))
            text = f"Karte {i}: {words}"
            card = (card_uuid, category, text)
            tasks.append(
                asyncio.create_task(
                    send_card(args.transport, phone, base, stats, *card, first=True)
                )
            )
            stats.sent += 1
            if rng.random() < args.resend_fraction:
                stats.resends += 1
                # A retry as a phone makes it: sometimes while the first POST is
                # still in flight, sometimes after its answer.
                delay = rng.uniform(0.0, 0.3)
                tasks.append(
                    asyncio.create_task(
                        resend_later(args.transport, phone, base, stats, card, delay)
                    )
                )
        send_end = time.perf_counter()
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=args.settle + 30)
            for task in pending:
                task.cancel()
        posts_done = time.perf_counter()
        server_cpu1 = proc_cpu_seconds(worker) if worker else None
        own_cpu1 = own_cpu_seconds()
        system1 = system_cpu_seconds()

        # --- wait for stragglers at the console
        accepted = set(stats.first_ok)
        deadline = time.perf_counter() + args.settle
        while time.perf_counter() < deadline:
            if all(u in stats.console_arrivals for u in accepted):
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.0)  # a late second push would show up as duplicate
        stop_monitor.set()
        await monitor
        gc.enable()

        # --- the database's view, as the console sees it after a reconnect
        async with console_http.get(
            f"{base}/events/{target['event']}/console/state",
            headers={"Accept": "application/json"},
        ) as response:
            if response.status != 200:
                raise BenchError(f"console state answered {response.status}")
            db_cards = (await response.json())["cards"]
        rss_kb = proc_status_kb(worker, "VmRSS") if worker else None
        hwm_kb = proc_status_kb(worker, "VmHWM") if worker else None
        phones_still = sum(1 for p in connected if p.sio.connected)

        # --- results
        db_uuids = Counter(card["uuid"] for card in db_cards)
        arrived = {u for u in accepted if stats.console_arrivals.get(u)}
        lost_push = accepted - arrived
        lost_db = accepted - set(db_uuids)
        lost = lost_push | lost_db
        dup_push = {u for u, times in stats.console_arrivals.items() if len(times) > 1}
        dup_rows = len(db_cards) - len(db_uuids)
        duplicated = len(dup_push) + dup_rows
        latencies = sorted(
            min(stats.console_arrivals[u]) - stats.post_start[u] for u in arrived
        )
        responses = sorted(stats.response_times)
        last_ok = max(stats.first_ok.values(), default=None)
        window = max(last_ok - send_start, args.duration) if last_ok else None
        cards_per_s = round(len(accepted) / window, 1) if window else 0.0

        status_counts = Counter()
        for statuses in stats.statuses.values():
            status_counts[statuses[0]] += 1
        connected_at = Counter(p.table_id for p in connected)
        expected_fanout = sum(
            connected_at[stats.card_table[u]] for u in accepted if u in stats.card_table
        )
        got_fanout = sum(len(stats.phone_arrivals.get(u, {})) for u in accepted)
        phone_lat = sorted(
            t - stats.post_start[u]
            for u in accepted
            for t in stats.phone_arrivals.get(u, {}).values()
        )
        unknown_pushes = sum(
            1 for u in stats.console_arrivals if u not in stats.post_start
        )
        lags = sorted(stats.loop_lags)
        sending_time = send_end - send_start
        busy_time = posts_done - send_start

        if args.dump:
            write_dump(args.dump, stats, send_start)
        sent_as = SENT_AS[args.transport]
        report(f"cards sent: {stats.sent} (+{stats.resends} resends of the same uuid)")
        report(
            f"first {sent_as} answers: "
            + ", ".join(f"{k}: {v}" for k, v in sorted(status_counts.items(), key=str))
        )
        report(f"POSTs sent again after a connection reset: {stats.connection_retries}")
        report(
            "resend answers: "
            + (
                ", ".join(
                    f"{k}: {v}"
                    for k, v in sorted(stats.resend_statuses.items(), key=str)
                )
                or "none"
            )
        )
        report(
            f"cards accepted: {len(accepted)} in {window or 0:.1f} s "
            f"(target {args.rate:g}/s over {sending_time:.1f} s of sending)"
        )
        report(f"cards/s accepted: {cards_per_s}")
        report(
            f"latency {sent_as} start -> console push: "
            f"p50 {fmt_ms(ms(percentile(latencies, 0.5)))}"
            f", p95 {fmt_ms(ms(percentile(latencies, 0.95)))}"
            f", max {fmt_ms(ms(latencies[-1] if latencies else None))}"
            f" ({len(latencies)} cards)"
        )
        report(
            f"{sent_as} response time: p50 {fmt_ms(ms(percentile(responses, 0.5)))}"
            f", p95 {fmt_ms(ms(percentile(responses, 0.95)))}"
            f", max {fmt_ms(ms(responses[-1] if responses else None))}"
        )
        report(
            f"latency {sent_as} start -> push at the table's phones: p50 "
            f"{fmt_ms(ms(percentile(phone_lat, 0.5)))}, p95 "
            f"{fmt_ms(ms(percentile(phone_lat, 0.95)))}; pushes received "
            f"{got_fanout}/{expected_fanout}, duplicates {stats.phone_duplicates}"
        )
        report(
            f"lost: {len(lost)} (accepted but no console push: {len(lost_push)}, "
            f"accepted but not in the database: {len(lost_db)})"
        )
        report(
            f"duplicated: {duplicated} (uuids pushed to the console more than once: "
            f"{len(dup_push)}, database rows beyond unique uuids: {dup_rows}; "
            f"database cards: {len(db_cards)})"
        )
        if unknown_pushes:
            report(f"console pushes for cards not sent by this run: {unknown_pushes}")
        report(
            "socket disconnects during the run: "
            f"{stats.disconnects - disconnects_before}"
            f"; phones still connected at the end: {phones_still}/{len(connected)}"
        )
        if lags:
            report(
                f"bench event-loop lag: p95 {fmt_ms(ms(percentile(lags, 0.95)))}"
                f", max {fmt_ms(ms(lags[-1]))}"
            )
        own_cpu = (own_cpu1 - own_cpu0) / busy_time * 100
        server_cpu = (
            f"{(server_cpu1 - server_cpu0) / busy_time * 100:.0f}% "
            f"({(server_cpu1 - server_cpu0) / max(len(accepted), 1) * 1000:.1f} ms "
            "per card)"
            if server_cpu0 is not None and server_cpu1 is not None
            else "n/a"
        )
        report(
            f"CPU while sending: server worker {server_cpu}, bench client "
            f"{own_cpu:.0f}% (of one core)"
        )
        if system0 and system1:
            busy = system1[0] - system0[0]
            cores = os.cpu_count() or 1
            others = busy - (own_cpu1 - own_cpu0)
            if server_cpu0 is not None and server_cpu1 is not None:
                others -= server_cpu1 - server_cpu0
            report(
                f"machine while sending: {busy / busy_time * 100 / cores:.0f}% of "
                f"{cores} cores busy; other processes"
                f"{' (incl. the server)' if server is None else ''} "
                f"{max(others, 0) / busy_time * 100:.0f}% (of one core)"
            )
        if rss_kb is not None:
            report(
                f"server RSS: {rss_kb / 1024:.1f} MB (peak {hwm_kb / 1024:.1f} MB, "
                f"worker pid {worker})"
            )
        else:
            report("server RSS: null (not measured: remote server)")
        if server:
            errors = server.error_lines()
            if errors:
                report(f"server log errors: {len(errors)}; first: {errors[0][:200]}")

        return {
            "phones": len(connected),
            "cards_per_s": cards_per_s,
            "p50_ms": ms(percentile(latencies, 0.5)),
            "p95_ms": ms(percentile(latencies, 0.95)),
            "max_ms": ms(latencies[-1] if latencies else None),
            "lost": len(lost),
            "duplicated": duplicated,
            "rss_mb": round(rss_kb / 1024, 1) if rss_kb is not None else None,
            "transport": args.transport,
        }
    finally:
        gc.enable()
        stop_monitor.set()
        await bounded(100, [asyncio.wait_for(c.disconnect(), 5) for c in live_clients])
        await asyncio.gather(
            *(p.http.close() for p in phones),
            console_http.close(),
            return_exceptions=True,
        )


# ------------------------------------------------------------------------ main


def run_reporting(coroutine, timeout, errors=(BenchError,)):
    """Run a benchmark coroutine and print its result as the last, JSON-only line.
    Returns the exit code: 0, 1 on a bench error, 2 on the overall timeout, 130 on
    Ctrl-C."""
    try:
        result = asyncio.run(asyncio.wait_for(coroutine, timeout))
    except TimeoutError:
        print(f"error: overall timeout of {timeout:.0f} s", file=sys.stderr)
        return 2
    except errors as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(json.dumps(result), flush=True)
    return 0


def add_write_options(parser):
    """--transport and --database-url, the same for every phone bench."""
    parser.add_argument(
        "--transport",
        choices=sorted(SENT_AS),
        default="socket",
        help="phones write as their script does: an event with an acknowledgement "
        "on the live socket, or a POST (no JavaScript, socket down)",
    )
    parser.add_argument(
        "--database-url",
        help="the local server's database instead of a throw-away SQLite file; "
        "on a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1/postgres) "
        "a fresh database is created there and dropped at the end",
    )


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url",
        help="use a running server (needs --email, --password, --event; the event "
        "must be open, have a running work phase and enough free seats)",
    )
    parser.add_argument("--email", help="organiser e-mail (with --url)")
    parser.add_argument("--password", help="organiser password (with --url)")
    parser.add_argument("--event", type=int, help="event id (with --url)")
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument(
        "--assistant",
        type=int,
        default=0,
        metavar="CARDS",
        help="switch the assistant on, with this many cards written before",
    )
    parser.add_argument("--rate", type=float, default=50, help="cards per second")
    parser.add_argument("--duration", type=float, default=20, help="seconds of sending")
    parser.add_argument("--resend-fraction", type=float, default=0.05)
    parser.add_argument(
        "--settle", type=float, default=5, help="seconds to wait for late pushes"
    )
    parser.add_argument("--join-concurrency", type=int, default=20)
    parser.add_argument("--connect-concurrency", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    add_write_options(parser)
    parser.add_argument(
        "--languages",
        help="phones' languages round-robin, e.g. de,ar,uk (each card then asks "
        "for translations into the other languages at its table)",
    )
    parser.add_argument(
        "--server-log", help="keep a copy of the local server's log at this path"
    )
    parser.add_argument(
        "--dump", help="write per-card timings (CSV) to this file, for analysis"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        help="overall limit in seconds (default: 180 + 2*duration + 0.3*phones)",
    )
    args = parser.parse_args(argv)
    if args.url and not (args.email and args.password and args.event):
        parser.error("--url needs --email, --password and --event")
    if args.phones < 1 or args.rate <= 0 or args.duration <= 0:
        parser.error("--phones, --rate and --duration must be positive")
    if args.timeout is None:
        args.timeout = 180 + 2 * args.duration + 0.3 * args.phones
    return args


def main(argv=None):
    args = parse_args(argv)
    nofile = raise_nofile_limit()
    if nofile < args.phones * 2 + 100:
        print(
            f"warning: open-file limit {nofile} may be too low "
            f"for {args.phones} phones",
            file=sys.stderr,
        )

    def report(line):
        print(line, flush=True)

    server = (
        None
        if args.url
        else LocalServer(args.phones, args.database_url, args.assistant)
    )

    # A last resort if the event loop itself wedges: clean up and leave.
    def hard_stop():
        print("error: overall timeout (hard stop)", file=sys.stderr, flush=True)
        if server:
            server.cleanup()
        os._exit(3)

    watchdog = threading.Timer(args.timeout + 60, hard_stop)
    watchdog.daemon = True
    watchdog.start()

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)

    async def bench():
        if server:
            report(f"starting server (bin/serve) on port {server.port} ...")
            setup = await asyncio.to_thread(server.prepare)
            server.start()
            await server.wait_ready()
            target = {
                "base": server.base,
                "email": BENCH_EMAIL,
                "password": BENCH_PASSWORD,
                "event": setup["event"],
                "tables": setup["tables"],
                "categories": setup["categories"],
            }
            report(
                f"server ready: event {setup['event']}, {len(setup['tables'])} tables "
                f"of capacity {setup['capacity']}, worker pid {server.worker_pid()}"
            )
        else:
            target = {
                "base": args.url.rstrip("/"),
                "email": args.email,
                "password": args.password,
                "event": args.event,
            }
        return await run(args, target, server, report)

    code = 130
    try:
        code = run_reporting(bench(), args.timeout)
    finally:
        if server:
            server.stop()
            if args.server_log:
                shutil.copyfile(server.log_path, args.server_log)
            if code and server.process is not None:
                tail = server.log_tail(20)
                if tail:
                    print("--- server log (tail) ---\n" + tail, file=sys.stderr)
            server.cleanup()
        watchdog.cancel()
    return code


if __name__ == "__main__":
    sys.exit(main())
