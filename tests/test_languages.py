"""Interface languages: choice, right-to-left, locale formats, strings for scripts,
and the projector in the event language."""

import json
import re

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from app.config import Config
from app.templating import LANGUAGE_NAMES
from tests.conftest import join, join_as_interpreter, send_card

RTL = {"ar", "fa"}


def html_tag(page):
    return re.search(r"<html [^>]*>", page).group(0)


def page_strings(page):
    data = re.search(r'id="page-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(data)["strings"]


def in_language(app, language, message, **values):
    with app.test_request_context(), force_locale(language):
        return _(message, **values)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("fa-IR,fa;q=0.9,en;q=0.5", "fa"),
        ("uk-UA", "uk"),
        ("ar", "ar"),
        ("ro-RO,ro;q=0.8", "ro"),
        ("ja-JP", "de"),
    ],
)
def test_phone_picks_its_language_from_the_browser(
    client, make_event, event_data, accept, expected
):
    token = event_data(make_event())["tables"][0][1]
    page = client.get(f"/t/{token}", headers={"Accept-Language": accept})
    direction = "rtl" if expected in RTL else "ltr"
    tag = html_tag(page.get_data(as_text=True))
    assert tag == f'<html lang="{expected}" dir="{direction}">'


def test_switcher_names_every_language_in_itself_and_marks_the_current(
    client, make_event, event_data
):
    token = event_data(make_event())["tables"][0][1]
    client.get("/lang/tr")
    page = client.get(f"/t/{token}").get_data(as_text=True)
    for code in Config.LANGUAGES:
        assert f'hreflang="{code}"' in page and LANGUAGE_NAMES[code] in page
    assert 'lang="tr" hreflang="tr"\n       aria-current="true"' in page


def test_language_choice_outlives_the_browser_session(client):
    response = client.get("/lang/uk")
    assert "Expires=" in response.headers["Set-Cookie"]


def test_phone_that_switches_language_writes_its_next_cards_in_it(client, open_event):
    _, data = open_event()
    join(client, data["tables"][0][1])
    client.get("/lang/ru")
    card = send_card(client, data["phases"][0][1][0], "Больше парков").json["card"]
    assert card["language"] == "ru"


@pytest.mark.parametrize("language", Config.LANGUAGES)
def test_phone_pages_are_translated_and_directed_in_every_language(
    app, client, open_event, language
):
    _, data = open_event()
    client.get(f"/lang/{language}")
    join_page = client.get(f"/t/{data['tables'][0][1]}").get_data(as_text=True)
    join(client, data["tables"][0][1])
    table_page = client.get("/me").get_data(as_text=True)

    direction = "rtl" if language in RTL else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in table_page
    assert in_language(app, language, "Join") in join_page
    assert in_language(app, language, "Send card") in table_page
    assert page_strings(table_page)["sending"] == in_language(app, language, "Sending…")


def test_dates_and_numbers_follow_the_locale(client, make_event, event_data):
    token = event_data(make_event())["tables"][0][1]
    german = client.get(f"/t/{token}").get_data(as_text=True)
    client.get("/lang/en")
    english = client.get(f"/t/{token}").get_data(as_text=True)
    client.get("/lang/uk")
    ukrainian = client.get(f"/t/{token}").get_data(as_text=True)
    assert "Dienstag, 24. November 2026, 18:00" in german
    assert "Tuesday, November 24, 2026, 6:00" in english
    assert "вівторок, 24 листопада 2026" in ukrainian


def test_interpreter_pages_follow_the_interpreters_language(
    app, client, make_event, event_data
):
    data = event_data(make_event())
    client.get("/lang/fa")
    join_as_interpreter(client, data["interpreter_token"], ["fa"])
    page = client.get("/interpret/queue").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page
    assert in_language(app, "fa", "Cards to translate") in page


def test_projector_speaks_the_event_language_unless_asked_for_another(
    client, make_event, event_data
):
    token = event_data(make_event(language="uk"))["projector_token"]
    client.get("/lang/en")
    default = client.get(f"/projector/{token}").get_data(as_text=True)
    arabic = client.get(f"/projector/{token}?lang=ar").get_data(as_text=True)
    unknown = client.get(f"/projector/{token}?lang=xx").get_data(as_text=True)
    assert '<html lang="uk" dir="ltr">' in default and "Учасники" in default
    assert '<html lang="ar" dir="rtl">' in arabic and "المشاركون" in arabic
    assert '<html lang="uk" dir="ltr">' in unknown


def test_event_can_run_in_any_language(logged_in):
    from tests.test_organiser import event_form

    ukrainian = logged_in.post("/events/new", data=event_form(language="uk"))
    arabic = logged_in.post("/events/new", data=event_form(language="ar"))

    assert ukrainian.status_code == 302 and arabic.status_code == 302
    event_id = int(ukrainian.location.rsplit("/", 1)[1])
    page = logged_in.get(f"/events/{event_id}").get_data(as_text=True)
    assert "Українська" in page
