"""What the real server (as make run starts it) refuses at its edge."""

import pytest
import requests

from tests.live_server import running_servers

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
