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


def photos_by_action_field(event):
    """[(action field or None, [photos of its tables])] in the event's field order:
    the report places poster photos by action field."""
    photos = event_photos(event.id)
    fields = [*event.action_fields, None]
    grouped = [
        (field, [p for p in photos if p.table.action_field_id == _id(field)])
        for field in fields
    ]
    return [(field, found) for field, found in grouped if found]


def _id(field):
    return field.id if field is not None else None
