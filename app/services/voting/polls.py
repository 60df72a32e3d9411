"""Preparing and running polls: create, edit, open, close, reveal, reset, the
projector, dot-voting options taken from cards and polls placed in the run-sheet."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import delete, select

from app.extensions import db
from app.live import broadcast
from app.models import Ballot, Card, DomainError, Poll, PollOption, Table
from app.services import translation_requests
from app.services.spotlight import tell_projector
from app.services.voting.results import normalise_entry

MAX_OPTIONS = 30
MAX_CARD_OPTIONS = 60
STEP_PREFIX = "poll:"


def create_poll(event, values):
    poll = Poll(event_id=event.id, position=len(event.polls), state="draft")
    _apply(event, poll, values)
    db.session.add(poll)
    db.session.flush()
    _place_in_runsheet(event, poll, values.get("step"))
    translation_requests.for_poll(poll)
    db.session.flush()
    current_app.logger.info("event %s: poll %s created", event.id, poll.id)
    translation_requests.hand_over()
    return poll


def update_poll(event, poll, values):
    poll.require_editable()
    _apply(event, poll, values)
    _place_in_runsheet(event, poll, values.get("step"))
    translation_requests.for_poll(poll)
    db.session.flush()
    broadcast.poll_changed(poll)
    translation_requests.hand_over()
    return poll


def _apply(event, poll, values):
    """values: question, kind, visibility, options (lines), card_source and the
    settings of the kind, as the poll form gives them."""
    poll.question = values["question"].strip()
    poll.kind = values["kind"]
    poll.visibility = values["visibility"]
    poll.min_choices = values.get("min_choices") or 1
    poll.max_choices = values.get("max_choices") or 1
    poll.scale_min = values.get("scale_min", 1)
    poll.scale_max = values.get("scale_max", 5)
    poll.scale_labels = (values.get("scale_labels") or "").strip()
    poll.dots = values.get("dots") or 5
    poll.dots_per_card = values.get("dots_per_card") or 1
    if poll.kind == "dots":
        _options_from_cards(event, poll, values.get("card_source") or "")
    elif poll.uses_options:
        _options_from_lines(poll, values.get("options") or "")
    else:
        poll.options = []
    _check(poll)


def _check(poll):
    if poll.kind == "multiple" and not (
        1 <= poll.min_choices <= poll.max_choices <= len(poll.options)
    ):
        raise DomainError(
            _l("Choose at least 1 and at most as many options as the poll has."), 400
        )
    if poll.kind == "scale" and not (
        -10 <= poll.scale_min < poll.scale_max <= 10
        and poll.scale_max - poll.scale_min <= 10
    ):
        raise DomainError(
            _l("A scale goes from a lower to a higher value, at most 11 steps."), 400
        )
    if poll.kind == "dots" and not 1 <= poll.dots_per_card <= poll.dots <= 20:
        raise DomainError(
            _l("Give each voter 1 to 20 dots, at most as many per card."), 400
        )


def _options_from_lines(poll, text):
    labels = []
    for line in text.splitlines():
        label = line.strip()[:500]
        if label and label not in labels:
            labels.append(label)
    if len(labels) < 2:
        raise DomainError(_l("Please write at least two options, one per line."), 400)
    if len(labels) > MAX_OPTIONS:
        message = lazy_ngettext(
            "At most %(num)s option, please.",
            "At most %(num)s options, please.",
            MAX_OPTIONS,
        )
        raise DomainError(message, 400)
    kept = {option.label: option for option in poll.options}
    poll.options = [kept.get(label) or PollOption(label=label) for label in labels]
    for position, option in enumerate(poll.options):
        option.position = position


def card_sources(event):
    """(value, label) of the card sets dot voting can take its options from."""
    sources = [("marked", _l("The cards each table marked to present"))]
    for phase in event.phases:
        for category in phase.categories:
            sources.append(
                (f"category:{category.id}", f"{phase.label}: {category.label}")
            )
    return sources


def _options_from_cards(event, poll, source):
    cards = source_cards(event, source)
    if not cards:
        raise DomainError(_l("There are no cards to vote on in this selection."), 400)
    if len(cards) > MAX_CARD_OPTIONS:
        raise DomainError(
            lazy_ngettext(
                "At most %(num)s card, please: pick a smaller set.",
                "At most %(num)s cards, please: pick a smaller set.",
                MAX_CARD_OPTIONS,
            ),
            400,
        )
    poll.options = [
        PollOption(label=card.shown_text[:500], card_id=card.id, position=position)
        for position, card in enumerate(cards)
    ]


def source_cards(event, source):
    """The visible, unmerged cards of a source, table by table."""
    query = (
        select(Card)
        .join(Table, Card.table_id == Table.id)
        .where(
            Card.event_id == event.id,
            Card.state == "visible",
            Card.merged_into_id.is_(None),
        )
        .order_by(Table.number, Card.present_position, Card.id)
    )
    if source == "marked":
        query = query.where(Card.present_position.is_not(None))
    elif source.startswith("category:") and source[9:].isdigit():
        query = query.where(Card.category_id == int(source[9:]))
    else:
        raise DomainError(_l("Please choose which cards to vote on."), 400)
    return db.session.scalars(query).all()


def _place_in_runsheet(event, poll, step_id):
    """Attach the poll to a run-sheet step: starting the step opens it."""
    reference = f"{STEP_PREFIX}{poll.id}"
    for step in event.steps:
        if step.id == step_id:
            step.reference = reference
        elif step.reference == reference:
            step.reference = ""


def step_of(poll):
    reference = f"{STEP_PREFIX}{poll.id}"
    return next((s for s in poll.event.steps if s.reference == reference), None)


def poll_of(step):
    if step is None or not step.reference.startswith(STEP_PREFIX):
        return None
    poll_id = step.reference[len(STEP_PREFIX) :]
    poll = db.session.get(Poll, int(poll_id)) if poll_id.isdigit() else None
    return poll if poll is not None and poll.event_id == step.event_id else None


def open_poll(event, poll):
    """Open (or re-open) the poll and show it on the projector; phones show it at
    once. Another open poll closes: phones show one poll at a time."""
    event.require_open()
    changed = _open(event, poll)
    db.session.flush()
    current_app.logger.info("event %s: poll %s opened", event.id, poll.id)
    announce(event, changed)
    translation_requests.hand_over()


def _open(event, poll):
    """Open the poll; its texts are asked for again, in the languages that came
    to the event since it was saved."""
    closed = [other for other in event.polls if other.is_open and other is not poll]
    for other in closed:
        other.close()
    poll.open()
    translation_requests.for_poll(poll)
    event.project_poll(poll)
    return [*closed, poll]


def close_poll(event, poll):
    poll.close()
    _done(event, poll, "closed")


def reveal_poll(event, poll):
    poll.reveal()
    _done(event, poll, "revealed" if poll.revealed else "hidden")


def reset_poll(event, poll):
    """Delete every ballot and return to a draft: the poll can be run again."""
    db.session.execute(delete(Ballot).where(Ballot.poll_id == poll.id))
    poll.reset()
    _done(event, poll, "reset")


def delete_poll(event, poll):
    if poll.is_open:
        raise DomainError(_l("Close the poll before deleting it."))
    _place_in_runsheet(event, poll, None)
    db.session.execute(delete(Ballot).where(Ballot.poll_id == poll.id))
    if event.projector_poll_id == poll.id:
        event.projector_poll_id = None
    db.session.delete(poll)
    db.session.flush()
    current_app.logger.info("event %s: poll %s deleted", event.id, poll.id)
    broadcast.projector_poll_changed(event)


def show_on_projector(event, poll):
    """Put a poll on the projector in place of a table; the join view comes back
    through the spotlight (spotlight_table with no table)."""
    event.project_poll(poll)
    db.session.flush()
    tell_projector(event)


def hide_word(event, poll, word, hidden=True):
    """Take a word off the cloud (or put it back); its votes stay stored."""
    word = normalise_entry(word, ())
    if not word:
        raise DomainError(_l("Please name a word."), 400)
    words = poll.hidden_word_set
    words = words | {word} if hidden else words - {word}
    poll.hidden_words = "\n".join(sorted(words))
    db.session.flush()
    broadcast.tally_changed(poll.id)


def follow_steps(event, ended=None, started=None):
    """The run-sheet moved: a poll placed in the ended step closes, one placed in
    the started step opens. Returns the polls that changed (not yet committed)."""
    changed = []
    ended_poll, started_poll = poll_of(ended), poll_of(started)
    if ended_poll is not None and ended_poll.is_open:
        ended_poll.close()
        changed.append(ended_poll)
    if started_poll is not None and not started_poll.is_open:
        changed += _open(event, started_poll)
    return changed


def announce(event, polls):
    for poll in polls:
        broadcast.poll_changed(poll)
    if polls:
        tell_projector(event)


def _done(event, poll, what):
    db.session.flush()
    current_app.logger.info("event %s: poll %s %s", event.id, poll.id, what)
    broadcast.poll_changed(poll)
    broadcast.projector_poll_changed(event)


def set_voting_codes(event, required):
    event.vote_with_codes = required
    db.session.flush()
    current_app.logger.info("event %s: voting codes required=%s", event.id, required)
