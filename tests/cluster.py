"""Several server processes behind nginx, on PostgreSQL and one Redis queue, as
deploy/ sets them up: for tests/test_nginx_cluster.py and bench/cluster.py.

nginx runs as its own non-daemon process with a configuration, prefix and logs in
a temporary folder; the site is deploy/nginx/tischrunde.conf itself with the
test's ports put in.
"""

import os
import re
import signal
import subprocess
import time
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests
import sqlalchemy

from tests.live_server import (
    EMAIL,
    PASSWORD,
    ROOT,
    LiveServer,
    answering,
    flask,
    free_port,
    http_session,
    server_env,
    stop_group,
)

NGINX = Path(os.environ.get("NGINX") or "/usr/sbin/nginx")
POSTGRES_URL = os.environ.get(
    "CLUSTER_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
SITE = ROOT / "deploy" / "nginx" / "tischrunde.conf"
AFFINITY_COOKIE = "tischrunde_node"
UPSTREAM_LINE = re.compile(r"^\s*server 127\.0\.0\.1:\d+.*;\n", re.MULTILINE)

NGINX_CONF = """\
{user}worker_processes 1;
worker_rlimit_nofile 20000;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 10000; }}
http {{
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    log_format upstream '$request_uri $upstream_addr $status';
    access_log {folder}/access.log upstream;
    include {folder}/site.conf;
}}
"""


def postgres_answers():
    try:
        engine = sqlalchemy.create_engine(
            POSTGRES_URL,
            poolclass=sqlalchemy.NullPool,
            connect_args={"connect_timeout": 2},
        )
        with engine.connect():
            return True
    except sqlalchemy.exc.SQLAlchemyError:
        return False


@contextmanager
def fresh_database(prefix="tischrunde_cluster"):
    """A new, empty PostgreSQL database; its URL. Dropped at the end."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(
        POSTGRES_URL, isolation_level="AUTOCOMMIT", poolclass=sqlalchemy.NullPool
    )
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield str(sqlalchemy.make_url(POSTGRES_URL).set(database=name))
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def site_config(listen_port, upstream_ports, sticky=True):
    """deploy/nginx/tischrunde.conf with the test's ports instead of 80 and 8001…;
    sticky=False: round robin instead (bench/cluster.py compares them)."""
    site = SITE.read_text()
    if not sticky:
        site = site.replace("    hash $tischrunde_node consistent;\n", "")
    servers = "".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n"
        for port in upstream_ports
    )
    site = UPSTREAM_LINE.sub("", site, count=0)
    site = site.replace("upstream tischrunde {\n", "upstream tischrunde {\n" + servers)
    site = site.replace("listen [::]:80;\n", "")
    return site.replace("listen 80;", f"listen 127.0.0.1:{listen_port};")


class Nginx:
    def __init__(self, folder, upstream_ports, sticky=True):
        self.folder, self.sticky = folder, sticky
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.upstream_ports = upstream_ports
        self.process = None

    def start(self):
        (self.folder / "site.conf").write_text(
            site_config(self.port, self.upstream_ports, self.sticky)
        )
        # As root nginx would hand its workers to "nobody", who may not write
        # this folder.
        user = "user root;\n" if os.geteuid() == 0 else ""
        config = self.folder / "nginx.conf"
        config.write_text(NGINX_CONF.format(user=user, folder=self.folder))
        self.process = subprocess.Popen(
            [str(NGINX), "-p", str(self.folder), "-c", str(config)]
            + ["-e", str(self.folder / "error.log"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not answering(self.url, self.process, timeout=10):
            self.stop()
            raise RuntimeError(f"nginx did not answer:\n{self.log()}")

    def stop(self):
        stop_group(self.process, signal.SIGQUIT)  # graceful: close, then exit

    def log(self):
        path = self.folder / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def upstream_of(self, request_uri, timeout=2):
        """The process (host:port) that answered the request with this URI; nginx
        logs every one it tried ("a, b" after a failed attempt), and does so just
        after answering: wait a moment for the line."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in (self.folder / "access.log").read_text().splitlines():
                uri, upstreams = line.rsplit(" ", 1)[0].split(" ", 1)
                if uri == request_uri:
                    return upstreams.split(", ")[-1]
            time.sleep(0.01)
        return None


class Cluster:
    """nginx in front of `servers`, all on one database and Redis queue."""

    def __init__(self, nginx, servers, database_url):
        self.nginx, self.servers, self.database = nginx, servers, database_url
        self.url = nginx.url
        self.affinity = {}  # server port -> a cookie value nginx sends there

    def session_on(self, server):
        """A browser whose requests nginx sends to `server` (by its affinity
        cookie, as if nginx had set it)."""
        session = http_session()
        session.cookies.set(AFFINITY_COOKIE, self.affinity_for(server))
        return session

    def affinity_for(self, server):
        if not self.affinity:
            self._learn_affinities()
        return self.affinity[server.port]

    def _learn_affinities(self, tries=200):
        wanted = {server.port for server in self.servers}
        for n in range(tries):
            value = f"probe-{n}"
            probe = f"/?affinity-probe={n}"
            requests.get(
                self.url + probe,
                cookies={AFFINITY_COOKIE: value},
                allow_redirects=False,
                timeout=5,
            )
            port = int(self.nginx.upstream_of(probe).rsplit(":", 1)[1])
            self.affinity.setdefault(port, value)
            if wanted <= self.affinity.keys():
                return
        raise RuntimeError(f"nginx sent {tries} cookies to {self.affinity} only")

    def processes(self):
        """The servers and nginx: each has a url and a log()."""
        return [*self.servers, self.nginx]


@contextmanager
def running_cluster(
    folder,
    database_url,
    message_queue,
    count=2,
    extra_env=None,
    sticky=True,
    organiser=True,
):
    """`count` servers started at once on a fresh database (each migrates it as it
    starts, as the systemd units do), the tests' organiser (unless organiser is
    False), and nginx in front."""
    ports = [free_port() for _ in range(count)]
    nginx = Nginx(folder / "nginx", ports, sticky)
    nginx.folder.mkdir()
    servers = []
    for port in ports:
        extra = {
            "DATABASE_URL": database_url,
            "PUBLIC_BASE_URL": nginx.url,
            "TRUSTED_PROXIES": "1",
            **(extra_env or {}),
        }
        env = server_env(folder, None, port, "cluster-secret", message_queue, extra)
        servers.append(LiveServer(folder, None, port, env))
    with ExitStack() as stack:
        for server in servers:
            stack.callback(server.stop)
            server.launch()
        for server in servers:
            server.wait_until_answering()
        if organiser:
            account = ("--email", EMAIL, "--name", "Olga Organiser")
            flask(servers[0].env, "create-organiser", *account, "--password", PASSWORD)
        stack.callback(nginx.stop)
        nginx.start()
        yield Cluster(nginx, servers, database_url)
