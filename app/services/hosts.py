"""Table hosts (Tischpat*innen): who hosts a table, and how they tidy its cards.

Every function here gets a card that the access helpers already checked belongs
to the host's own table."""

import hashlib

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import func, select

from app.extensions import db
from app.live import broadcast
from app.models import Card, CardTranslation, DomainError
from app.models.card import MAX_HEADING_LENGTH
from app.services.participation import CardWriter, valid_text
from app.services.seating import require_free_seat
from app.services.spotlight import tell_projector


def make_host(event, participant, table):
    """The moderator makes a participant the host of a table, seated there."""
    event.require_open()
    before, hosted = participant.table_id, participant.hosts_table_id
    if table.id != before:
        require_free_seat(table)
    participant.table = table
    participant.hosts_table_id = table.id
    db.session.flush()
    current_app.logger.info("participant %s hosts table %s", participant.id, table.id)
    broadcast.seats_changed(event, [before, table.id])
    broadcast.host_left(participant, hosted)


def end_hosting(event, participant):
    table_id = participant.hosts_table_id
    participant.hosts_table_id = None
    db.session.flush()
    current_app.logger.info("participant %s no longer hosts", participant.id)
    broadcast.seats_changed(event, [table_id])
    broadcast.host_left(participant, table_id)


def host_writer(participant):
    """Cards the host enters for people at the table without a phone: they belong
    to nobody; the host's own card budget applies."""
    return CardWriter.for_table(
        participant.hosted_table, "host", participant.locale, ("host", participant.id)
    )


def tidy_card(card, text, heading, marked):
    """The host's edit of one card in one go: correct its text (the text as
    written is kept beside it), group it under a heading (empty: no group), mark
    it to be presented in the plenary or not."""
    _require_visible(card)
    text = valid_text(text)
    card.edited_text = None if text == card.text else text
    card.heading = valid_heading(heading)
    _mark(card, marked)
    _changed(card)


def valid_heading(heading):
    """The heading with its spaces tidied; refused when too long."""
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
    return heading


def _mark(card, marked):
    """Marked: presented in the plenary, last in the order so far."""
    if not marked:
        card.present_position = None
    elif card.present_position is None:
        last = db.session.scalar(
            select(func.max(Card.present_position)).where(
                Card.table_id == card.table_id
            )
        )
        card.present_position = (last or 0) + 1


def merge_cards(cards, keep):
    """Merge the picked duplicates into the card that stays: the report and the
    screens show it once, with how often it was named."""
    if keep not in cards or len({card.id for card in cards}) < 2:
        raise DomainError(
            _l("Please pick at least two cards and the one that stays."), status=400
        )
    duplicates = [card for card in cards if card.id != keep.id]
    for duplicate in duplicates:
        duplicate.merge_into(keep)
    db.session.flush()
    current_app.logger.info(
        "cards %s merged into %s", [card.id for card in duplicates], keep.id
    )
    for card in (*duplicates, keep):
        broadcast.card_changed(card)
    _refresh_projector(keep)


def unmerge_card(card):
    target = db.session.get(Card, card.merged_into_id or 0)
    if target is None:
        raise DomainError(_l("This card is not merged."))
    card.unmerge(target)
    db.session.flush()
    current_app.logger.info("card %s unmerged", card.id)
    broadcast.card_changed(card)
    broadcast.card_changed(target)
    _refresh_projector(target)


def merged_cards(table_id):
    """The table's merged duplicates, for the host to take apart again."""
    return _cards_in_state(table_id, "merged")


def waiting_cards(table_id):
    """The table's cards waiting for approval, oldest first."""
    return _cards_in_state(table_id, "waiting")


def _cards_in_state(table_id, state):
    return db.session.scalars(
        select(Card)
        .where(Card.table_id == table_id, Card.state == state)
        .order_by(Card.id)
    ).all()


def tools_version(table_id):
    """A short digest of what the host tools show of a table's cards. The page
    compares it each time it connects: a change pushed while it was loading would
    otherwise stay missing."""
    rows = db.session.execute(
        select(
            Card.id, Card.state, Card.category_id, Card.language, Card.edited_text,
            Card.heading, Card.present_position, Card.merged_into_id,
        ).where(Card.table_id == table_id).order_by(Card.id)
    ).all()  # fmt: skip
    translated = db.session.scalar(
        select(func.count(CardTranslation.id))
        .join(Card)
        .where(Card.table_id == table_id, CardTranslation.state != "requested")
    )
    return hashlib.sha256(repr((rows, translated)).encode()).hexdigest()[:16]


def card_groups(cards):
    """[(heading, cards)]: the host's groups by heading in alphabetical order,
    the cards without a heading last (heading "")."""
    groups = {}
    for card in cards:
        groups.setdefault(card.heading, []).append(card)
    return sorted(groups.items(), key=lambda group: (not group[0], group[0].casefold()))


def _require_visible(card):
    if card.state != "visible":
        raise DomainError(_l("This card is no longer shown."))


def _changed(card):
    db.session.flush()
    current_app.logger.info("card %s tidied by its table's host", card.id)
    broadcast.card_changed(card)
    _refresh_projector(card)


def _refresh_projector(card):
    """A plenary shows the marked cards in their order: send the table again."""
    event = card.table.event
    if event.spotlight_table_id == card.table_id:
        tell_projector(event)
