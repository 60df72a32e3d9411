"""Secret links (join, table, host, interpreter, projector, tablet, feedback,
"my contributions", report download) cannot be guessed: wrong tokens count per
address, and an address that guessed too often gets no link for a while."""

import pytest

from app.models.base import new_token
from tests.conftest import live_client

GUESSED = (
    "/j/{}",
    "/t/{}",
    "/h/{}",
    "/i/{}",
    "/projector/{}",
    "/projector/{}/poll",
    "/projector/{}/feedback",
    "/tablet/{}",
    "/tablet/{}/state",
    "/f/{}",
    "/mine/{}",
    "/r/{}",
)
ELSEWHERE = {"REMOTE_ADDR": "192.0.2.9"}


@pytest.mark.parametrize("pattern", GUESSED)
def test_an_address_that_guesses_links_is_stopped(app, client, open_event, pattern):
    _, data = open_event()
    interpreter_link = f"/i/{data['interpreter_token']}"
    limit = app.config["LINK_GUESS_LIMIT"]

    answers = {
        client.get(pattern.format(new_token(14))).status_code for _ in range(limit)
    }

    assert answers == {404}
    assert client.get(pattern.format(new_token(14))).status_code == 429
    assert client.get(interpreter_link).status_code == 429  # a hit tells nothing
    assert client.get(interpreter_link, environ_base=ELSEWHERE).status_code == 200


def test_a_guessed_tablet_token_cannot_write_either(app, client, open_event):
    _, data = open_event()
    for _ in range(app.config["LINK_GUESS_LIMIT"]):
        assert client.post(f"/tablet/{new_token(24)}/cards").status_code == 404
    assert client.post(f"/tablet/{new_token(24)}/cards").status_code == 429


def test_a_room_full_of_phones_behind_one_address_is_never_stopped(
    app, client, open_event
):
    _, data = open_event()
    links = (f"/j/{data['join_token']}", f"/t/{data['tables'][0][1]}")
    for _ in range(3 * app.config["LINK_GUESS_LIMIT"]):
        assert {client.get(link).status_code for link in links} == {200}


def test_guessing_tokens_over_the_live_socket_is_stopped_as_well(
    app, client, open_event
):
    _, data = open_event()
    right = {"role": "projector", "token": data["projector_token"]}
    for _ in range(app.config["LINK_GUESS_LIMIT"]):
        wrong = {"role": "projector", "token": new_token(28)}
        assert not live_client(app, client, wrong).is_connected("/live")
    assert not live_client(app, client, right).is_connected("/live")
    assert client.get(f"/projector/{data['projector_token']}").status_code == 429
