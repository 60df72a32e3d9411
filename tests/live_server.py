"""The real server as `make run` starts it (bin/serve), for browser and scale-out tests.

Each server is a subprocess in its own process group, always on SQLite in a
temporary folder: TEST_DATABASE_URL belongs to the in-process tests.
"""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import redis
import requests
import sqlalchemy
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EMAIL = "orga@example.org"
PASSWORD = "a-long-password-1"
JSON = {"Accept": "application/json"}


class LiveServer:
    def __init__(self, folder, database, port, env):
        self.folder, self.database, self.port, self.env = folder, database, port, env
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = folder / f"server-{port}.log"
        self.process = None

    def command(self):
        # The rest of the settings come from gunicorn.conf.py, as for bin/serve.
        return [
            str(BIN / "gunicorn"),
            *("--bind", f"127.0.0.1:{self.port}"),
            # One control socket per server: the default path is shared.
            *("--control-socket", str(self.folder / f"gunicorn-{self.port}.ctl")),
            "wsgi:app",
        ]

    def start(self):
        self.launch()
        self.wait_until_answering()

    def launch(self):
        """Start the process without waiting for it (several start at once)."""
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=self.env,
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_answering(self, timeout=60):
        if not answering(self.url, self.process, timeout):
            self.stop()
            raise RuntimeError(f"server at {self.url} did not answer:\n{self.log()}")

    def stop(self, signum=signal.SIGINT):
        """Ctrl+C in the terminal by default; SIGTERM as a service manager stops it."""
        stop_group(self.process, signum)

    def log(self):
        return self.log_path.read_text(errors="replace")


def stop_group(process, signum, timeout=15):
    """Send signum to the process group of process (if it runs) and wait for it;
    SIGKILL after timeout seconds."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signum)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def answering(url, process, timeout):
    """Whether url answers within timeout seconds, while process runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            requests.get(url + "/", allow_redirects=False, timeout=2)
            return True
        except requests.RequestException:
            time.sleep(0.05)
    return False


def redis_answers(url):
    try:
        return redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        return False


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(folder, database, port, secret_key, message_queue=None, extra=None):
    env = {k: v for k, v in os.environ.items() if k != "SOCKETIO_MESSAGE_QUEUE"}
    env.update(
        FLASK_APP="wsgi.py",
        INSTANCE_PATH=str(folder),
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY=secret_key,
        PORT=str(port),
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
    )
    if message_queue:
        env["SOCKETIO_MESSAGE_QUEUE"] = message_queue
    env.update(extra or {})
    return env


def flask(env, *args):
    """Run a `flask` command as bin/serve does; fail with its output."""
    result = subprocess.run(
        [str(BIN / "flask"), "--app", "wsgi.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode:
        raise RuntimeError(f"flask {args[0]} failed:\n{result.stdout}{result.stderr}")


def prepare_database(env):
    flask(env, "db", "upgrade")
    account = ("--email", EMAIL, "--name", "Olga Organiser", "--password", PASSWORD)
    flask(env, "create-organiser", *account)


@contextmanager
def running_servers(folder, secret_key, count=1, message_queue=None, extra_env=None):
    """Start `count` servers on one SQLite file, migrated and with an organiser."""
    database = folder / "live.sqlite"
    servers = []
    for _ in range(count):
        port = free_port()
        env = server_env(folder, database, port, secret_key, message_queue, extra_env)
        servers.append(LiveServer(folder, database, port, env))
    try:
        prepare_database(servers[0].env)
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


def app_on(database, secret_key="x"):
    """An app on a live server's SQLite database, for what a journey sets up
    without clicking. Threading and no outbox worker: creating an app binds the
    one Socket.IO object, and a gevent one would starve this test process's
    background tasks."""
    from app import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SECRET_KEY": secret_key,
            "SOCKETIO_ASYNC_MODE": "threading",
            "OUTBOX_WORKER": False,
        }
    )


def print_logs_if_failed(request, servers, failed_before):
    """Show the server logs after a module with failures, past pytest's capture."""
    if request.session.testsfailed == failed_before:
        return
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        for server in servers:
            print(f"\n----- log of the server at {server.url} -----\n{server.log()}")


# --- driving a server over HTTP, as a browser would ----------------------------


class PatientAdapter(HTTPAdapter):
    """Waits at most two minutes for an answer: a server that hangs fails the test
    that asked rather than the whole run at pytest's timeout."""

    def send(self, request, timeout=None, **kwargs):
        return super().send(request, timeout=timeout or 120, **kwargs)


def http_session():
    """A cookie jar like a browser's. The server closes idle keep-alive connections
    after 2 s; a request sent on one in that moment is reset before the server read
    it, and a browser sends it again on a new connection: so does this session."""
    session = requests.Session()
    retry = Retry(total=3, connect=3, read=3, status=0, allowed_methods=None)
    session.mount("http://", PatientAdapter(max_retries=retry))
    return session


def csrf_token(page):
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def logged_in_organiser(base_url, browser=None, email=EMAIL, password=PASSWORD):
    """browser: a session to log in (a fresh one by default)."""
    browser = browser or http_session()
    page = browser.get(base_url + "/login").text
    browser.post(
        base_url + "/login",
        data={"csrf_token": csrf_token(page), "email": email, "password": password},
    ).raise_for_status()
    return browser


def create_event(
    organiser, base_url, title="Dialogforum Melle", catalogue="melle", language="de"
):
    """Create an event through the form; return its id."""
    page = organiser.get(base_url + "/events/new").text
    response = organiser.post(
        base_url + "/events/new",
        data={
            "csrf_token": csrf_token(page),
            "title": title,
            "date": date.today().isoformat(),
            "time": "18:00",
            "venue": "Rathaus Melle",
            "target_group": "Bürger*innen",
            "language": language,
            "format": "dialogue_forum",
            "catalogue": catalogue,
        },
    )
    return int(re.search(r"/events/(\d+)$", response.url).group(1))


def start_first_phase(organiser, base_url, event_id):
    console = organiser.get(f"{base_url}/events/{event_id}/console").text
    action = re.search(r'action="(/events/\d+/phases/\d+/start)"', console).group(1)
    organiser.post(
        base_url + action, data={"csrf_token": csrf_token(console)}
    ).raise_for_status()


def projector_path(organiser, base_url, event_id):
    console = organiser.get(f"{base_url}/events/{event_id}/console").text
    return re.search(r'href="(/projector/[^"]+)"', console).group(1)


def hide_card(organiser, base_url, event_id, card_id):
    """Hide a card as a moderator's console does."""
    console = f"/events/{event_id}/console"
    post_from(organiser, base_url, console, f"/events/{event_id}/cards/{card_id}/hide")


def post_from(session, base_url, page_path, action_path, **fields):
    """POST an action with the CSRF token of the page it sits on, as its script does;
    fields: more form fields (confirm="1" for an action that asks first)."""
    page = session.get(base_url + page_path).text
    data = {"csrf_token": csrf_token(page), **fields}
    response = session.post(base_url + action_path, data=data, headers=JSON)
    response.raise_for_status()
    return response


def console_cards(organiser, base_url, event_id):
    state = organiser.get(f"{base_url}/events/{event_id}/console/state", headers=JSON)
    return state.json()["cards"]


def table_tokens(database, event_id, kind="join"):
    """The join (or host) tokens of an event's tables, as printed on the table
    (or host) cards; kind "id": the tables' ids. database: a live server's SQLite
    file, or a database URL."""
    column = {"join": "join_token", "host": "host_token", "id": "id"}[kind]
    query = f'SELECT {column} FROM "table" WHERE event_id = :event ORDER BY number'
    if isinstance(database, str):
        engine = sqlalchemy.create_engine(database, poolclass=sqlalchemy.NullPool)
        with engine.connect() as connection:
            rows = connection.execute(sqlalchemy.text(query), {"event": event_id})
            return [token for (token,) in rows]
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        rows = connection.execute(query, {"event": event_id})
        return [token for (token,) in rows]


def seated_phone(base_url, table_token, first_name="", phone=None):
    """phone: the session that joins (a fresh one by default)."""
    phone = phone or http_session()
    page = phone.get(f"{base_url}/t/{table_token}").text
    table = re.search(r'name="table" value="(\d+)"', page).group(1)
    data = {"csrf_token": csrf_token(page), "first_name": first_name, "table": table}
    phone.post(f"{base_url}/t/{table_token}", data=data).raise_for_status()
    return phone


def send_card(phone, base_url, text):
    """Send a card of the first open category, as the phone's script does."""
    page = phone.get(base_url + "/me").text
    category = re.search(r'name="category" value="(\d+)"\s*>', page).group(1)
    data = {
        "csrf_token": csrf_token(page),
        "uuid": str(uuid.uuid4()),
        "category": category,
        "text": text,
    }
    response = phone.post(base_url + "/me/cards", data=data, headers=JSON)
    response.raise_for_status()
    return response.json()["card"]


def cookie_header(session):
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)
