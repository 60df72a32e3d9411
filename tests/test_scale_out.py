"""Two server processes behind one Redis message queue act as one installation."""

import queue
import time
import uuid

import pytest
import socketio

from tests.live_server import (
    cookie_header,
    create_event,
    logged_in_organiser,
    print_logs_if_failed,
    redis_answers,
    running_servers,
    seated_phone,
    send_card,
    start_first_phase,
    table_tokens,
)

REDIS_URL = "redis://127.0.0.1:6379/11"


pytestmark = [
    pytest.mark.live_server,
    pytest.mark.skipif(
        not redis_answers(REDIS_URL), reason="no Redis answers PING at 127.0.0.1:6379"
    ),
]


@pytest.fixture(scope="module")
def servers(request, tmp_path_factory):
    """Servers A and B: one SQLite file, one SECRET_KEY, one Redis queue."""
    failed_before = request.session.testsfailed
    folder = tmp_path_factory.mktemp("scale-out")
    with running_servers(
        folder, "scale-out-secret", count=2, message_queue=REDIS_URL
    ) as pair:
        yield pair
        print_logs_if_failed(request, pair, failed_before)


@pytest.fixture
def live_phone():
    """live_phone(server, phone) -> a queue of the cards pushed to that phone."""
    clients = []

    def connect(server, phone):
        cards = queue.Queue()
        client = socketio.Client(reconnection=False)
        client.on("card", cards.put, namespace="/live")
        client.connect(
            server.url,
            namespaces=["/live"],
            headers={"Cookie": cookie_header(phone)},
            auth={"role": "phone"},
            wait_timeout=5,
        )
        clients.append(client)
        return cards

    yield connect
    for client in clients:
        client.disconnect()


def texts_pushed_until(cards, text, timeout=5):
    """The texts pushed until `text` arrives or `timeout` seconds pass."""
    seen = []
    deadline = time.monotonic() + timeout
    while text not in seen and (left := deadline - time.monotonic()) > 0:
        try:
            seen.append(cards.get(timeout=left)["text"])
        except queue.Empty:
            break
    return seen


def test_card_sent_to_one_server_reaches_a_phone_connected_to_the_other(
    servers, live_phone
):
    a, b = servers
    organiser = logged_in_organiser(a.url)
    event_id = create_event(organiser, a.url)
    start_first_phase(organiser, a.url, event_id)
    table = table_tokens(a.database, event_id)[0]
    pushed_on_b = live_phone(b, seated_phone(a.url, table, "Lena"))
    # Unique, because Redis pub/sub channels are shared by every database number.
    text = f"Über Redis zugestellt {uuid.uuid4()}"

    send_card(seated_phone(a.url, table, "Aziz"), a.url, text)

    assert text in texts_pushed_until(pushed_on_b, text)
