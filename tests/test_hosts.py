"""Table hosts: join by host QR, tidy their own table's cards (never another's),
present them in the plenary; the moderator can always take over."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, Participant, Table
from app.services import runsheet
from tests.conftest import join, send_card
from tests.test_live import received


@pytest.fixture
def hosted(app, phone, make_event, event_data, start_phase):
    """An event in phase 1: a host at table 1 and a writer at tables 1 and 2."""
    event_id = make_event()
    data = event_data(event_id)
    start_phase(event_id, 0)
    with app.app_context():
        token = db.session.get(Table, data["tables"][0][0]).host_token
    host = phone()
    assert host.post(f"/h/{token}", data={"first_name": "Hanna"}).status_code == 302
    writer, other = phone(), phone()
    join(writer, data["tables"][0][1])
    join(other, data["tables"][1][1])
    category = data["phases"][0][1][0]
    own = [send_card(writer, category, t).json["card"]["id"] for t in TEXTS]
    foreign = send_card(other, category, "Am anderen Tisch").json["card"]["id"]
    return {
        "event_id": event_id,
        "host": host,
        "writer": writer,
        "own": own,
        "foreign": foreign,
        "data": data,
    }


TEXTS = ("Mehr Sprachkurse anbeiten", "Mehr Sprachkurse anbieten", "Kita-Plätze")


def card(app, card_id):
    with app.app_context():
        return db.session.get(Card, card_id)


def act(browser, card_id, action, **form):
    return browser.post(f"/me/host/cards/{card_id}/{action}", data=form)


def test_host_qr_seats_the_phone_as_host_and_shows_the_tools(app, hosted):
    page = hosted["host"].get("/me").get_data(as_text=True)
    assert "/me/host" in page
    tools = hosted["host"].get("/me/host").get_data(as_text=True)
    assert all(text in tools for text in TEXTS) and "Am anderen Tisch" not in tools


def tidy(browser, card_id, text, heading="", marked=False):
    form = {"text": text, "heading": heading}
    if marked:
        form["marked"] = "1"
    return act(browser, card_id, "tidy", **form)


def merge(browser, card_ids, keep=None):
    form = {"card": list(card_ids)}
    if keep is not None:
        form["keep"] = keep
    return browser.post("/me/host/merge", data=form)


def test_host_corrects_a_typo_and_the_original_is_kept(app, hosted):
    typo = hosted["own"][0]
    tidy(hosted["host"], typo, "Mehr Sprachkurse anbieten!")
    found = card(app, typo)
    assert found.text == TEXTS[0] and found.shown_text == "Mehr Sprachkurse anbieten!"
    page = hosted["writer"].get("/me").get_data(as_text=True)
    assert "Mehr Sprachkurse anbieten!" in page


def test_host_merges_duplicates_groups_and_marks_cards(app, hosted):
    first, second, third = hosted["own"]
    assert merge(hosted["host"], [first, second], keep=second).status_code == 302
    tidy(hosted["host"], second, TEXTS[1], heading="  Sprache  ", marked=True)
    tidy(hosted["host"], third, TEXTS[2], marked=True)
    assert card(app, first).state == "merged"
    kept = card(app, second)
    assert kept.merged_count == 1 and kept.heading == "Sprache"
    assert (kept.present_position, card(app, third).present_position) == (1, 2)
    tidy(hosted["host"], second, TEXTS[1], heading="Sprache")  # unmarked again
    assert card(app, second).present_position is None
    act(hosted["host"], first, "unmerge")
    assert card(app, first).state == "visible" and card(app, second).merged_count == 0


def test_hosts_cannot_touch_other_tables(app, hosted):
    foreign, own = hosted["foreign"], hosted["own"][0]
    table_id = hosted["data"]["tables"][0][0]
    category = hosted["data"]["phases"][0][1][1]
    for action, form in [
        ("tidy", {"text": "gekapert"}),
        ("unmerge", {}),
        ("approve", {}),
        ("reject", {}),
        ("move", {"table": table_id, "category": category}),
    ]:
        assert act(hosted["host"], foreign, action, **form).status_code == 403
    assert merge(hosted["host"], [own, foreign], keep=own).status_code == 403
    assert (
        hosted["host"].get(f"/me/host/merge?card={own}&card={foreign}").status_code
        == 403
    )
    found = card(app, foreign)
    assert found.shown_text == "Am anderen Tisch" and found.state == "visible"
    assert found.category_id == hosted["data"]["phases"][0][1][0]


def test_participants_who_do_not_host_have_no_host_tools(app, hosted):
    writer = hosted["writer"]
    assert writer.get("/me/host").status_code == 403
    assert act(writer, hosted["own"][0], "tidy", text="x").status_code == 403
    assert act(writer, hosted["own"][0], "approve").status_code == 403
    assert merge(writer, hosted["own"][:2], keep=hosted["own"][0]).status_code == 403
    assert writer.post("/me/host/present/table").status_code == 403


def test_host_presents_in_the_plenary_and_the_moderator_can_take_over(
    app, hosted, logged_in
):
    from tests.conftest import live_client

    event_id, host = hosted["event_id"], hosted["host"]
    projector = live_client(
        app,
        hosted["writer"],
        {"role": "projector", "token": hosted["data"]["projector_token"]},
    )
    tidy(host, hosted["own"][2], TEXTS[2], marked=True)
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        runsheet.start_step(event, event.steps[2])
    assert host.post("/me/host/present/card").status_code == 302  # not on projector
    host.post("/me/host/present/table")
    spotlight = received(projector, "spotlight")[-1]
    assert spotlight["presenting"] and [c["id"] for c in spotlight["cards"]] == [
        hosted["own"][2]
    ]
    host.post("/me/host/present/card", data={"direction": "next"})
    assert received(projector, "spotlight")[-1]["focus"] == hosted["own"][2]
    logged_in.post(f"/events/{event_id}/plenary/table", data={"direction": "next"})
    assert received(projector, "spotlight")[-1]["table"]["number"] == 2
    host.post("/me/host/present/next_table")  # not their turn any more
    assert received(projector, "spotlight") == []


def test_moderator_makes_a_participant_host_and_ends_it(app, hosted, logged_in):
    event_id = hosted["event_id"]
    with app.app_context():
        writer = db.session.scalar(
            select(Participant).where(Participant.first_name == "")
        )
        writer_id, table_id = writer.id, writer.table_id
    logged_in.post(
        f"/events/{event_id}/seats",
        data={"participant": writer_id, "table": table_id, "host": "1"},
    )
    with app.app_context():
        assert db.session.get(Participant, writer_id).hosts_table_id == table_id
    logged_in.post(f"/events/{event_id}/hosts/{writer_id}/end")
    with app.app_context():
        assert db.session.get(Participant, writer_id).hosts_table_id is None


def test_host_cards_pdf_has_one_page_per_table(logged_in, make_event):
    from io import BytesIO

    from pypdf import PdfReader

    event_id = make_event()
    response = logged_in.get(f"/events/{event_id}/host-cards.pdf")
    assert response.status_code == 200
    assert len(PdfReader(BytesIO(response.data)).pages) == 7


def host_token(app, table_id):
    with app.app_context():
        return db.session.get(Table, table_id).host_token


def test_taking_the_host_role_keeps_the_first_name_given_at_join(
    app, phone, open_event
):
    event_id, data = open_event()
    amira = phone()
    join(amira, data["tables"][0][1], first_name="Amira")
    token = host_token(app, data["tables"][0][0])
    form = amira.get(f"/h/{token}").get_data(as_text=True)
    assert 'value="Amira"' in form  # prefilled
    amira.post(f"/h/{token}", data={"first_name": ""})
    with app.app_context():
        host = db.session.scalar(select(Participant))
        assert (host.first_name, host.hosts_table_id) == ("Amira", data["tables"][0][0])
    amira.post(f"/h/{token}", data={"first_name": "Amira K."})
    with app.app_context():
        assert db.session.scalar(select(Participant)).first_name == "Amira K."
    stranger = phone().get(f"/h/{token}").get_data(as_text=True)
    assert 'value=""' in stranger


def test_merge_page_shows_the_picked_cards_in_full_and_preselects_none(app, hosted):
    long_text = "Ein sehr langer Beitrag über Sprachkurse. " * 11
    category = hosted["data"]["phases"][0][1][0]
    long_id = send_card(hosted["writer"], category, long_text).json["card"]["id"]
    first = hosted["own"][0]
    page = hosted["host"].get(f"/me/host/merge?card={first}&card={long_id}")
    html = page.get_data(as_text=True)
    assert long_text.strip() in html and TEXTS[0] in html
    assert TEXTS[2] not in html  # only the picked cards
    assert html.count('type="radio" name="keep"') == 2 and "checked" not in html


def test_merging_needs_two_picked_cards_and_the_one_that_stays(app, hosted):
    first, second, third = hosted["own"]
    lonely = hosted["host"].get(f"/me/host/merge?card={first}")
    assert lonely.status_code == 302
    assert merge(hosted["host"], [first, second]).status_code == 302  # no keep
    assert merge(hosted["host"], [first, second], keep=third).status_code == 302
    assert merge(hosted["host"], [first, first], keep=first).status_code == 302
    assert {card(app, c).state for c in (first, second, third)} == {"visible"}


def test_merging_three_picked_cards_keeps_the_chosen_one(app, hosted):
    first, second, third = hosted["own"]
    answer = merge(hosted["host"], [first, second, third], keep=third)
    assert answer.headers["Location"].endswith(f"#card-{third}")
    kept = card(app, third)
    assert kept.state == "visible" and kept.merged_count == 2
    assert card(app, first).merged_into_id == card(app, second).merged_into_id == third
    tools = hosted["host"].get("/me/host").get_data(as_text=True)
    assert "×<b>3</b>" in tools


def test_host_tools_show_groups_under_their_headings_ungrouped_last(app, hosted):
    first, second, third = hosted["own"]
    tidy(hosted["host"], first, TEXTS[0], heading="Wohnen")
    tidy(hosted["host"], third, TEXTS[2], heading="Bildung")
    page = hosted["host"].get("/me/host").get_data(as_text=True)
    page = page[page.index('class="host-group"') :]
    order = [page.index(text) for text in ("Bildung", TEXTS[2], "Wohnen", TEXTS[0])]
    assert order == sorted(order)
    assert page.index(TEXTS[0]) < page.index("data-ungrouped") < page.index(TEXTS[1])


def test_host_tools_have_one_fold_out_per_card_and_no_merge_select(app, hosted):
    page = hosted["host"].get("/me/host").get_data(as_text=True)
    assert page.count('class="card-tools"') == len(TEXTS)
    assert page.count("data-pick>") == len(TEXTS) and 'name="into"' not in page


def test_an_unknown_host_action_is_refused(app, hosted):
    assert act(hosted["host"], hosted["own"][0], "explode").status_code == 404


def test_host_tools_and_merge_page_escape_html_and_keep_emoji(app, hosted):
    category = hosted["data"]["phases"][0][1][0]
    text = '<b onclick="x()">fett</b> 👍 ' + "ü" * 460
    html_card = send_card(hosted["writer"], category, text).json["card"]["id"]
    first = hosted["own"][0]
    pages = [
        hosted["host"].get("/me/host").get_data(as_text=True),
        hosted["host"]
        .get(f"/me/host/merge?card={first}&card={html_card}")
        .get_data(as_text=True),
    ]
    for page in pages:
        assert "<b onclick" not in page and "&lt;b onclick=" in page
        assert "👍 " + "ü" * 460 in page


def test_host_tools_learn_after_connecting_that_the_tables_cards_changed(
    app, hosted, phone
):
    """The page carries a version of what it shows: a card that arrived while it
    loaded changes the version the page compares once it is live."""
    page = hosted["host"].get("/me/host").get_data(as_text=True)
    shown = hosted["host"].get("/me/host/version").json["version"]
    assert f'"version": "{shown}"' in page
    category = hosted["data"]["phases"][0][1][0]
    elsewhere = phone()
    join(elsewhere, hosted["data"]["tables"][1][1])
    send_card(elsewhere, category, "Am anderen Tisch, noch eine")
    assert hosted["host"].get("/me/host/version").json["version"] == shown
    send_card(hosted["writer"], category, "Noch eine")
    assert hosted["host"].get("/me/host/version").json["version"] != shown
    assert hosted["writer"].get("/me/host/version").status_code == 403
