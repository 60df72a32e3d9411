"""The live sockets' connections: a phone hanging up is normal, not a server error;
a stopping server hangs up every phone so it reconnects to the next one."""

import errno
import logging

from simple_websocket import ConnectionClosed

# The peer is gone: what reading or writing a socket a phone has closed raises.
PEER_GONE = {errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN, errno.ESHUTDOWN}

log = logging.getLogger(__name__)


def hang_up_all(app):
    """Close every live socket of this process at once, waiting for no phone.
    The transport just ends, as when the network drops: every Socket.IO client
    then reconnects (to the restarted server), where a polite close packet would
    make some clients (Python's) give up."""
    sockets = list(app.extensions["socketio"].server.eio.sockets.values())
    for live_socket in sockets:
        live_socket.close(wait=False, abort=True)
    log.info("server stopping: %s live sockets hung up", len(sockets))


def closed_by_peer(error):
    """An OSError that only says the phone closed its socket first."""
    return isinstance(error.__context__, ConnectionClosed) or error.errno in PEER_GONE


class QuietDisconnects:
    """WSGI middleware around the Socket.IO endpoint.

    A phone that closes its socket while the server answers the WebSocket upgrade
    (a page left during the probe) makes Engine.IO raise a bare OSError, which
    gunicorn logs as an ERROR with a traceback. That case is logged as INFO and
    ends the connection as a finished WebSocket does; every other error passes."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        try:
            return self.wsgi_app(environ, start_response)
        except OSError as error:
            if not _live_upgrade(environ) or not closed_by_peer(error):
                raise
            log.info("a phone closed its live socket during the upgrade")
            # gunicorn's sign that a WebSocket handler has finished the connection
            raise StopIteration from None


def _live_upgrade(environ):
    return "gunicorn.socket" in environ and environ.get("PATH_INFO", "").startswith(
        "/socket.io/"
    )
