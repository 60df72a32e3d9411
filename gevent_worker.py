"""gunicorn's gevent worker, stopping within about a second with phones connected.

gunicorn's own gevent worker notices a stop a second late and then waits for every
open connection until the graceful timeout: a phone's live socket or long poll
never ends by itself, so every stop took the whole timeout. This worker, on TERM,
INT or QUIT alike, stops accepting, hangs up the live sockets (the phones reconnect
to the next server), lets the requests in flight finish (at most the graceful
timeout) and then ends the idle keep-alive connections.

Loaded by gunicorn's master (gunicorn.conf.py), before gevent patches the worker:
it must not import the app at module level.
"""

import time
from functools import partial

import gevent
from gevent.pool import Pool
from gevent.server import StreamServer
from gunicorn.sock import ssl_context
from gunicorn.workers.ggevent import GeventWorker

# Every live event runs in a greenlet of its own; by default gevent extracts the
# spawning stack into each one, which cost 13 % of the server's CPU on the vote
# path. Nothing here reads the spawning tree.
gevent.config.track_greenlet_tree = False

TICK = 0.05  # seconds between two looks at the stop flag and the requests in flight
LIVE_PATH = "/socket.io/"


class QuickStopWorker(GeventWorker):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.in_flight = 0  # plain requests being answered (not live sockets)
        self.endable = set()  # handlers between requests, and live sockets

    def handle_quit(self, sig, frame):
        """INT (Ctrl+C) and QUIT stop the same way as TERM, without a traceback."""
        self.alive = False

    def handle(self, listener, client, addr):
        handler = gevent.getcurrent()
        self.endable.add(handler)
        try:
            super().handle(listener, client, addr)
        finally:
            self.endable.discard(handler)

    def handle_request(self, listener_name, req, sock, addr):
        if req.path.startswith(LIVE_PATH):
            return super().handle_request(listener_name, req, sock, addr)
        handler = gevent.getcurrent()
        self.endable.discard(handler)
        self.in_flight += 1
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            self.in_flight -= 1
            self.endable.add(handler)

    def run(self):
        servers = [self._serve(listener) for listener in self.sockets]
        next_beat = 0.0
        while self.alive:
            if time.monotonic() >= next_beat:
                self.notify()
                next_beat = time.monotonic() + 1.0
            gevent.sleep(TICK)
        for server in servers:
            server.close()  # no new connections: the next server takes them
        self._hang_up_live_sockets()
        self._finish_requests()
        self._end_connections(servers)

    def _serve(self, listener):
        listener.setblocking(1)
        ssl_args = {"ssl_context": ssl_context(self.cfg)} if self.cfg.is_ssl else {}
        server = StreamServer(
            listener,
            handle=partial(self.handle, listener),
            spawn=Pool(self.worker_connections),
            **ssl_args,
        )
        server.start()
        return server

    def _hang_up_live_sockets(self):
        from app.live.connections import hang_up_all

        hang_up_all(self.wsgi)

    def _finish_requests(self):
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while self.in_flight and time.monotonic() < deadline:
            gevent.sleep(TICK)
        if self.in_flight:
            self.log.warning("stopping with %s requests unanswered", self.in_flight)

    def _end_connections(self, servers):
        """End the idle keep-alive connections and the live sockets still closing.
        StopIteration is how gunicorn's own handler ends a connection quietly;
        whatever is left after that (a request past the graceful timeout) is
        killed as gunicorn does."""
        gevent.killall(list(self.endable), StopIteration, timeout=1.0)
        for server in servers:
            server.stop(timeout=0)
