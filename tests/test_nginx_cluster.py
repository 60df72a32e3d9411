"""Two server processes behind nginx, on PostgreSQL and one Redis queue, set up as
deploy/ does, act as one installation for phones, console and projector."""

import http.client
import queue
import re
import signal
import time
import uuid

import pytest
import socketio
import sqlalchemy

from tests.cluster import (
    NGINX,
    POSTGRES_URL,
    fresh_database,
    postgres_answers,
    running_cluster,
)
from tests.live_server import (
    JSON,
    create_event,
    csrf_token,
    logged_in_organiser,
    print_logs_if_failed,
    projector_path,
    redis_answers,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)

REDIS_URL = "redis://127.0.0.1:6379/13"
LINK_GUESSES = 3


pytestmark = [
    pytest.mark.live_server,
    pytest.mark.skipif(
        not NGINX.exists(), reason=f"no nginx at {NGINX} (apt-get install nginx)"
    ),
    pytest.mark.skipif(
        not postgres_answers(), reason=f"no PostgreSQL answers at {POSTGRES_URL}"
    ),
    pytest.mark.skipif(
        not redis_answers(REDIS_URL), reason="no Redis answers PING at 127.0.0.1:6379"
    ),
]


@pytest.fixture(scope="module")
def cluster(request, tmp_path_factory):
    """Processes A and B started at once on a fresh PostgreSQL database."""
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("nginx-cluster")
    with (
        fresh_database() as database,
        running_cluster(
            folder,
            database,
            REDIS_URL,
            extra_env={
                "TALLY_PUSH_INTERVAL": "0.1",
                "LINK_GUESS_LIMIT": str(LINK_GUESSES),
            },
        ) as running,
    ):
        yield running
        print_logs_if_failed(request, running.processes(), failed_before)


@pytest.fixture(scope="module")
def evening(cluster):
    """An event with its first phase running, set up by an organiser on A."""
    a, _b = cluster.servers
    organiser = logged_in_organiser_on(cluster, a)
    event_id = create_event(organiser, cluster.url)
    start_first_phase(organiser, cluster.url, event_id)
    return event_id


@pytest.fixture
def live(cluster):
    """live(session, auth, *names) -> {name: queue of its pushes}, connected
    through nginx with the browser client's transports (long polling, then the
    upgrade to a WebSocket) and, as a browser, the session's cookies on every
    request."""
    clients = []

    def connect(session, auth, *names):
        pushes = {name: queue.Queue() for name in names}
        client = socketio.Client(reconnection=False, http_session=session)
        for name in names:
            client.on(name, pushes[name].put, namespace="/live")
        client.connect(cluster.url, namespaces=["/live"], auth=auth, wait_timeout=10)
        clients.append(client)
        return pushes

    yield connect
    for client in clients:
        client.disconnect()


def logged_in_organiser_on(cluster, server):
    """An organiser's browser that nginx sends to `server`."""
    return logged_in_organiser(cluster.url, cluster.session_on(server))


def seated_phone_on(cluster, server, table_token, first_name):
    phone = cluster.session_on(server)
    return seated_phone(cluster.url, table_token, first_name, phone)


def first_push(pushes, matches, timeout=10):
    """The first push for which matches(payload) holds, else None."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            payload = pushes.get(timeout=left)
        except queue.Empty:
            return None
        if matches(payload):
            return payload
    return None


def test_processes_started_at_once_migrate_the_fresh_database_once(cluster):
    engine = sqlalchemy.create_engine(cluster.database, poolclass=sqlalchemy.NullPool)
    with engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT * FROM alembic_version").all()
    assert len(versions) == 1
    for process in cluster.processes():
        assert "Traceback" not in process.log(), process.url


def test_nginx_keeps_a_browser_on_the_process_it_first_reached(cluster):
    browser = logged_in_organiser_on(cluster, cluster.servers[1])
    for n in range(5):
        browser.get(f"{cluster.url}/?sticky={n}", allow_redirects=False)
        assert cluster.nginx.upstream_of(f"/?sticky={n}").endswith(
            f":{cluster.servers[1].port}"
        )
    newcomer = cluster.session_on(cluster.servers[0])
    newcomer.cookies.clear()
    newcomer.get(cluster.url + "/login")
    assert newcomer.cookies.get("tischrunde_node")


def test_card_from_a_phone_on_a_reaches_phone_console_and_projector_on_b(
    cluster, evening, live
):
    a, b = cluster.servers
    table = table_tokens(cluster.database, evening)[0]
    organiser_on_b = logged_in_organiser_on(cluster, b)
    on_phone = live(
        seated_phone_on(cluster, b, table, "Lena"), {"role": "phone"}, "card"
    )
    on_console = live(organiser_on_b, {"role": "console", "event": evening}, "card")
    token = projector_path(organiser_on_b, cluster.url, evening).rsplit("/", 1)[1]
    on_projector = live(
        cluster.session_on(b), {"role": "projector", "token": token}, "card"
    )
    text = f"Über nginx und Redis {uuid.uuid4()}"

    send_card(seated_phone_on(cluster, a, table, "Aziz"), cluster.url, text)

    for pushes in (on_phone, on_console, on_projector):
        assert first_push(pushes["card"], lambda card: card["text"] == text)


def test_vote_on_a_reaches_the_projector_tally_on_b(cluster, evening, live):
    a, b = cluster.servers
    organiser = logged_in_organiser_on(cluster, a)
    prefix = f"{cluster.url}/events/{evening}/polls"
    token = csrf_token(organiser.get(f"{prefix}/new/single").text)
    created = organiser.post(
        f"{prefix}/new/single",
        data={
            "csrf_token": token,
            "question": "Soll es weitergehen?",
            "visibility": "live",
            "options": "Ja\nNein",
            "step": "0",
        },
        allow_redirects=False,
    )
    poll_id = int(re.search(r"/polls/(\d+)$", created.headers["Location"]).group(1))
    projector = projector_path(organiser, cluster.url, evening).rsplit("/", 1)[1]
    on_projector = live(
        cluster.session_on(b), {"role": "projector", "token": projector}, "tally"
    )
    organiser.post(
        f"{prefix}/{poll_id}/open", data={"csrf_token": token}, headers=JSON
    ).raise_for_status()
    options = organiser.get(f"{prefix}/{poll_id}/results", headers=JSON).json()
    phone = seated_phone_on(
        cluster, a, table_tokens(cluster.database, evening)[1], "Mira"
    )
    vote = {"csrf_token": csrf_token(phone.get(cluster.url + "/me").text)}

    phone.post(
        f"{cluster.url}/me/polls/{poll_id}/vote",
        data=vote | {"option": options["options"][0]["id"]},
        headers=JSON,
    ).raise_for_status()

    tally = first_push(
        on_projector["tally"],
        lambda tally: tally["poll_id"] == poll_id and tally["voters"] == 1,
    )
    assert tally and tally["options"][0]["count"] == 1


def wrong_link_from(cluster, address):
    """Open a secret link that names nothing from `address` (a loopback address
    of its own, as another phone's), always through nginx to process A."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", cluster.nginx.port, timeout=5, source_address=(address, 0)
    )
    cookie = f"tischrunde_node={cluster.affinity_for(cluster.servers[0])}"
    connection.request("GET", "/t/no-such-table", headers={"Cookie": cookie})
    return connection.getresponse().status


def test_wrong_links_count_against_the_phone_behind_nginx_not_nginx(cluster):
    guesses = [wrong_link_from(cluster, "127.0.0.2") for _ in range(LINK_GUESSES + 1)]

    assert guesses == [404] * LINK_GUESSES + [429]
    assert wrong_link_from(cluster, "127.0.0.3") == 404


def test_browsers_of_a_stopped_process_are_served_by_the_other_until_it_is_back(
    cluster,
):
    """Restarting the processes one by one (README): last, it restarts A."""
    a, b = cluster.servers
    browser = cluster.session_on(a)
    a.stop(signal.SIGTERM)

    answers = [browser.get(f"{cluster.url}/login?a-down={n}") for n in range(3)]
    a.start()

    assert [answer.status_code for answer in answers] == [200] * 3
    assert cluster.nginx.upstream_of("/login?a-down=0").endswith(f":{b.port}")
    assert back_on(cluster, browser, a)


def back_on(cluster, browser, server, timeout=15):
    """Whether nginx sends the browser to server again within timeout seconds
    (it skips a process for fail_timeout, 5 s, after a failed attempt)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        probe = f"/login?back={time.monotonic()}"
        browser.get(cluster.url + probe)
        if (cluster.nginx.upstream_of(probe) or "").endswith(f":{server.port}"):
            return True
        time.sleep(0.5)
    return False
