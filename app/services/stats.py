"""Read-only counts and lists shown on the console, the projector and the phones."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Card, Participant


def seat_counts(event_id):
    """{table_id: participants seated there} for one event."""
    rows = db.session.execute(
        select(Participant.table_id, func.count(Participant.id))
        .where(Participant.event_id == event_id, Participant.table_id.is_not(None))
        .group_by(Participant.table_id)
    )
    return dict(rows.all())


def event_counts(event_id):
    participants = db.session.scalar(
        select(func.count(Participant.id)).where(Participant.event_id == event_id)
    )
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
