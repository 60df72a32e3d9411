"""What a table has produced, as phones, console, projector and reports see it."""

from sqlalchemy import select

from app.extensions import db
from app.models import Card, Photo


def visible_cards(table_id, newest_first=False):
    order = Card.id.desc() if newest_first else Card.id
    return db.session.scalars(
        select(Card)
        .where(Card.table_id == table_id, Card.state == "visible")
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
