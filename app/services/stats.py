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
    """Cards counts the visible ones; waiting: those still waiting for approval."""
    participants = participant_count(event_id)
    cards = card_states(Card.event_id == event_id)
    seats = seat_counts(event_id)
    return {
        "participants": participants,
        "cards": cards.get("visible", 0),
        "waiting": cards.get("waiting", 0),
        "tables": {str(table_id): count for table_id, count in seats.items()},
    }


def card_states(where):
    """{state: cards} of the cards that match where, for visible and waiting."""
    rows = db.session.execute(
        select(Card.state, func.count(Card.id))
        .where(where, Card.state.in_(("visible", "waiting")))
        .group_by(Card.state)
    )
    return dict(rows.all())


def waiting_count(table_id):
    return card_states(Card.table_id == table_id).get("waiting", 0)


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


def gallery_counts(event_id):
    """{card id: {table_id, praise, concern}} of cards that got any reaction."""
    rows = db.session.execute(
        select(Card.id, Card.table_id, Card.praise_count, Card.concern_count).where(
            Card.event_id == event_id,
            Card.state == "visible",
            (Card.praise_count > 0) | (Card.concern_count > 0),
        )
    )
    return {
        str(card_id): {"table_id": table_id, "praise": praise, "concern": concern}
        for card_id, table_id, praise, concern in rows
    }
