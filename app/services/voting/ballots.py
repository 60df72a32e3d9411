"""Casting a vote: what a ballot may contain, per poll kind.

Anything a phone sends is checked here; a refused ballot changes nothing and
says why in the voter's language. While the poll is open a voter may change
their ballot: the latest one counts."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext, ngettext
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from app.database import upsert
from app.extensions import db
from app.live import broadcast
from app.models import Ballot, DomainError
from app.models.base import utcnow
from app.models.poll import CONSENT_CHOICES
from app.plain_text import clean_text
from app.services.uuids import valid_uuid
from app.services.voting.codes import holds_code
from app.services.voting.results import normalise_entry

MAX_ENTRIES = 3
MAX_ENTRY_WORDS = 3
MAX_ENTRY_LENGTH = 40
MAX_TEXT_LENGTH = 280
MAX_REASON_LENGTH = 200
VOTE_FAILED = _l("This vote could not be sent. Please try again.")


def cast(poll, participant, form):
    """Store participant's ballot for poll from the submitted form; returns its id.

    form["uuid"] (optional): the phone's name for this vote. A vote resent while
    the poll is open is stored again as it was; resent once the poll has closed
    with the UUID of the answer stored, it is answered with that ballot: the
    phone keeps a vote until the server confirmed it.

    The vote path is the hottest of a poll (thousands of phones within seconds):
    one prepared upsert, committed by the unit of work; nothing reloaded."""
    if poll.event_id != participant.event_id:
        raise DomainError(_l("This poll belongs to another event."), 404)
    vote_uuid = valid_uuid(form["uuid"], VOTE_FAILED) if form.get("uuid") else None
    if not poll.is_open:
        stored = _stored_ballot(poll, participant, vote_uuid)
        if stored is None:
            raise DomainError(_l("This poll is closed. Your vote was not counted."))
        return stored
    require_voter(poll.event, participant)
    answer = READERS[poll.kind](poll, form, participant)
    poll_id = poll.id
    values = {
        "poll_id": poll_id,
        "participant_id": participant.id,
        "answer": answer,
        "uuid": vote_uuid,
        "hidden": False,
        "updated_at": utcnow(),
    }
    keys = ["poll_id", "participant_id"]
    changed = ("answer", "uuid", "hidden", "updated_at")
    try:
        ballot_id = upsert(Ballot, values, keys, changed)
    except IntegrityError:
        # The UUID names another phone's ballot of this poll. The vote is its
        # unit's only change: nothing else is rolled back with it.
        db.session.rollback()
        raise DomainError(VOTE_FAILED, 400) from None
    broadcast.tally_changed(poll_id)
    return ballot_id


# Built once, as the vote path's other statements.
_BY_UUID = select(Ballot.id, Ballot.participant_id).where(
    Ballot.poll_id == bindparam("poll_id"), Ballot.uuid == bindparam("uuid")
)


def _stored_ballot(poll, participant, vote_uuid):
    """The id of this phone's ballot stored under vote_uuid, or None."""
    if vote_uuid is None:
        return None
    row = db.session.execute(_BY_UUID, {"poll_id": poll.id, "uuid": vote_uuid}).first()
    if row is None or row.participant_id != participant.id:
        return None
    return row.id


def own_ballot(poll, participant):
    return db.session.scalar(
        select(Ballot).where(
            Ballot.poll_id == poll.id, Ballot.participant_id == participant.id
        )
    )


def require_voter(event, participant):
    """With voting codes, only a phone that redeemed one may vote."""
    if event.vote_with_codes and not holds_code(participant):
        raise DomainError(
            _l("Please enter your voting code first. You find it on your voting slip."),
            403,
        )


def option_ids(poll):
    """The ids of the poll's options. Options change only in a draft, so an open
    poll's are kept for the rest of that opening: loading them cost a sixth of
    every vote."""
    key = (poll.id, poll.opened_at)
    ids = _open_options.get(key)
    if ids is None:
        ids = tuple(option.id for option in poll.options)
        if poll.is_open:
            _open_options[key] = ids
    return ids


_open_options = {}


def _option_ids(poll, values):
    """The options named, as ids of this poll; an unknown one refuses the ballot."""
    known = set(option_ids(poll))
    chosen = []
    for value in values:
        if not str(value).isdigit() or int(value) not in known:
            raise DomainError(_l("This option is not part of the poll."), 400)
        if int(value) not in chosen:
            chosen.append(int(value))
    return chosen


def _single(poll, form, participant):
    chosen = _option_ids(poll, form.getlist("option"))
    if len(chosen) != 1:
        raise DomainError(_l("Please choose one option."), 400)
    return {"options": chosen}


def _multiple(poll, form, participant):
    chosen = _option_ids(poll, form.getlist("option"))
    if len(chosen) < poll.min_choices:
        raise DomainError(
            lazy_ngettext(
                "Please choose at least %(num)s option.",
                "Please choose at least %(num)s options.",
                poll.min_choices,
            ),
            400,
        )
    if len(chosen) > poll.max_choices:
        raise DomainError(
            lazy_ngettext(
                "Please choose at most %(num)s option.",
                "Please choose at most %(num)s options.",
                poll.max_choices,
            ),
            400,
        )
    return {"options": chosen}


def _scale(poll, form, participant):
    value = form.get("value", "")
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not poll.scale_min <= number <= poll.scale_max:
        raise DomainError(
            _(
                "Please choose a value from %(low)s to %(high)s.",
                low=poll.scale_min,
                high=poll.scale_max,
            ),
            400,
        )
    return {"value": number}


def _ranking(poll, form, participant):
    """Places per option (rank_<id>=1..n); every option gets its own place."""
    places = {}
    options = option_ids(poll)
    for option in options:
        value = form.get(f"rank_{option}", "")
        if not value.isdigit() or not 1 <= int(value) <= len(options):
            raise DomainError(_l("Please give every option a place."), 400)
        places[option] = int(value)
    if len(set(places.values())) != len(places):
        raise DomainError(_l("Each place can be given only once."), 400)
    return {"order": sorted(places, key=places.get)}


def _words(poll, form, participant):
    languages = (participant.locale, poll.event.language)
    entries = [clean_text(e).strip() for e in form.getlist("entry")]
    entries = [entry for entry in entries if entry]
    if not entries:
        raise DomainError(_l("Please write a word."), 400)
    if len(entries) > MAX_ENTRIES:
        message = lazy_ngettext(
            "At most %(num)s entry, please.",
            "At most %(num)s entries, please.",
            MAX_ENTRIES,
        )
        raise DomainError(message, 400)
    words = []
    for entry in entries:
        if len(entry) > MAX_ENTRY_LENGTH or len(entry.split()) > MAX_ENTRY_WORDS:
            raise DomainError(
                lazy_ngettext(
                    "Each entry may have at most %(num)s word.",
                    "Each entry may have at most %(num)s words.",
                    MAX_ENTRY_WORDS,
                ),
                400,
            )
        normalised = normalise_entry(entry, languages)
        if normalised and normalised not in words:
            words.append(normalised)
    if not words:
        raise DomainError(
            _l("Please write a word that says something, not only “and” or “the”."),
            400,
        )
    return {"words": words}


def _text(poll, form, participant):
    text = " ".join(clean_text(form.get("text", "")).split())
    if not text:
        raise DomainError(_l("Please write an answer."), 400)
    if len(text) > MAX_TEXT_LENGTH:
        raise DomainError(_keep_it_to(MAX_TEXT_LENGTH), 400)
    return {"text": text}


def _dots(poll, form, participant):
    dots = {}
    options = [str(option) for option in option_ids(poll)]
    for option in options:
        value = form.get(f"dots_{option}", "") or "0"
        if not value.isdigit():
            raise DomainError(_l("Please give whole dots."), 400)
        if int(value) > poll.dots_per_card:
            raise DomainError(
                lazy_ngettext(
                    "At most %(num)s dot per card.",
                    "At most %(num)s dots per card.",
                    poll.dots_per_card,
                ),
                400,
            )
        if int(value):
            dots[option] = int(value)
    unknown = [
        key for key in form if key.startswith("dots_") and key[5:] not in options
    ]
    if unknown:
        raise DomainError(_l("This option is not part of the poll."), 400)
    total = sum(dots.values())
    if total > poll.dots:
        raise DomainError(
            ngettext(
                "You have %(num)s dot; you gave %(given)s.",
                "You have %(num)s dots; you gave %(given)s.",
                poll.dots,
                given=total,
            ),
            400,
        )
    if not total:
        raise DomainError(_l("Please give at least one dot."), 400)
    return {"dots": dots}


def _consent(poll, form, participant):
    choice = form.get("choice", "")
    if choice not in CONSENT_CHOICES:
        raise DomainError(_l("Please choose one answer."), 400)
    reason = " ".join(clean_text(form.get("reason", "")).split())
    if choice == "veto" and not reason:
        raise DomainError(_l("Please say briefly why you veto."), 400)
    if len(reason) > MAX_REASON_LENGTH:
        raise DomainError(_keep_it_to(MAX_REASON_LENGTH), 400)
    return {"choice": choice, "reason": reason if choice == "veto" else ""}


def _keep_it_to(limit):
    return lazy_ngettext(
        "Please keep it to %(num)s character.",
        "Please keep it to %(num)s characters.",
        limit,
    )


READERS = {
    "single": _single,
    "multiple": _multiple,
    "scale": _scale,
    "ranking": _ranking,
    "words": _words,
    "text": _text,
    "dots": _dots,
    "consent": _consent,
}


def hide_answer(poll, ballot, hidden):
    """Open text answers are moderated like cards: hidden ones leave the room's view."""
    ballot.hidden = hidden
    db.session.flush()
    current_app.logger.info("poll %s: answer %s hidden=%s", poll.id, ballot.id, hidden)
    broadcast.tally_changed(poll.id)
