"""Table tablets: one shared device per table writes cards for people without a
phone, by an unguessable link the moderator issues and revokes. No name, no
remembered address, no vote, no participant."""

import re
import uuid

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Card, MailAddress, Table
from app.models.event import TABLET_TOKEN_LENGTH
from app.services.stats import event_counts
from tests.conftest import join, live_client, send_card
from tests.test_live import received
from tests.test_page_weight import BUDGET, transferred
from tests.test_voting import make_poll, option_ids, vote

JSON = {"Accept": "application/json"}


def issue(client, event_id, table_id, action="issue"):
    return client.post(
        f"/events/{event_id}/tables/{table_id}/tablet/{action}", headers=JSON
    )


@pytest.fixture
def tablet(app, phone, open_event, logged_in):
    """Phase 1 runs; table 1 has a tablet (a browser of its own, in English)."""
    event_id, data = open_event()
    table_id = data["tables"][0][0]
    token = issue(logged_in, event_id, table_id).json["token"]
    device = phone()
    device.get("/lang/en")
    return {
        "event_id": event_id,
        "data": data,
        "table_id": table_id,
        "token": token,
        "device": device,
        "url": f"/tablet/{token}",
    }


def write(device, url, text, card_uuid=None, json=True, **extra):
    form = {"uuid": card_uuid or str(uuid.uuid4()), "text": text, **extra}
    return device.post(f"{url}/cards", data=form, headers=JSON if json else {})


def first_category(data):
    return data["phases"][0][1][0]


def cards(app):
    with app.app_context():
        found = db.session.scalars(select(Card).order_by(Card.id)).all()
        db.session.expunge_all()
        return found


# --- issuing and revoking ---------------------------------------------------


def test_moderator_issues_a_tablet_link_with_a_qr_code_to_show_or_print(
    app, tablet, logged_in
):
    assert len(tablet["token"]) == TABLET_TOKEN_LENGTH
    page = logged_in.get(f"/events/{tablet['event_id']}/tablets").get_data(as_text=True)
    assert f"http://tischrunde.test/tablet/{tablet['token']}" in page
    assert '<svg role="img"' in page
    with app.app_context():
        others = db.session.scalars(
            select(Table.tablet_token).where(Table.id != tablet["table_id"])
        ).all()
    assert set(others) == {None}  # only the table asked for has a tablet


def test_tablet_links_are_for_organisers_only(app, tablet, phone):
    stranger = phone()
    join(stranger, tablet["data"]["tables"][0][1])
    for client in (stranger, tablet["device"]):
        assert client.get(f"/events/{tablet['event_id']}/tablets").status_code in (
            302,
            403,
        )
        answer = issue(client, tablet["event_id"], tablet["table_id"], "revoke")
        assert answer.status_code == 403
    assert tablet["device"].get(tablet["url"]).status_code == 200


def test_a_revoked_tablet_is_refused_everywhere(app, tablet, logged_in):
    issue(logged_in, tablet["event_id"], tablet["table_id"], "revoke")
    device, url = tablet["device"], tablet["url"]
    page = device.get(url)
    assert page.status_code == 404
    assert "This tablet link no longer works" in page.get_data(as_text=True)
    category = first_category(tablet["data"])
    assert write(device, url, "Zu spät", category=category).status_code == 404
    assert device.get(f"{url}/state").status_code == 404
    assert device.post(f"{url}/email", data={"email": "a@b.de"}).status_code == 404
    assert cards(app) == []


def test_a_new_link_replaces_the_old_one(app, tablet, logged_in):
    fresh = issue(logged_in, tablet["event_id"], tablet["table_id"]).json["token"]
    assert fresh != tablet["token"]
    assert tablet["device"].get(tablet["url"]).status_code == 404
    assert tablet["device"].get(f"/tablet/{fresh}").status_code == 200


def test_a_moderator_cannot_reach_another_events_table_through_this_event(
    app, tablet, logged_in, open_event
):
    other_id, other = open_event(title="Anderes Forum")
    answer = issue(logged_in, tablet["event_id"], other["tables"][0][0])
    assert answer.status_code == 404


# --- writing ----------------------------------------------------------------


def test_tablet_card_belongs_to_nobody_and_is_marked_as_entered_at_the_tablet(
    app, tablet
):
    answer = write(
        tablet["device"],
        tablet["url"],
        "Mehr Bänke im Park",
        category=first_category(tablet["data"]),
    )
    assert answer.status_code == 201 and "entered_by" not in answer.json["card"]
    (card,) = cards(app)
    assert (card.participant_id, card.entered_by, card.table_id) == (
        None,
        "tablet",
        tablet["table_id"],
    )
    assert card.language == "de"  # detected from the text, whatever the tablet's


def test_tablet_cards_of_three_people_are_counted_apart_and_add_no_participant(
    app, tablet, phone
):
    neighbour = phone()
    join(neighbour, tablet["data"]["tables"][0][1])
    category = first_category(tablet["data"])
    send_card(neighbour, category, "Vom Telefon")
    for person in ("Anna", "Bilal", "Chiara"):
        write(tablet["device"], tablet["url"], f"Karte von {person}", category=category)
    with app.app_context():
        counts = event_counts(tablet["event_id"])
    assert (counts["cards"], counts["on_behalf"], counts["participants"]) == (4, 3, 1)
    assert counts["tables"] == {str(tablet["table_id"]): 1}


def test_resent_tablet_card_is_stored_once(app, tablet):
    card_uuid = str(uuid.uuid4())
    category = first_category(tablet["data"])
    codes = [
        write(tablet["device"], tablet["url"], "Einmal", card_uuid, category=category)
        for _ in range(3)
    ]
    assert [c.status_code for c in codes] == [201, 200, 200]
    assert len(cards(app)) == 1


def test_a_phone_at_the_table_cannot_claim_a_tablet_cards_uuid(app, tablet, phone):
    card_uuid = str(uuid.uuid4())
    category = first_category(tablet["data"])
    write(tablet["device"], tablet["url"], "Vom Tablet", card_uuid, category=category)
    neighbour = phone()
    join(neighbour, tablet["data"]["tables"][0][1])
    answer = send_card(neighbour, category, "Vom Tablet", card_uuid)
    assert answer.status_code == 400 and "card" not in answer.json


def test_tablet_cards_are_refused_with_the_messages_of_phones(app, tablet):
    device, url = tablet["device"], tablet["url"]
    category = first_category(tablet["data"])
    empty = write(device, url, "  ", category=category)
    unknown = write(device, url, "Gut", category="999999")
    assert empty.json["error"] == "Please write something on the card."
    assert unknown.json["error"] == "Please choose what kind of card this is."
    assert cards(app) == []


def test_a_tablet_cannot_write_with_another_events_category(app, tablet, open_event):
    _other_id, other = open_event(title="Anderes Forum")
    answer = write(
        tablet["device"], tablet["url"], "Fremd", category=first_category(other)
    )
    assert answer.status_code == 400 and cards(app) == []


def test_tablet_has_its_own_card_budget(app, tablet):
    app.config["CARD_RATE_LIMIT"] = 2
    category = first_category(tablet["data"])
    try:
        codes = [
            write(tablet["device"], tablet["url"], f"K{n}", category=category)
            for n in range(3)
        ]
    finally:
        app.config["CARD_RATE_LIMIT"] = 30
    assert [c.status_code for c in codes] == [201, 201, 429]


# --- pages without JavaScript ------------------------------------------------


def test_tablet_page_without_javascript_sends_and_starts_empty_for_the_next_person(
    app, tablet
):
    device, url = tablet["device"], tablet["url"]
    page = device.get(url).get_data(as_text=True)
    form_uuid = re.search(r'name="uuid" type="hidden" value="([^"]+)"', page).group(1)
    answer = write(
        device,
        url,
        "Ohne Skript",
        form_uuid,
        json=False,
        category=first_category(tablet["data"]),
    )
    assert answer.status_code == 302 and answer.headers["Location"].endswith("?sent=1")
    after = device.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Sent. Thank you! Next person, please." in after
    assert f'name="uuid" type="hidden" value="{form_uuid}"' not in after
    assert "checked" not in after.split('id="card-form"')[1].split("</fieldset>")[0]
    assert re.search(r'<textarea id="text"[^>]*></textarea>', after)
    assert "Ohne Skript" in after  # the table's card list shows it, anonymously


def test_refused_tablet_card_keeps_its_text_for_the_same_person(app, tablet):
    answer = write(
        tablet["device"], tablet["url"], "Ohne Art", json=False, section="x" * 41
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "Please choose what kind of card this is." in page
    assert ">Ohne Art</textarea>" in page


def test_tablet_page_has_no_name_no_table_change_no_photos_and_no_vote(app, tablet):
    page = tablet["device"].get(tablet["url"]).get_data(as_text=True)
    assert "first_name" not in page and "Change table" not in page
    assert 'id="photo-form"' not in page and "poll-banner" not in page
    assert "Votes are cast on phones only" in page
    assert 'action="/me/' not in page  # nothing posts to a participant's routes


def test_tablet_pages_are_never_cached(tablet):
    answer = tablet["device"].get(tablet["url"])
    assert answer.headers["Cache-Control"] == "no-store"


def test_tablet_page_runs_right_to_left_in_arabic(tablet):
    tablet["device"].get("/lang/ar")
    page = tablet["device"].get(tablet["url"]).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page


def test_tablet_page_fits_the_phone_budget(app, tablet):
    total = transferred(tablet["device"], tablet["url"])[1]
    print(f"tablet page transferred (gzip): {total} bytes")
    assert total <= BUDGET, f"{total} bytes"


# --- results by e-mail ------------------------------------------------------


def test_tablet_mail_form_keeps_no_address_for_the_next_person(app, tablet):
    device, url = tablet["device"], tablet["url"]
    answer = device.post(
        f"{url}/email", data={"email": "ana@example.org", "consent": "y"}
    )
    assert answer.status_code == 302
    page = device.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Thank you! We will send you the results by e-mail." in page
    assert "ana@example.org" not in page
    assert re.search(r'<input autocomplete="off"[^>]*name="email"[^>]*value=""', page)
    assert "You will get the results by e-mail." not in page  # asks the next one
    with app.app_context():
        stored = db.session.scalars(select(MailAddress.address)).all()
    assert stored == ["ana@example.org"]


def test_a_refused_address_is_shown_only_to_the_person_who_typed_it(app, tablet):
    device, url = tablet["device"], tablet["url"]
    answer = device.post(f"{url}/email", data={"email": "ana@example.org"})
    assert answer.status_code == 400
    assert "Please confirm that we may send you the results." in answer.get_data(
        as_text=True
    )
    assert "ana@example.org" not in device.get(url).get_data(as_text=True)


def test_a_tablet_may_leave_an_address_for_everyone_at_its_table(app, tablet):
    """A phone may leave EMAIL_RATE_LIMIT addresses an hour; a tablet that many
    per seat of its table."""
    limit = app.config["EMAIL_RATE_LIMIT"]
    codes = [
        tablet["device"]
        .post(
            f"{tablet['url']}/email",
            data={"email": f"person{n}@example.org", "consent": "y"},
        )
        .status_code
        for n in range(limit + 2)
    ]
    assert codes == [302] * (limit + 2)


# --- what a tablet may not do -----------------------------------------------


def test_a_tablet_cannot_vote_or_read_a_participants_pages(app, tablet, phone):
    voter = phone()
    join(voter, tablet["data"]["tables"][0][1], language="en")
    poll_id = make_poll(app, tablet["event_id"], "single")
    school = option_ids(app, poll_id)[0]
    device = tablet["device"]
    device.get(tablet["url"])
    assert vote(device, poll_id, option=school).status_code == 401
    for url in ("/me", "/me/state", "/me/host", f"/me/polls/{poll_id}"):
        assert device.get(url, headers=JSON).status_code == 401, url
    assert device.get(f"{tablet['url']}/state").json["poll"] is None
    assert vote(voter, poll_id, option=school).status_code == 200


def test_tablet_state_holds_only_its_own_tables_cards(app, tablet, phone):
    elsewhere = phone()
    join(elsewhere, tablet["data"]["tables"][1][1])
    category = first_category(tablet["data"])
    send_card(elsewhere, category, "Am anderen Tisch")
    write(tablet["device"], tablet["url"], "Am Tablet", category=category)
    state = tablet["device"].get(f"{tablet['url']}/state").json
    assert [c["text"] for c in state["cards"]] == ["Am Tablet"]
    assert "Am anderen Tisch" not in tablet["device"].get(tablet["url"]).get_data(
        as_text=True
    )


# --- live -------------------------------------------------------------------


def test_a_tablets_card_reaches_its_table_and_the_console(
    app, tablet, phone, logged_in
):
    neighbour = phone()
    join(neighbour, tablet["data"]["tables"][0][1])
    other = phone()
    join(other, tablet["data"]["tables"][1][1])
    at_table = live_client(app, neighbour, {"role": "phone"})
    elsewhere = live_client(app, other, {"role": "phone"})
    console = live_client(
        app, logged_in, {"role": "console", "event": tablet["event_id"]}
    )
    device = live_client(
        app, tablet["device"], {"role": "tablet", "token": tablet["token"]}
    )
    for client in (at_table, elsewhere, console, device):
        client.get_received("/live")
    write(
        tablet["device"],
        tablet["url"],
        "Vom Tablet",
        category=first_category(tablet["data"]),
    )
    assert [c["text"] for c in received(at_table, "card")] == ["Vom Tablet"]
    assert [c["text"] for c in received(device, "card")] == ["Vom Tablet"]
    assert [c["entered_by"] for c in received(console, "card")] == ["tablet"]
    assert received(elsewhere, "card") == []


def test_a_tablet_hears_phase_changes_but_is_not_sent_to_polls(
    app, tablet, start_phase
):
    device = live_client(
        app, tablet["device"], {"role": "tablet", "token": tablet["token"]}
    )
    device.get_received("/live")
    start_phase(tablet["event_id"], 1)
    assert received(device, "state")[-1]["phase_id"] == tablet["data"]["phases"][1][0]


def test_unknown_or_revoked_tablet_tokens_cannot_connect(app, tablet, logged_in):
    wrong = live_client(app, tablet["device"], {"role": "tablet", "token": "x" * 24})
    assert not wrong.is_connected("/live")
    connected = live_client(
        app, tablet["device"], {"role": "tablet", "token": tablet["token"]}
    )
    assert connected.is_connected("/live")
    issue(logged_in, tablet["event_id"], tablet["table_id"], "revoke")
    assert not connected.is_connected("/live")
    again = live_client(
        app, tablet["device"], {"role": "tablet", "token": tablet["token"]}
    )
    assert not again.is_connected("/live")
