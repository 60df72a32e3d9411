"""Renewing a leaked link: the organiser renews the join links, the projector
link, the interpreter link or a table's host card; the old one stops at once,
the new one works and the printouts carry it."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from app.extensions import db
from app.models import Table
from tests.conftest import CONFIRMED, join, join_as_interpreter, live_client
from tests.test_live import seated_phone


@pytest.fixture
def event(open_event, logged_in):
    """An open event (phase 1 running) and its organiser: (id, data)."""
    return open_event()


def renew(client, event_id, link, confirmed=True):
    return client.post(
        f"/events/{event_id}/links/{link}/renew", data=CONFIRMED if confirmed else {}
    )


def renew_host_card(client, event_id, table_id):
    url = f"/events/{event_id}/tables/{table_id}/host-link/renew"
    return client.post(url, data=CONFIRMED)


def fresh(event_data, event_id):
    return event_data(event_id)


def host_token(app, table_id):
    with app.app_context():
        return db.session.get(Table, table_id).host_token


def pdf_text(response):
    assert response.status_code == 200
    pages = PdfReader(BytesIO(response.data)).pages
    return "".join(page.extract_text() for page in pages).replace("\n", "")


def test_renewing_asks_first_and_changes_nothing_unasked(
    app, logged_in, event, event_data
):
    event_id, data = event
    logged_in.get("/lang/en")
    answer = renew(logged_in, event_id, "projector", confirmed=False)
    assert answer.status_code == 200 and "Renew the projector link?" in answer.text
    assert fresh(event_data, event_id) == data


def test_new_join_links_replace_the_event_code_and_the_table_cards(
    app, phone, logged_in, event, event_data
):
    event_id, data = event
    seated, _ = seated_phone(app, phone, data["tables"][0][1])
    change = re.search(
        r'href="([^"]+)">[^<]*<svg[^>]*>.*?</svg> Tisch wechseln',
        seated.get("/me").text,
    )

    answer = renew(logged_in, event_id, "join")

    assert answer.status_code == 302 and answer.location.endswith("#links")
    new = fresh(event_data, event_id)
    newcomer = phone()
    assert newcomer.get(f"/j/{data['join_token']}").status_code == 404
    assert newcomer.get(f"/t/{data['tables'][0][1]}").status_code == 404
    assert newcomer.get(f"/j/{new['join_token']}").status_code == 200
    assert join(newcomer, new["tables"][0][1]).status_code == 302
    assert seated.get("/me").status_code == 200  # a phone that joined keeps its seat
    choose = seated.get(change.group(1), follow_redirects=True)
    assert choose.status_code == 200 and new["join_token"] in choose.request.path
    cards = pdf_text(logged_in.get(f"/events/{event_id}/table-cards.pdf"))
    assert new["tables"][0][1] in cards and data["tables"][0][1] not in cards


def test_a_projector_with_the_old_link_stops(app, phone, logged_in, event, event_data):
    event_id, data = event
    old = data["projector_token"]
    screen = phone()
    projector = live_client(app, screen, {"role": "projector", "token": old})
    assert projector.is_connected("/live")

    renew(logged_in, event_id, "projector")

    new = fresh(event_data, event_id)["projector_token"]
    assert not projector.is_connected("/live")
    assert screen.get(f"/projector/{old}").status_code == 404
    assert screen.get(f"/projector/{old}/poll").status_code == 404
    assert not live_client(
        app, screen, {"role": "projector", "token": old}
    ).is_connected("/live")
    assert screen.get(f"/projector/{new}").status_code == 200
    page = logged_in.get(f"/events/{event_id}").text
    assert f"/projector/{new}" in page and old not in page


def test_interpreters_with_the_old_link_stop_and_join_again_by_the_new(
    app, phone, logged_in, event, event_data
):
    event_id, data = event
    old = data["interpreter_token"]
    interpreter = phone()
    join_as_interpreter(interpreter, old, ["en"])
    live = live_client(app, interpreter, {"role": "interpreter"})
    assert interpreter.get("/interpret/queue").status_code == 200

    renew(logged_in, event_id, "interpreter")

    new = fresh(event_data, event_id)["interpreter_token"]
    assert not live.is_connected("/live")
    assert interpreter.get("/interpret/queue").status_code == 401
    assert interpreter.get(f"/i/{old}").status_code == 404
    assert join_as_interpreter(interpreter, new, ["en"]).status_code == 302
    assert interpreter.get("/interpret/queue").status_code == 200
    page = logged_in.get(f"/events/{event_id}").text
    assert f"/i/{new}" in page and f"/i/{old}" not in page


def test_a_new_host_card_ends_hosting_by_the_old_one(
    app, phone, logged_in, event, event_data
):
    event_id, data = event
    table_id = data["tables"][0][0]
    old = host_token(app, table_id)
    host = phone()
    host.post(f"/h/{old}", data={"first_name": "Hanna"})
    tools = live_client(app, host, {"role": "host"})

    answer = renew_host_card(logged_in, event_id, table_id)

    assert answer.status_code == 302
    new = host_token(app, table_id)
    assert host.get("/me/host").status_code == 403 and not tools.is_connected("/live")
    assert host.get("/me").status_code == 200  # still seated at the table
    assert phone().get(f"/h/{old}").status_code == 404
    assert host.post(f"/h/{new}", data={"first_name": "Hanna"}).status_code == 302
    assert host.get("/me/host").status_code == 200
    other = host_token(app, data["tables"][1][0])
    cards = pdf_text(logged_in.get(f"/events/{event_id}/host-cards.pdf"))
    assert new in cards and old not in cards and other in cards


def test_only_the_events_organisers_renew_links(
    app, phone, event, open_event, logged_in, event_data
):
    event_id, data = event
    stranger, _ = seated_phone(app, phone, data["tables"][0][1])
    for link in ("join", "projector", "interpreter"):
        assert renew(stranger, event_id, link).status_code == 403
    assert renew_host_card(stranger, event_id, data["tables"][0][0]).status_code == 403
    other_id, other = open_event(title="Anderes Forum")
    assert (
        renew_host_card(logged_in, event_id, other["tables"][0][0]).status_code == 404
    )
    assert fresh(event_data, event_id) == data


def test_the_event_page_offers_to_renew_every_link(app, logged_in, event):
    event_id, data = event
    page = logged_in.get(f"/events/{event_id}").text
    assert 'id="links"' in page
    for link in ("join", "projector", "interpreter"):
        assert f'action="/events/{event_id}/links/{link}/renew"' in page
    for table_id, _ in data["tables"]:
        assert f"/tables/{table_id}/host-link/renew" in page
    assert page.count("data-confirm=") >= 3 + len(data["tables"])
