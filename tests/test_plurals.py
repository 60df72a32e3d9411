"""Counted words agree with their count ("1 address", "2 addresses") in every
language: every count goes through ngettext, and scripts pick the same form."""

import gettext
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from flask_babel import force_locale

from app.config import Config
from app.extensions import db
from app.models import Event
from app.plurals import category_samples, plural_forms
from app.services import addresses, hosts
from app.services.report import build_report
from app.translate_cli import PROJECT_ROOT, TRANSLATIONS
from tests.conftest import join
from tests.test_report import add_card, pdf_text
from tests.test_translations import source_messages  # noqa: F401  (a fixture)
from tests.test_voting import make_poll, vote

PLACEHOLDER = re.compile(r"%\((\w+)\)")
# Placeholder names that hold a count: a message using one needs ngettext, where
# the count is %(num)s and the others may come along ("%(done)s of %(num)s mails").
COUNTS = {
    "num", "n", "count", "total", "max", "min", "done", "added", "known", "given",
    "used", "voters", "present", "days", "hours", "minutes", "seconds", "praise",
    "concern", "taken",
}  # fmt: skip
# Names that hold no count: identifiers and positions (table 4, page 2, place 3),
# texts and lists of names, dates, measured values; "page 2 of 3" names the last
# page (pages), it counts nothing a word must agree with.
NOT_COUNTS = {
    "number", "seat", "section", "place", "step", "phase", "name", "title", "topic",
    "other", "error", "code", "url", "server", "language", "event_language",
    "languages", "date", "percent", "mean", "median", "low", "high", "port",
    "sender", "reply", "reason", "category", "page", "pages", "tables", "whom",
    "role", "address", "organisation", "email", "file", "answer", "result",
    "method", "link", "operator", "status",
}  # fmt: skip


def as_label(text, match):
    """ "Points: %(n)s": a number after a label's colon agrees with no word."""
    return text[: match.start()].rstrip().endswith(":")


def counted_placeholders(text):
    return [
        match.group(1)
        for match in PLACEHOLDER.finditer(text)
        if match.group(1) in COUNTS and not as_label(text, match)
    ]


def test_every_placeholder_name_says_whether_it_holds_a_count(source_messages):  # noqa: F811
    names = {
        name
        for message_id, _context in source_messages
        for text in (message_id if isinstance(message_id, tuple) else (message_id,))
        for name in PLACEHOLDER.findall(text)
    }
    unknown = names - COUNTS - NOT_COUNTS
    assert not unknown, f"add each to COUNTS or NOT_COUNTS in this test: {unknown}"


def test_a_count_in_a_message_goes_through_ngettext(source_messages):  # noqa: F811
    singular_with_counts = sorted(
        message_id
        for message_id, _context in source_messages
        if isinstance(message_id, str) and counted_placeholders(message_id)
    )
    assert not singular_with_counts, "use ngettext with %(num)s for these"


def test_a_plural_message_counts_with_num(source_messages):  # noqa: F811
    """("%(count)s card", "%(count)s cards") would not show the count ngettext
    chose the form by; a plural message may also show no number at all."""
    miscounted = [
        message_id
        for message_id, _context in source_messages
        if isinstance(message_id, tuple)
        and any(set(counted_placeholders(form)) - {"num"} for form in message_id)
        and not all("%(num)" in form for form in message_id)
    ]
    assert not miscounted


TEMPLATES = Path(PROJECT_ROOT / "app" / "templates")
NUMBER_THEN_WORD = re.compile(r"\|\s*(?:length|number)\s*\}\}\s*\{\{\s*_\(")


def test_no_template_puts_a_number_before_a_translated_word():
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*")
        if path.suffix in (".html", ".txt")
        for match in NUMBER_THEN_WORD.finditer(path.read_text())
    ]
    assert not found


def catalogue_formula(language):
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return gettext.c2py(read_po(po).plural_expr)


@pytest.mark.parametrize("language", Config.LANGUAGES)
def test_scripts_pick_the_form_the_server_picks(language):
    """A script chooses the form by the CLDR category of the count; the server's
    catalogue by its own formula. For every count they land on the same form."""
    formula = catalogue_formula(language)
    rule = Locale.parse(language).plural_form
    samples = category_samples(language)
    for count in range(1000):
        assert formula(samples[rule(count)]) == formula(count), count


def test_scripts_get_every_form_of_a_counted_message(app):
    with app.test_request_context(), force_locale("ar"):
        forms = plural_forms("%(num)s card", "%(num)s cards")
    assert set(forms) == {"zero", "one", "two", "few", "many", "other"}


# --- pages with one and with two ------------------------------------------------


@pytest.fixture
def english(logged_in):
    logged_in.get("/lang/en")
    return logged_in


@pytest.fixture
def event_with(app, make_event):
    def make(*recipients):
        event_id = make_event()
        with app.test_request_context():
            event = db.session.get(Event, event_id)
            addresses.add_addresses(event, "\n".join(recipients), "de")
        return event_id

    return make


def test_the_mailing_page_counts_one_address_and_two_addresses(
    english, event_with, mail_server
):
    one = english.get(f"/events/{event_with('a@example.org')}/mailing")
    two = english.get(f"/events/{event_with('a@example.org', 'b@example.org')}/mailing")

    one, two = one.get_data(as_text=True), two.get_data(as_text=True)
    assert "1 address has not been sent the report yet." in one
    assert "Send the report to 1 recipient<" in one
    assert "2 addresses have not been sent the report yet." in two
    assert "Send the report to 2 recipients<" in two


def test_adding_one_and_two_addresses_says_so(english, event_with):
    event_id = event_with("known@example.org")
    url = f"/events/{event_id}/mailing/addresses"

    def add(pasted):
        data = {"addresses": pasted, "language": "de"}
        return english.post(url, data=data, follow_redirects=True).get_data(True)

    assert "1 address added.<" in add("a@example.org")
    both = add("b@example.org c@example.org known@example.org")
    assert "2 addresses added. 1 was already on the list." in both


def test_a_phone_is_asked_for_one_option_or_for_two(app, phone, open_event):
    event_id, data = open_event()
    voter = phone()
    join(voter, data["tables"][0][1], language="en")
    asked = {}
    for count in (1, 2):
        poll_id = make_poll(
            app, event_id, "multiple", min_choices=count, max_choices=count
        )
        page = voter.get(f"/me/polls/{poll_id}").get_data(as_text=True)
        asked[count] = vote(voter, poll_id).get_json()["error"], page

    assert "Choose 1 option." in asked[1][1]
    assert "Please choose at least 1 option." in asked[1][0]
    assert "Choose 2 options." in asked[2][1]
    assert "Please choose at least 2 options." in asked[2][0]


def test_the_report_says_once_named_cards_and_cards_named_twice(ctx, make_event):
    event = db.session.get(Event, make_event())
    table = event.tables[0]
    kept = add_card(event, table, "Sprachkurse am Abend")
    duplicate = add_card(event, table, "Abendkurse für Sprache")
    hosts.merge_cards([duplicate, kept], kept)

    text = pdf_text(build_report(event, "en"))

    assert "mentioned 2 times" in text
