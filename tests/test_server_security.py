"""What the real server (as make run starts it) refuses at its edge."""

import re
import uuid

import pytest
import requests

from tests import images
from tests.live_server import (
    JSON,
    create_event,
    csrf_token,
    logged_in_organiser,
    running_servers,
)

pytestmark = pytest.mark.live_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_servers(tmp_path_factory.mktemp("edge"), "edge-secret") as servers:
        yield servers[0]


def handshake(server, origin):
    url = f"{server.url}/socket.io/?EIO=4&transport=polling"
    return requests.get(url, headers={"Origin": origin}, timeout=5)


def test_live_socket_accepts_its_own_site_and_refuses_others(server):
    assert handshake(server, server.url).status_code == 200
    refused = handshake(server, "http://evil.example")
    assert refused.status_code == 400 and "origin" in refused.text.lower()


def test_refused_uploads_leave_no_traceback_in_the_server_log(server):
    """Refusals raised in gevent's thread pool were printed as tracebacks (#13)."""
    organiser = logged_in_organiser(server.url)
    event_id = create_event(organiser, server.url)
    console = organiser.get(f"{server.url}/events/{event_id}/console").text
    table_id = re.search(r"/events/\d+/tables/(\d+)/photos", console).group(1)
    url = f"{server.url}/events/{event_id}/tables/{table_id}/photos"
    headers = {**JSON, "X-CSRFToken": csrf_token(console)}
    log_before = len(server.log())
    for data in (images.svg(), images.truncated_jpeg()):
        response = organiser.post(
            url,
            data={"uuid": str(uuid.uuid4())},
            files={"photo": ("upload.jpg", data)},
            headers=headers,
        )
        assert response.status_code in (400, 415)
    log = server.log()[log_before:]
    assert "Traceback" not in log and "ERROR" not in log
