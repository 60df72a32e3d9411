"""What a table has produced, as phones, console, projector and reports see it."""

from sqlalchemy import select

from app.extensions import db
from app.models import Card, Photo
from app.models.card import WITHHELD_STATES


def visible_cards(table_id, newest_first=False):
    order = Card.id.desc() if newest_first else Card.id
    return db.session.scalars(
        select(Card)
        .where(Card.table_id == table_id, Card.state == "visible")
        .order_by(order)
    ).all()


def phone_cards(participant, newest_first=False):
    """What a phone shows of its table: the visible cards, and its own cards that
    wait for approval or were not approved."""
    order = Card.id.desc() if newest_first else Card.id
    own_withheld = (Card.participant_id == participant.id) & Card.state.in_(
        WITHHELD_STATES
    )
    return db.session.scalars(
        select(Card)
        .where(
            Card.table_id == participant.table_id,
            (Card.state == "visible") | own_withheld,
        )
        .order_by(order)
    ).all()


def visible_photos(table_id):
    return db.session.scalars(
        select(Photo)
        .where(Photo.table_id == table_id, Photo.state == "visible")
        .order_by(Photo.id)
    ).all()


def event_photos(event_id):
    return db.session.scalars(
        select(Photo)
        .where(Photo.event_id == event_id, Photo.state == "visible")
        .order_by(Photo.table_id, Photo.id)
    ).all()
