"""E-mail addresses for the results: with consent, apart from contributions."""

from sqlalchemy import inspect, select

from app.extensions import db
from app.models import Event, MailAddress, Participant
from tests.conftest import _table_id, join


def stored(app):
    with app.app_context():
        return [
            (a.address, a.language, a.source)
            for a in db.session.scalars(select(MailAddress).order_by(MailAddress.id))
        ]


def join_with_address(client, table_token, address, consent=True):
    data = {"table": _table_id(client, table_token), "email": address}
    if consent:
        data["consent"] = "y"
    return client.post(f"/t/{table_token}", data=data)


def test_phone_leaves_an_address_at_join_in_its_language(
    app, client, make_event, event_data
):
    table_token = event_data(make_event())["tables"][0][1]
    client.get("/lang/en")

    response = join_with_address(client, table_token, " Lena@Example.org ")

    assert response.status_code == 302
    assert stored(app) == [("lena@example.org", "en", "participant")]
    page = client.get("/me").get_data(as_text=True)
    assert "You will get the results by e-mail." in page
    assert "lena@example.org" not in page


def test_an_address_without_consent_is_refused_and_nothing_is_joined(
    app, client, make_event, event_data
):
    table_token = event_data(make_event())["tables"][0][1]

    response = join_with_address(client, table_token, "lena@example.org", False)

    assert response.status_code == 200
    assert "Bitte bestätigen Sie" in response.get_data(as_text=True)
    assert stored(app) == []
    with app.app_context():
        assert db.session.scalars(select(Participant)).all() == []


def test_phone_asks_for_the_results_from_the_table_page(
    app, client, make_event, event_data
):
    table_token = event_data(make_event())["tables"][0][1]
    join(client, table_token)

    invalid = client.post("/me/email", data={"email": "nope@", "consent": "y"})
    valid = client.post("/me/email", data={"email": "noor@example.org", "consent": "y"})

    assert invalid.status_code == 400
    assert "gültige E-Mail-Adresse" in invalid.get_data(as_text=True)
    assert valid.status_code == 302
    assert stored(app) == [("noor@example.org", "de", "participant")]


def test_addresses_have_no_link_to_participants_cards_or_votes(app):
    with app.app_context():
        columns = {c.key for c in inspect(MailAddress).columns}
        targets = {fk.column.table.name for fk in MailAddress.__table__.foreign_keys}
    assert not columns & {"participant_id", "card_id", "table_id"}
    assert targets == {"event"}


def test_phone_cannot_flood_the_address_list(client, make_event, event_data):
    join(client, event_data(make_event())["tables"][0][1])
    answers = [
        client.post("/me/email", data={"email": f"a{i}@example.org", "consent": "y"})
        for i in range(6)
    ]
    assert [a.status_code for a in answers] == [302] * 5 + [429]


def test_organiser_pastes_a_list_and_gets_the_invalid_ones_back(
    app, logged_in, make_event
):
    event_id = make_event()
    logged_in.get("/lang/en")
    pasted = (
        "ana@example.org, Ben <ben@example.org>\nkein-at.example.org; ana@example.org"
    )

    response = logged_in.post(
        f"/events/{event_id}/mailing/addresses",
        data={"addresses": pasted, "language": "en"},
    )

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "kein-at.example.org" in page and "Ben" in page
    assert "2 addresses added. 1 was already on the list." in page
    assert stored(app) == [
        ("ana@example.org", "en", "organiser"),
        ("ben@example.org", "en", "organiser"),
    ]


def test_recipient_deletes_the_address_with_the_link_from_the_mail(
    app, client, make_event, ctx
):
    from app.services import addresses

    event = db.session.get(Event, make_event())
    addresses.add_addresses(event, "ana@example.org", "de")
    token = db.session.scalar(select(MailAddress.token))

    assert client.get(f"/mail/forget/{token}").status_code == 200
    assert client.post(f"/mail/forget/{token}").status_code == 200
    assert stored(app) == []


def test_organiser_deletes_all_personal_data_of_an_event(
    app, logged_in, phone, make_event, event_data
):
    event_id = make_event()
    browser = phone()
    browser.post(
        f"/t/{event_data(event_id)['tables'][0][1]}",
        data={
            "table": event_data(event_id)["tables"][0][0],
            "first_name": "Lena",
            "email": "lena@example.org",
            "consent": "y",
        },
    )

    logged_in.post(f"/events/{event_id}/personal-data/delete")

    assert stored(app) == []
    with app.app_context():
        assert [p.first_name for p in db.session.scalars(select(Participant))] == [""]
