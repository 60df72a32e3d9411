"""The real server as `make run` starts it (bin/serve): one start migrates and greets,
a stop with phones connected ends and they reconnect to the next start, and a phone
hanging up its live socket is no error in the log."""

import errno
import queue
import re
import signal
import sqlite3
import struct
import time

import pytest
import requests
import socketio
import websocket
from alembic.script import ScriptDirectory
from simple_websocket import ConnectionClosed

from app.live.connections import QuietDisconnects
from tests.live_server import (
    EMAIL,
    PASSWORD,
    ROOT,
    LiveServer,
    cookie_header,
    create_event,
    csrf_token,
    free_port,
    logged_in_organiser,
    print_logs_if_failed,
    seated_phone,
    send_card,
    server_env,
    start_first_phase,
    table_tokens,
)

# A hang guard, not a measure: bench/restart.py measures.
PATIENCE = 60


class ServeScript(LiveServer):
    """bin/serve itself, on its own port (PORT), as `make run` runs it."""

    def command(self):
        return [str(ROOT / "bin" / "serve")]


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """bin/serve started on an empty database; the first organiser signs up on the
    set-up page its banner links to."""
    folder = tmp_path_factory.mktemp("lifecycle")
    port = free_port()
    env = server_env(folder, folder / "live.sqlite", port, "lifecycle-secret")
    server = ServeScript(folder, folder / "live.sqlite", port, env)
    failed_before = request.session.testsfailed
    server.start()
    try:
        sign_up(server)
        yield server
    finally:
        print_logs_if_failed(request, [server], failed_before)
        server.stop()


def sign_up(server):
    setup = re.search(r"http://\S+/setup\?token=\S+", server.log()).group(0)
    browser = requests.Session()
    page = browser.get(setup, timeout=30).text
    data = {"email": EMAIL, "name": "Olga Organiser", "password": PASSWORD}
    data |= {"password2": PASSWORD, "csrf_token": csrf_token(page)}
    browser.post(setup, data=data, timeout=30).raise_for_status()


def error_lines(server):
    return [
        line
        for line in server.log().splitlines()
        if "ERROR" in line or "Traceback" in line
    ]


@pytest.fixture
def running_event(server):
    organiser = logged_in_organiser(server.url)
    event_id = create_event(organiser, server.url)
    start_first_phase(organiser, server.url, event_id)
    return table_tokens(server.database, event_id)[0]


@pytest.mark.live_server
def test_one_start_migrates_the_database_and_prints_where_phones_join(server):
    assert schema_version(server.database) == head_revision()
    assert "Phones and other devices" in server.log()
    assert logged_in_organiser(server.url)
    assert error_lines(server) == []


def schema_version(database):
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchall()


def head_revision():
    scripts = ScriptDirectory(str(ROOT / "migrations"))
    return [(head,) for head in scripts.get_heads()]


def live_phone(server, phone, pushed):
    """A phone's Socket.IO client with the browser's reconnection, on its cookies
    (WebSocket from the start: the Python client's upgrade from long polling
    does not reconnect when a server stops during it)."""
    client = socketio.Client(reconnection_delay_max=2, http_session=phone)
    client.on("connect", lambda: pushed.put("connect"), namespace="/live")
    client.on("disconnect", lambda *_: pushed.put("disconnect"), namespace="/live")
    client.on("card", lambda card: pushed.put(card["text"]), namespace="/live")
    client.connect(
        server.url,
        namespaces=["/live"],
        auth={"role": "phone"},
        transports=["websocket"],
        wait_timeout=30,
    )
    return client


def next_push(pushed, wanted):
    while (item := pushed.get(timeout=PATIENCE)) != wanted:
        pass
    return item


@pytest.mark.live_server
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_a_stop_with_phones_connected_ends_and_they_reconnect_to_the_next_start(
    server, running_event, signum
):
    table = running_event
    phones = [seated_phone(server.url, table, name) for name in ("Ana", "Ben")]
    pushes = [queue.Queue() for _ in phones]
    clients = [live_phone(server, *pair) for pair in zip(phones, pushes, strict=True)]
    try:
        for pushed in pushes:
            next_push(pushed, "connect")

        server.stop(signum)

        assert server.process.returncode == 0
        for pushed in pushes:
            next_push(pushed, "disconnect")
        server.start()
        for pushed in pushes:
            next_push(pushed, "connect")
        send_card(phones[0], server.url, "Nach dem Neustart")
        assert next_push(pushes[1], "Nach dem Neustart")
    finally:
        for client in clients:
            client.disconnect()
    assert "live sockets hung up" in server.log()
    assert "unanswered" not in server.log()
    assert error_lines(server) == []


def websocket_frame(payload, opcode):
    return websocket.ABNF.create_frame(payload, opcode).format()


def leave_during_the_upgrade(server, phone):
    """What a browser does when its page is left while the live socket upgrades:
    the probe and the close frame arrive together, before the server answers."""
    cookies = {"Cookie": cookie_header(phone)}
    base = f"{server.url}/socket.io/?EIO=4&transport=polling"
    sid = re.search(r'"sid":"([^"]+)"', requests.get(base, headers=cookies).text)[1]
    requests.post(
        f"{base}&sid={sid}", data='40/live,{"role":"phone"}', headers=cookies
    ).raise_for_status()
    url = (
        server.url.replace("http", "ws")
        + f"/socket.io/?EIO=4&transport=websocket&sid={sid}"
    )
    socket = websocket.create_connection(url, header=[f"Cookie: {cookies['Cookie']}"])
    probe = websocket_frame("2probe", websocket.ABNF.OPCODE_TEXT)
    going_away = websocket_frame(struct.pack("!H", 1001), websocket.ABNF.OPCODE_CLOSE)
    socket.sock.sendall(probe + going_away)
    socket.sock.close()


@pytest.mark.live_server
def test_a_phone_leaving_while_its_socket_upgrades_is_logged_as_info_not_error(
    server, running_event
):
    phone = seated_phone(server.url, running_event)
    before = server.log().count(LEFT_DURING_UPGRADE)

    for _ in range(3):
        leave_during_the_upgrade(server, phone)

    assert logged_times(server, LEFT_DURING_UPGRADE, before + 3) == before + 3
    assert error_lines(server) == []


LEFT_DURING_UPGRADE = "closed its live socket during the upgrade"


def logged_times(server, line, expected):
    """How often `line` is in the log, once it is there `expected` times (or the
    patience ran out)."""
    deadline = time.monotonic() + PATIENCE
    while (
        count := server.log().count(line)
    ) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def raising(error):
    def wsgi_app(_environ, _start_response):
        raise error

    return wsgi_app


def closed_socket_error():
    try:
        raise ConnectionClosed(1001, "")
    except ConnectionClosed:
        try:
            raise OSError()  # as Engine.IO turns it into one
        except OSError as error:
            return error


LIVE_UPGRADE = {"PATH_INFO": "/socket.io/", "gunicorn.socket": object()}


def test_a_phone_closing_its_socket_ends_the_connection_quietly():
    with pytest.raises(StopIteration):
        QuietDisconnects(raising(closed_socket_error()))(LIVE_UPGRADE, None)
    with pytest.raises(StopIteration):
        broken_pipe = OSError(errno.EPIPE, "Broken pipe")
        QuietDisconnects(raising(broken_pipe))(LIVE_UPGRADE, None)


@pytest.mark.parametrize(
    "error, environ",
    [
        (OSError(errno.ENOSPC, "No space left on device"), LIVE_UPGRADE),
        (OSError(errno.EPIPE, "Broken pipe"), {"PATH_INFO": "/me/cards"}),
        (ValueError("packet is too large"), LIVE_UPGRADE),
    ],
    ids=["disk-full", "not-a-live-socket", "not-a-socket-error"],
)
def test_other_errors_still_reach_the_log(error, environ):
    with pytest.raises(type(error)):
        QuietDisconnects(raising(error))({"gunicorn.socket": object()} | environ, None)
