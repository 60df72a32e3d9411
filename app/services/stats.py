"""Read-only counts and lists shown on the console, the projector and the phones."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Ballot, Card, Participant, Poll, Table
from app.models.card import ON_BEHALF


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


def card_counts(where):
    """Of the cards that match where: visible ones ("cards"), of them entered on
    behalf of people without a phone ("on_behalf"), and those waiting for approval
    ("waiting"); one query."""
    visible = Card.state == "visible"
    row = db.session.execute(
        select(
            func.count(Card.id).filter(visible),
            func.count(Card.id).filter(visible, Card.entered_by.in_(ON_BEHALF)),
            func.count(Card.id).filter(Card.state == "waiting"),
        ).where(where)
    ).one()
    return dict(zip(("cards", "on_behalf", "waiting"), row, strict=True))


def event_counts(event_id):
    """Participants, cards (visible; entered on behalf; waiting for approval) and
    who sits where."""
    seats = seat_counts(event_id)
    return {
        "participants": participant_count(event_id),
        **card_counts(Card.event_id == event_id),
        "tables": {str(table_id): count for table_id, count in seats.items()},
    }


def waiting_count(table_id):
    return card_counts(Card.table_id == table_id)["waiting"]


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


def events_numbers(event_ids):
    """{event id: {participants, contributions, votes}} for several events in
    three queries: contributions are visible cards, votes the ballots cast in
    polls that were opened."""
    ids = list(event_ids)
    counted = {
        "participants": _per_event(Participant.event_id, Participant.id, ids),
        "contributions": _per_event(
            Card.event_id, Card.id, ids, Card.state == "visible"
        ),
        "votes": _per_event(
            Poll.event_id,
            Ballot.id,
            ids,
            Poll.state != "draft",
            join=(Ballot, Ballot.poll_id == Poll.id),
        ),
    }
    return {i: {key: found.get(i, 0) for key, found in counted.items()} for i in ids}


def _per_event(event_id, counted, ids, *where, join=None):
    query = select(event_id, func.count(counted))
    if join is not None:
        query = query.join(*join)
    query = query.where(event_id.in_(ids), *where).group_by(event_id)
    return dict(db.session.execute(query).all())
