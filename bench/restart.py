#!/usr/bin/env python3
"""Restart benchmark: how long a stop and a start take with phones connected.

Starts the server as `make run` does (bin/serve, via live_load's LocalServer) with a
throw-away SQLite database, seats N phones and keeps each on the live socket (with
the browser client's reconnection), then stops the server with a signal while a few
phones send a card each, starts it again on the same port and waits until every
phone is back and every card the phones sent is stored exactly once.

    stop_s     signal -> the server's last process has exited
    start_s    exec of bin/serve -> the first HTTP answer (cold start, then restart)
    reconnect_s  exec of the restarted server -> every phone connected again

The last line is JSON only: phones, signal, cold_start_s, stop_s, start_s,
start_cpu_s (CPU seconds the restart took until it answered), reconnect_s,
reconnected, cards_sent, cards_stored, errors_in_log, load (the machine's load
average: wall times grow with it, CPU seconds do not).

    .venv/bin/python bench/restart.py --phones 50
    .venv/bin/python bench/restart.py --phones 50 --signal INT    # Ctrl+C
"""

import argparse
import asyncio
import functools
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import live_load
import socketio
from live_load import BenchError, join_phone, new_http_session

report = functools.partial(print, flush=True)
JSON = {"Accept": "application/json"}


class RestartServer(live_load.LocalServer):
    """live_load's server, started and stopped several times on one port."""

    def start_timed(self):
        started = time.perf_counter()
        self.start()
        return started

    def start_cpu_seconds(self):
        """CPU time the start has used so far: the master, the flask commands it
        ran before exec'ing gunicorn (waited-for children) and its worker. Unlike
        the wall time, it does not grow with the machine's other load."""
        pid = self.process.pid
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        own = sum(int(value) for value in fields[11:15]) / ticks  # + children
        workers = live_load.proc_children(pid)
        return own + sum(live_load.proc_cpu_seconds(child) or 0 for child in workers)

    def stop_timed(self, signum):
        """Signal the process group as a terminal or a service manager does; the
        seconds until the server's master process has exited."""
        started = time.perf_counter()
        os.killpg(self.process.pid, signum)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired as error:
            raise BenchError("the server did not stop within 60 s") from error
        return time.perf_counter() - started


class LivePhone:
    def __init__(self, index):
        self.index = index
        self.language = None
        self.http = new_http_session()
        self.csrf = None
        self.table_id = None
        self.sio = None
        self.connects = []  # perf_counter of each connect

    async def connect(self, base):
        # The phone's own cookie jar, as a browser's: a Cookie header would be
        # dropped by the client library after its first WebSocket upgrade. The
        # delays are live.js's: about 1 s, then at most 2 s between attempts.
        self.sio = socketio.AsyncClient(
            reconnection_delay_max=2, http_session=self.http
        )
        self.sio.on("connect", self._on_connect, namespace="/live")
        await self.sio.connect(
            base,
            auth={"role": "phone"},
            namespaces=["/live"],
            wait_timeout=30,
        )

    def _on_connect(self):
        self.connects.append(time.perf_counter())

    async def close(self):
        if self.sio is not None:
            await self.sio.disconnect()
        await self.http.close()


async def send_until_stored(phone, base, category, card_uuid, deadline):
    """POST one card and send it again until the server confirms it, as the
    phone's queue does across a restart; returns the attempts."""
    data = {"csrf_token": phone.csrf, "uuid": card_uuid, "category": str(category)}
    data["text"] = f"Karte während des Neustarts {phone.index}"
    attempts = 0
    while time.monotonic() < deadline:
        attempts += 1
        try:
            async with phone.http.post(
                f"{base}/me/cards", data=data, headers=JSON
            ) as response:
                if response.status in (200, 201):
                    return attempts
        except (TimeoutError, OSError, live_load.aiohttp.ClientError):
            pass
        await asyncio.sleep(0.5)
    raise BenchError(f"card {card_uuid} was never accepted")


async def stored_cards(base, event_id):
    async with new_http_session() as organiser:
        await live_load.login(
            organiser, base, live_load.BENCH_EMAIL, live_load.BENCH_PASSWORD
        )
        async with organiser.get(
            f"{base}/events/{event_id}/console/state", headers=JSON
        ) as response:
            return (await response.json())["cards"]


async def wait_reconnected(phones, since, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(phone.connects and phone.connects[-1] > since for phone in phones):
            return max(phone.connects[-1] for phone in phones) - since
        await asyncio.sleep(0.05)
    return None


async def seat_phones(server, setup, phones):
    tables = setup["tables"]
    for phone in phones:
        _table_id, token = tables[phone.index % len(tables)]
        await join_phone(phone, server.base, f"/t/{token}", phone.index)
    await asyncio.gather(*(phone.connect(server.base) for phone in phones))


async def restart(args, server):
    setup = await asyncio.to_thread(server.prepare)
    started = server.start_timed()
    await server.wait_ready()
    cold_start = time.perf_counter() - started
    report(
        f"cold start: {cold_start:.2f} s (exec of bin/serve -> first answer), "
        f"{server.start_cpu_seconds():.2f} s of CPU"
    )
    phones = [LivePhone(i) for i in range(args.phones)]
    try:
        await seat_phones(server, setup, phones)
        connected = sum(bool(p.connects) for p in phones)
        report(f"phones connected: {connected}/{len(phones)}")
        return await _stop_and_start(args, server, setup, phones, cold_start)
    finally:
        await asyncio.gather(*(phone.close() for phone in phones))


async def _stop_and_start(args, server, setup, phones, cold_start):
    writers = phones[: args.cards]
    category = setup["categories"][0]
    deadline = time.monotonic() + 120
    cards = [
        asyncio.create_task(
            send_until_stored(phone, server.base, category, str(uuid.uuid4()), deadline)
        )
        for phone in writers
    ]
    signum = getattr(signal, f"SIG{args.signal}")
    stop_s = await asyncio.to_thread(server.stop_timed, signum)
    report(
        f"stop (SIG{args.signal}): {stop_s:.2f} s with {len(phones)} phones connected"
    )
    started = server.start_timed()
    await server.wait_ready()
    start_s = time.perf_counter() - started
    start_cpu = server.start_cpu_seconds()
    report(
        f"start: {start_s:.2f} s (exec of bin/serve -> first answer), "
        f"{start_cpu:.2f} s of CPU"
    )
    reconnect_s = await wait_reconnected(phones, started, args.reconnect_timeout)
    reconnected = sum(bool(p.connects) and p.connects[-1] > started for p in phones)
    report(
        f"phones back: {reconnected}/{len(phones)}"
        + (f" after {reconnect_s:.2f} s" if reconnect_s is not None else "")
    )
    attempts = await asyncio.gather(*cards)
    stored = await stored_cards(server.base, setup["event"])
    report(
        f"cards: {len(writers)} sent during the stop ({sum(attempts)} POSTs), "
        f"{len(stored)} stored"
    )
    return {
        "phones": len(phones),
        "signal": args.signal,
        "cold_start_s": round(cold_start, 2),
        "stop_s": round(stop_s, 2),
        "start_s": round(start_s, 2),
        "start_cpu_s": round(start_cpu, 2),
        "reconnect_s": None if reconnect_s is None else round(reconnect_s, 2),
        "reconnected": reconnected,
        "cards_sent": len(writers),
        "cards_stored": len(stored),
        "errors_in_log": len(server.error_lines()),
        "load": round(os.getloadavg()[0], 1),
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=50)
    parser.add_argument(
        "--cards", type=int, default=10, help="phones that send a card as it stops"
    )
    parser.add_argument("--signal", choices=("TERM", "INT"), default="TERM")
    parser.add_argument("--reconnect-timeout", type=float, default=60)
    parser.add_argument("--server-log", help="keep a copy of the server's log here")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv)
    args.cards = min(args.cards, args.phones)
    return args


def main(argv=None):
    args = parse_args(argv)
    live_load.raise_nofile_limit()
    server = RestartServer(args.phones)
    code = 130
    try:
        code = live_load.run_reporting(restart(args, server), args.timeout)
    finally:
        server.stop()
        if args.server_log:
            live_load.shutil.copyfile(server.log_path, args.server_log)
        if code:
            print("--- server log (tail) ---\n" + server.log_tail(30), file=sys.stderr)
        server.cleanup()
    return code


if __name__ == "__main__":
    sys.exit(main())
