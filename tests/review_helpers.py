"""Shared by the review and goals tests: the process fixture made, a reviewer's
browser reading English, messages as a reader of a language gets them."""

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape
from sqlalchemy import select

from app.extensions import db
from app.models import Event, Organiser
from app.services import processes

JSON = {"Accept": "application/json"}


@pytest.fixture
def made(make_process):
    return make_process()


@pytest.fixture
def reviewer(logged_in):
    """The logged-in organiser's browser, reading English."""
    logged_in.get("/lang/en")
    return logged_in


def message(app, text, language="en"):
    """A message (its English text or a lazy string) as a reader of language
    gets it, escaped as in a page."""
    with app.test_request_context(), force_locale(language):
        return str(escape(gettext(str(text))))


def another_process(app, make_event):
    """The id of a second process, with a lone event of its own."""
    with app.app_context():
        owner = db.session.scalars(select(Organiser)).first()
        other = processes.create_process(owner, {"title": "Anderer"}, "melle")
        processes.attach_event(other, db.session.get(Event, make_event()))
        return other.id
