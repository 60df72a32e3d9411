"""Simple mode on participant pages: a switch beside the language list shows the
texts in Einfache Sprache where the reader's catalogue has them (English, the
msgids' language), and the language's normal text where it does not."""

import re

import pytest
from flask import session
from flask_babel import get_locale, refresh

from app.config import Config
from app.extensions import db
from app.models import Event, Poll
from app.services.voting import polls
from app.simple_language import set_simple_mode, simple
from tests.conftest import join
from tests.test_phone_polls import dot_poll
from tests.test_voting import make_poll, option_ids, vote

JOIN_SIMPLE = "You need no account.<br>Your cards do not show your name."
JOIN_NORMAL = "Join without an account. Your cards are shown without your name."


def page(client, url="/me"):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def switch(client, on, url="/me"):
    return client.get("/simple", query_string={"on": "1" if on else "0", "next": url})


def pressed(html):
    return re.search(r'aria-pressed="(\w+)" id="simple-switch"', html).group(1)


def instructions(html):
    return re.search(r'<p id="join-instructions">(.*?)</p>', html, re.S).group(1)


@pytest.fixture
def seated(phone, open_event):
    """A phone reading English at table 1 of an open dialogue forum:
    (event id, event data, phone)."""
    event_id, data = open_event()
    client = phone()
    join(client, data["tables"][0][1], language="en")
    return event_id, data, client


def test_the_switch_turns_simple_mode_on_and_off_without_javascript(seated):
    _, data, client = seated
    join_url = f"/j/{data['join_token']}?change=1"
    assert pressed(page(client)) == "false"
    assert instructions(page(client, join_url)) == JOIN_NORMAL

    response = switch(client, True, join_url)
    assert response.status_code == 302 and response.location == join_url
    html = page(client, join_url)
    assert pressed(html) == "true"
    assert instructions(html) == JOIN_SIMPLE

    switch(client, False, join_url)
    assert instructions(page(client, join_url)) == JOIN_NORMAL
    assert pressed(page(client)) == "false"


def test_every_participant_page_has_the_switch_as_a_form(seated):
    _, data, client = seated
    for url in (
        "/me",
        f"/j/{data['join_token']}?change=1",
        f"/t/{data['tables'][1][1]}",
    ):
        form = re.search(
            r'<form method="get" action="/simple"[^>]*>(.*?)</form>',
            page(client, url),
            re.S,
        )
        assert form and 'name="on" value="1"' in form.group(1), url
        assert f'name="next" value="{url}"' in form.group(1), url


def test_the_switch_leads_back_to_this_site_only(seated):
    _, _, client = seated
    response = client.get(
        "/simple", query_string={"on": "1", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response.location


def test_the_table_page_in_simple_english(seated):
    _, _, client = seated
    switch(client, True)
    html = page(client)
    assert "What is your card about? Choose one." in html
    assert "What is good" in html and "What works well today?" in html
    assert "What is hard" in html and "Strengths" not in html
    assert "Write your card here. One idea for each card." in html
    assert "After the event, the organisers write an e-mail.<br>" in html
    assert "You use my address only for this e-mail.<br>" in html
    assert "You delete it 30 days after the e-mail." in html


def test_the_join_page_in_simple_english(seated):
    _, data, client = seated
    switch(client, True)
    html = page(client, f"/j/{data['join_token']}?change=1")
    assert "Your first name. You do not have to write it." in html
    assert "Do you want the results? We send them by e-mail." in html
    assert "Your e-mail address. You do not have to write it." in html


def test_german_simple_mode_reads_from_the_german_catalogue(seated):
    _, data, client = seated
    join_url = f"/j/{data['join_token']}?change=1"
    client.get("/lang/de")
    switch(client, False, join_url)
    normal_table = page(client)
    switch(client, True, join_url)
    simple_join, simple_table = page(client, join_url), page(client)
    assert "Sie brauchen kein Konto.<br>" in instructions(simple_join)
    assert "Was ist gut" in simple_table and "Was ist gut" not in normal_table
    assert "Worum geht es auf Ihrer Karte? Wählen Sie eins aus." in simple_table


@pytest.mark.parametrize("code", ["tr", "de", "ar"])
def test_a_simple_text_missing_from_a_catalogue_falls_back_to_the_normal_text(
    app, code
):
    """A language whose catalogue lacks a simple text shows its normal text,
    never the English simple text; English shows the simple msgid itself."""
    missing = "A simple text that no catalogue has."
    with app.test_request_context("/"):
        session["locale"] = code
        refresh()
        assert str(get_locale()) == code
        set_simple_mode(True)
        assert simple("Der normale Text", missing) == "Der normale Text"
    with app.test_request_context("/"):
        session["locale"] = "en"
        refresh()
        set_simple_mode(True)
        assert simple("The normal text", missing) == missing
        set_simple_mode(False)
        assert simple("The normal text", missing) == "The normal text"


def _main(html):
    """The page's main part without the per-request tokens."""
    main = html[html.index('<main id="main"') : html.index('id="page-data"')]
    main = re.sub(r"<script.*?</script>", "", main, flags=re.S)
    return re.sub(r'value="[^"]*"', "", main)


@pytest.mark.parametrize(
    "kind, simple_text",
    [
        ("single", "Choose one answer."),
        ("multiple", "Choose 1 answer."),
        ("scale", "Choose a number.<br>The lowest number is 1.<br>"),
        ("ranking", "Put the answers in order.<br>"),
        ("words", "You can write up to three answers.<br>"),
        ("text", "Write your answer here. Keep it short."),
        ("dots", "You have 5 dots.<br>Give them to the cards you like most.<br>You"),
        ("consent", "Do you agree?"),
    ],
)
def test_each_poll_kind_tells_what_to_do_in_simple_english(
    app, seated, kind, simple_text
):
    event_id, data, client = seated
    if kind == "dots":
        poll_id = dot_poll(app, event_id, data)
    else:
        poll_id = make_poll(app, event_id, kind)
    assert simple_text not in page(client, f"/me/polls/{poll_id}")
    switch(client, True)
    assert simple_text in page(client, f"/me/polls/{poll_id}")


@pytest.mark.parametrize("code", Config.LANGUAGES)
def test_a_dot_polls_simple_text_names_the_limit_per_card_in_every_language(
    app, seated, code
):
    """Also where one plural form serves every count (Turkish, Persian)."""
    event_id, data, client = seated
    poll_id = dot_poll(app, event_id, data)
    with app.app_context():
        poll = db.session.get(Poll, poll_id)
        poll.dots, poll.dots_per_card = 7, 3
        db.session.commit()
    client.get(f"/lang/{code}")
    normal = page(client, f"/me/polls/{poll_id}")
    switch(client, True)
    simple_page = page(client, f"/me/polls/{poll_id}")
    legends = [
        re.search(r"<legend>(.*?)</legend>", html, re.S).group(1)
        for html in (normal, simple_page)
    ]
    assert legends[0] != legends[1]  # the simple text, not the normal one
    assert "7" in legends[1] and "3" in legends[1].split("<br>")[-1]


def test_poll_results_in_simple_english(app, seated):
    event_id, _, client = seated
    poll_id = make_poll(app, event_id, "single", visibility="live")
    vote(client, poll_id, option=option_ids(app, poll_id)[0])
    with app.test_request_context():
        polls.close_poll(db.session.get(Event, event_id), db.session.get(Poll, poll_id))
        db.session.commit()
    switch(client, True)
    html = page(client, f"/me/polls/{poll_id}")
    assert "The vote is over." in html
    assert re.search(r"\d+ people are here\.<br>1 person voted\.", html)
