"""What the live pushes carry, and what pages that load the same data get in
their first answer: one shape for each thing a screen shows."""

from flask import url_for

from app.extensions import db
from app.models import Poll
from app.models.base import utcnow
from app.models.card import SMART_FIELDS
from app.services.text_views import poll_texts_payload
from app.services.voting.results import for_room, results


def card_payload(card):
    return {
        "id": card.id,
        "uuid": card.uuid,
        "table_id": card.table_id,
        "category_id": card.category_id,
        "phase_id": card.phase_id,
        "text": card.shown_text,
        "original": card.text if card.edited_text else None,
        "language": card.language,
        "translations": {
            t.language: {"text": t.text, "state": t.state} for t in card.translations
        },
        "state": card.state,
        "hidden": card.is_hidden,
        "merged": card.is_merged,
        "merged_count": card.merged_count,
        "heading": card.heading,
        "present": card.present_position,
        "section": card.section,
        "smart": _smart(card) if card.category.smart else None,
        "praise": card.praise_count,
        "concern": card.concern_count,
        "created_at": card.created_at.isoformat(timespec="seconds") + "Z",
    }


def _smart(card):
    fields = {name: getattr(card, name) for name in SMART_FIELDS}
    return {"fields": fields, "criteria": card.smart_criteria()}


def photo_payload(photo):
    def url(size):
        return url_for("photos.photo_file", file_id=photo.file_id, size=size)

    return {
        "id": photo.id,
        "uuid": photo.uuid,
        "table_id": photo.table_id,
        "phase_id": photo.phase_id,
        "caption": photo.caption,
        "width": photo.width,
        "height": photo.height,
        "removed": photo.is_removed,
        "url": url("display"),
        "thumb_url": url("thumb"),
        "created_at": photo.created_at.isoformat(timespec="seconds") + "Z",
    }


def state_payload(event):
    """What happens now. Times are UTC; `now` lets a page correct its own clock."""
    phase = event.running_phase
    return {
        "event_open": event.is_open,
        "phase_id": phase.id if phase else None,
        "step": step_payload(event.current_step),
        "seating_round": event.seating_round,
        "now": _iso(utcnow()),
    }


def step_payload(step):
    """A step's timer as state: pages count down to ends_at themselves."""
    if step is None:
        return None
    return {
        "id": step.id,
        "kind": step.kind,
        "title": step.title,
        "state": step.state,
        "ends_at": _iso(step.ends_at) if step.ends_at else None,
        "remaining": step.remaining(),
        "planned": step.planned_seconds + step.extra_seconds,
    }


def _iso(moment):
    return moment.isoformat(timespec="milliseconds") + "Z"


def console_card_payload(card):
    """A card as the console sees it: also who entered it. Phones and the projector
    never learn that a card came from the tablet or the host: with one person
    without a phone at a table, that would name its writer."""
    return card_payload(card) | {"entered_by": card.entered_by}


def room_card_payload(card):
    """A card as the screens besides the console get it. Hidden by the moderator:
    only what takes it off a screen, none of its text, translations or writer."""
    if card.state != "hidden":
        return card_payload(card)
    return {
        "id": card.id,
        "uuid": card.uuid,
        "table_id": card.table_id,
        "state": card.state,
        "hidden": True,
        "merged": False,
    }


def mail_payload(mail):
    return {
        "id": mail.id,
        "address_id": mail.address_id,
        "state": mail.state,
        "attempts": mail.attempts,
        "error": mail.last_error,
    }


def poll_payload(poll):
    """What phones need to know of a poll: whether to show it, and where."""
    return {
        "id": poll.id,
        "state": poll.state,
        "kind": poll.kind,
        "question": poll.question,
        "public": poll.results_public(),
        "opened_at": _iso(poll.opened_at) if poll.opened_at else None,
        "url": url_for("voting.phone_poll", poll_id=poll.id),
    }


def projector_poll_payload(event):
    """The poll the projector shows with its tally as the room may see it, or None."""
    poll = db.session.get(Poll, event.projector_poll_id or 0)
    if poll is None:
        return {"poll": None}
    return {
        "poll": {
            **poll_payload(poll),
            "results": room_tally(poll),
            "texts": poll_texts_payload(poll),
        }
    }


def room_tally(poll, counted=None):
    """The tally as the room sees it: only how many voted while results are hidden."""
    counted = for_room(counted or results(poll))
    if poll.results_public():
        return counted
    shown = ("poll_id", "kind", "voters", "present", "last_id")
    return {key: counted[key] for key in shown} | {"hidden": True}
