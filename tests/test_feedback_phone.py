"""A phone follows its own ideas: "my contributions" with the review's outcome, and
a personal link that works on another day without the cookie."""

import re

from flask_babel import force_locale, gettext
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Participant
from app.services import review
from tests import test_feedback as shared
from tests.conftest import write_at_table
from tests.test_feedback import ARABIC_ACCEPT, MOTHERS, PARENTS, load

made, decided, german = shared.made, shared.decided, shared.german  # fixtures


def own_list(text):
    """The list of cards on a "my contributions" page."""
    return re.search(r'<ol class="cards fb-own">.*?</ol>', text, re.S).group(0)


def test_my_contributions_lists_the_phones_cards_with_their_outcome(
    made, decided, german
):
    phone = made["phones"][PARENTS]

    response = phone.get("/me/contributions")

    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert PARENTS in own_list(text) and MOTHERS not in text  # another phone's card
    assert german("Adopted into the draft") in own_list(text)


def test_a_merged_card_shares_the_outcome_of_the_card_it_joined(app, made, german):
    with app.test_request_context():
        process, cards, owner = load(made)
        cards[MOTHERS].merge_into(cards[PARENTS])
        review.decide(process, [cards[PARENTS]], owner, "in_draft")

    text = made["phones"][MOTHERS].get("/me/contributions").get_data(as_text=True)

    assert MOTHERS in own_list(text)
    with app.test_request_context(), force_locale("ar"):  # the writer's phone
        assert gettext("Already in the draft") in own_list(text)


def test_a_card_waiting_for_approval_says_so_and_is_not_reviewed(app, made, german):
    with app.app_context():
        card = db.session.get(Card, made["cards"][PARENTS])
        card.state = "waiting"
        db.session.commit()

    text = made["phones"][PARENTS].get("/me/contributions").get_data(as_text=True)

    assert PARENTS in own_list(text)
    assert german("Waiting for approval") in own_list(text)


def test_a_phone_of_an_event_without_a_process_hears_there_is_no_review(
    open_event, phone, german
):
    _event_id, data = open_event()
    alone = phone()
    write_at_table(alone, data, "Mehr Bänke im Park")

    text = alone.get("/me/contributions").get_data(as_text=True)

    assert "Mehr Bänke im Park" not in text
    message = "The contributions of this event are not reviewed: there is nothing "
    assert german(message + "to follow here.") in text
    assert "/me/contributions" not in alone.get("/me").get_data(as_text=True)


def test_the_table_page_of_a_process_event_links_to_my_contributions(made):
    page = made["phones"][PARENTS].get("/me").get_data(as_text=True)

    assert 'href="/me/contributions"' in page


def test_without_joining_there_are_no_contributions_to_show(client):
    assert client.get("/me/contributions").status_code == 401
    assert client.post("/me/contributions/link").status_code == 401


def test_the_saved_link_shows_the_same_list_without_the_cookie(
    app, made, decided, phone
):
    writer = made["phones"][PARENTS]
    saved = writer.post("/me/contributions/link")
    assert saved.status_code == 302
    assert saved.headers["Location"].endswith("/me/contributions#link")
    mine = writer.get("/me/contributions").get_data(as_text=True)
    link = re.search(r'href="http://tischrunde\.test(/mine/\w+)"', mine).group(1)

    writer.post("/me/contributions/link")  # a second tap: the same link
    with app.app_context():
        tokens = db.session.scalars(select(Participant.follow_token)).all()
    assert [t for t in tokens if t] == [link.removeprefix("/mine/")]

    elsewhere = phone().get(link, headers={"Accept-Language": "en"})
    assert elsewhere.status_code == 200
    assert own_list(elsewhere.get_data(as_text=True)) == own_list(mine)


def test_the_saved_link_opens_in_the_language_the_phone_used(made, phone):
    writer = made["phones"][MOTHERS]  # joined in Arabic
    writer.post("/me/contributions/link")
    mine = writer.get("/me/contributions").get_data(as_text=True)
    link = re.search(r'href="http://tischrunde\.test(/mine/\w+)"', mine).group(1)

    text = phone().get(link).get_data(as_text=True)

    assert '<html lang="ar" dir="rtl">' in text and MOTHERS in text


def test_an_unknown_personal_link_is_a_404_in_the_visitors_language(client):
    response = client.get("/mine/no-such-link", headers=ARABIC_ACCEPT)

    assert response.status_code == 404
    assert "هذه الصفحة غير موجودة" in response.get_data(as_text=True)


def test_saving_the_link_needs_the_forms_csrf_token(app, made):
    app.config["WTF_CSRF_ENABLED"] = True
    writer = made["phones"][PARENTS]

    refused = writer.post("/me/contributions/link")

    assert refused.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Participant.follow_token)).all() == [
            None
        ] * len(made["phones"])
    page = writer.get("/me/contributions").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert (
        writer.post("/me/contributions/link", data={"csrf_token": token}).status_code
        == 302
    )
