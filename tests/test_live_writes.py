"""Phones write cards and votes over their live socket: every refusal the HTTP
path gives comes back in the acknowledgement with the same status and message, in
the phone's language (German here)."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Ballot, Card
from app.models.card import MAX_SECTION_LENGTH
from app.services import moderation
from app.services.voting import codes
from tests import live_writes
from tests.live_writes import (
    TAKEN,
    card,
    close_phase,
    close_poll,
    dots,
    option,
    other_phase,
    pairs,
    ranks,
    refused_alike,
    remove_phones,
    send_card_both_ways,
    taken_by_another_phone,
    unseat,
    vote_both_ways,
)
from tests.test_voting import make_poll, option_ids

world = live_writes.world


CARD_REFUSALS = {
    "empty text": (card(text="   "), None),
    "text too long": (card(text="x" * 501), None),
    "no kind of card": (card(category="abc"), None),
    "kind of another phase": (other_phase, None),
    "unknown language": (card(language="xx"), None),
    "section too long": (card(section="x" * (MAX_SECTION_LENGTH + 1)), None),
    "not a uuid": (card(uuid="nope"), None),
    "uuid of another phone": (card(uuid=TAKEN), taken_by_another_phone),
    "no phase running": (card(), lambda w: w.change(close_phase)),
    "event closed": (card(), lambda w: w.change(moderation.close_event)),
    "not seated": (card(), lambda w: w.change(unseat)),
    "too fast": (card(), lambda w: w.app.config.update(CARD_RATE_LIMIT=0)),
    "phone removed": (card(), lambda w: w.change(remove_phones)),
}


@pytest.mark.parametrize("case", CARD_REFUSALS)
def test_a_refused_card_gets_the_same_answer_over_the_socket_as_over_http(
    app, world, case
):
    fields, before = CARD_REFUSALS[case]
    refused_alike(send_card_both_ways(world(before=before), fields))
    with app.app_context():
        stored = db.session.scalars(select(Card.text)).all()
    assert stored == (["Schon da"] if case == "uuid of another phone" else [])


MULTIPLE = {"min_choices": 2, "max_choices": 2}
VOTE_REFUSALS = {
    "unknown option": ("single", {}, pairs(("option", "99999")), None),
    "option not a number": ("single", {}, pairs(("option", "x")), None),
    "two options of one": ("single", {}, lambda w: option(0)(w) + option(1)(w), None),
    "too few options": ("multiple", MULTIPLE, option(0), None),
    "too many options": (
        "multiple",
        MULTIPLE,
        lambda w: [("option", str(o)) for o in w.options],
        None,
    ),
    "value off the scale": ("scale", {}, pairs(("value", "6")), None),
    "value not a number": ("scale", {}, pairs(("value", "viel")), None),
    "same place twice": ("ranking", {}, ranks(1, 1, 2), None),
    "a place missing": ("ranking", {}, ranks(1, 2), None),
    "only stop words": ("words", {}, pairs(("entry", "und die")), None),
    "too many words": ("words", {}, pairs(("entry", "eins zwei drei vier")), None),
    "too many entries": (
        "words",
        {},
        pairs(("entry", "a"), ("entry", "b"), ("entry", "c"), ("entry", "d")),
        None,
    ),
    "answer too long": ("text", {}, pairs(("text", "x" * 281)), None),
    "veto without a reason": ("consent", {}, pairs(("choice", "veto")), None),
    "unknown consent answer": ("consent", {}, pairs(("choice", "maybe")), None),
    "more dots than given": ("dots", {}, dots(2, 2), None),
    "too many dots on a card": ("dots", {}, dots(3), None),
    "dots on an unknown card": ("dots", {}, pairs(("dots_999", "1")), None),
    "no dots": ("dots", {}, dots(0), None),
    "poll closed": ("single", {}, option(0), close_poll),
    "poll still a draft": ("single", {"open": False}, option(0), None),
    "no such poll": ("single", {}, option(0), lambda w: setattr(w, "poll_id", 99999)),
    "voting code needed": (
        "single",
        {},
        option(0),
        lambda w: w.change(lambda event: codes.add_codes(event, 2)),
    ),
    "too fast": (
        "single",
        {},
        option(0),
        lambda w: w.app.config.update(VOTE_RATE_LIMIT=0),
    ),
    "phone removed": ("single", {}, option(0), lambda w: w.change(remove_phones)),
}


@pytest.mark.parametrize("case", VOTE_REFUSALS)
def test_a_refused_vote_gets_the_same_answer_over_the_socket_as_over_http(
    app, world, case
):
    kind, values, fields, before = VOTE_REFUSALS[case]
    refused_alike(vote_both_ways(world(kind, before=before, **values), fields))
    with app.app_context():
        assert db.session.scalar(select(func.count(Ballot.id))) == 0


@pytest.mark.parametrize(
    "vote_uuid", ["nope", TAKEN], ids=["not a uuid", "uuid of another phone"]
)
def test_a_vote_under_a_bad_uuid_is_refused_alike(app, world, vote_uuid):
    here = world("single")
    taken_by_another_phone(here)
    answers = vote_both_ways(here, option(1), vote_uuid)
    refused_alike(answers)
    assert answers["http"]["status"] == 400
    with app.app_context():
        assert db.session.scalar(select(func.count(Ballot.id))) == 1


def test_a_poll_of_another_event_is_refused_alike(app, world, open_event):
    here = world("single")
    other_event, _data = open_event(title="Anderes Forum")
    here.poll_id = make_poll(app, other_event, "single")
    here.options = option_ids(app, here.poll_id)
    answers = vote_both_ways(here, option(0))
    refused_alike(answers)
    assert answers["http"]["status"] == 404
