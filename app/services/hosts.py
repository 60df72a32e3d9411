"""Table hosts (Tischpat*innen): who hosts a table, and how they tidy its cards.

Every function here gets a card that the access helpers already checked belongs
to the host's own table."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import func, select

from app.extensions import db
from app.live import broadcast
from app.models import Card, DomainError
from app.models.card import MAX_HEADING_LENGTH
from app.services.participation import valid_text
from app.services.seating import require_free_seat
from app.services.spotlight import tell_projector


def make_host(event, participant, table):
    """The moderator makes a participant the host of a table, seated there."""
    event.require_open()
    before = participant.table_id
    if table.id != before:
        require_free_seat(table)
    participant.table = table
    participant.hosts_table_id = table.id
    db.session.commit()
    current_app.logger.info("participant %s hosts table %s", participant.id, table.id)
    broadcast.seats_changed(event, [before, table.id])


def end_hosting(event, participant):
    table_id = participant.hosts_table_id
    participant.hosts_table_id = None
    db.session.commit()
    current_app.logger.info("participant %s no longer hosts", participant.id)
    broadcast.seats_changed(event, [table_id])


def edit_card(card, text):
    """Correct a card's text; the text as written is kept beside it."""
    _require_visible(card)
    text = valid_text(text)
    card.edited_text = None if text == card.text else text
    _changed(card)


def set_heading(card, heading):
    """Group a card under a heading; an empty heading takes it out of its group."""
    _require_visible(card)
    heading = " ".join((heading or "").split())
    if len(heading) > MAX_HEADING_LENGTH:
        raise DomainError(
            lazy_ngettext(
                "A heading can hold at most %(num)s character.",
                "A heading can hold at most %(num)s characters.",
                MAX_HEADING_LENGTH,
            ),
            status=400,
        )
    card.heading = heading
    _changed(card)


def mark_card(card, marked):
    """Mark a card to be presented in the plenary (last in the order) or unmark."""
    _require_visible(card)
    if not marked:
        card.present_position = None
    elif card.present_position is None:
        last = db.session.scalar(
            select(func.max(Card.present_position)).where(
                Card.table_id == card.table_id
            )
        )
        card.present_position = (last or 0) + 1
    _changed(card)


def merge_cards(duplicate, target):
    """Merge a duplicate into a card: the report and screens show the card once."""
    _require_visible(duplicate)
    duplicate.merge_into(target)
    db.session.commit()
    current_app.logger.info("card %s merged into %s", duplicate.id, target.id)
    broadcast.card_changed(duplicate)
    broadcast.card_changed(target)
    _refresh_projector(target)


def unmerge_card(card):
    target = db.session.get(Card, card.merged_into_id or 0)
    if target is None:
        raise DomainError(_l("This card is not merged."))
    card.unmerge(target)
    db.session.commit()
    current_app.logger.info("card %s unmerged", card.id)
    broadcast.card_changed(card)
    broadcast.card_changed(target)
    _refresh_projector(target)


def merged_cards(table_id):
    """The table's merged duplicates, for the host to take apart again."""
    return db.session.scalars(
        select(Card)
        .where(Card.table_id == table_id, Card.state == "merged")
        .order_by(Card.id)
    ).all()


def _require_visible(card):
    if card.state != "visible":
        raise DomainError(_l("This card is no longer shown."))


def _changed(card):
    db.session.commit()
    current_app.logger.info("card %s tidied by its table's host", card.id)
    broadcast.card_changed(card)
    _refresh_projector(card)


def _refresh_projector(card):
    """A plenary shows the marked cards in their order: send the table again."""
    event = card.table.event
    if event.spotlight_table_id == card.table_id:
        tell_projector(event)
