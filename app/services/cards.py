"""Cards filed anew by the table's host or the moderator: approved or rejected
(pre-moderation), moved to another category or table.

The access helpers already checked who may touch the card, the table and the
category; the models refuse what may not happen to a card."""

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.live import broadcast
from app.models import Card
from app.services import machine_translation
from app.services.audit import record_for_card
from app.services.spotlight import tell_projector
from app.services.translations import request_missing


def approve_card(card):
    """A waiting card reaches its table, the projector and the interpreters; its
    translations are asked for only now, so nobody translates abuse."""
    card.approve()
    asked = request_missing(card)
    db.session.flush()
    current_app.logger.info("card %s approved", card.id)
    broadcast.card_changed(card)
    broadcast.waiting_changed(card.table_id)
    machine_translation.translate_later(asked)


def reject_card(card):
    """A waiting card stays hidden; its writer's phone shows it as not approved."""
    card.reject()
    db.session.flush()
    current_app.logger.info("card %s rejected", card.id)
    broadcast.card_changed(card)
    broadcast.waiting_changed(card.table_id)


def move_card(card, table, category):
    """File a card under another category of its phase or at another table. Its
    merged duplicates go with it, so merges never cross tables; translations,
    reactions and votes stay with the card."""
    from_table = card.table_id
    group = merged_group(card)
    card.move_to(table, category)
    for duplicate in group:
        duplicate.follow(card)
    asked = request_missing(card) if card.is_public else []
    record_for_card(card, "card_moved")
    db.session.flush()
    current_app.logger.info(
        "card %s moved from table %s to table %s, category %s",
        card.id,
        from_table,
        card.table_id,
        card.category_id,
    )
    for moved in (card, *group):
        broadcast.card_moved(moved, from_table)
    broadcast.waiting_changed(from_table, card.table_id)
    machine_translation.translate_later(asked)
    _refresh_projector(card, from_table)


def merged_group(card):
    """Every card merged into this one, also through cards merged into those."""
    group, frontier = [], [card.id]
    while frontier:
        found = db.session.scalars(
            select(Card).where(Card.merged_into_id.in_(frontier)).order_by(Card.id)
        ).all()
        group.extend(found)
        frontier = [duplicate.id for duplicate in found]
    return group


def _refresh_projector(card, *table_ids):
    """The projector's spotlight lists its table's cards: send it again when the
    card left or joined the table on the projector."""
    event = card.table.event
    if event.spotlight_table_id in (card.table_id, *table_ids):
        tell_projector(event)
