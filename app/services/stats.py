"""Read-only counts and lists shown on the console, the projector and the phones."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Card, Participant, Table


def seat_counts(event_id):
    """{table_id: participants seated there} for one event."""
    rows = db.session.execute(
        select(Participant.table_id, func.count(Participant.id))
        .where(Participant.event_id == event_id, Participant.table_id.is_not(None))
        .group_by(Participant.table_id)
    )
    return dict(rows.all())


def participant_count(event_id):
    return db.session.scalar(
        select(func.count(Participant.id)).where(Participant.event_id == event_id)
    )


def event_counts(event_id):
    participants = participant_count(event_id)
    cards = db.session.scalar(
        select(func.count(Card.id)).where(
            Card.event_id == event_id, Card.state == "visible"
        )
    )
    seats = seat_counts(event_id)
    return {
        "participants": participants,
        "cards": cards,
        "tables": {str(table_id): count for table_id, count in seats.items()},
    }


def perspective_counts(event_id):
    """{(action field id, category id): {perspective: cards}} of visible cards whose
    writer named a perspective. Never tied to a single card."""
    rows = db.session.execute(
        select(
            Table.action_field_id,
            Card.category_id,
            Participant.perspective,
            func.count(Card.id),
        )
        .join(Participant, Card.participant_id == Participant.id)
        .join(Table, Card.table_id == Table.id)
        .where(
            Card.event_id == event_id,
            Card.state == "visible",
            Participant.perspective != "",
        )
        .group_by(Table.action_field_id, Card.category_id, Participant.perspective)
    )
    counts = {}
    for field_id, category_id, perspective, number in rows:
        counts.setdefault((field_id, category_id), {})[perspective] = number
    return counts


def gallery_totals(event_id):
    """{table id: {praise, concern}}: the gallery walk's reactions per table, on
    the cards still shown."""
    rows = db.session.execute(
        select(Card.table_id, func.sum(Card.praise_count), func.sum(Card.concern_count))
        .where(Card.event_id == event_id, Card.state == "visible")
        .group_by(Card.table_id)
    )
    return {
        str(table_id): {"praise": int(praise or 0), "concern": int(concern or 0)}
        for table_id, praise, concern in rows
    }
