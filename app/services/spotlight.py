"""The projector's table spotlight: one table's cards and poster photos, large.

A building block for the plenary, which will step through the tables with it.
"""

from flask import current_app

from app.extensions import db
from app.live import broadcast
from app.live.broadcast import card_payload, photo_payload
from app.services.tables import visible_cards, visible_photos


def spotlight_table(event, table):
    """Show table on the projector; None shows the join view again."""
    event.spotlight(table)
    db.session.commit()
    current_app.logger.info(
        "event %s: spotlight on table %s", event.id, table and table.id
    )
    broadcast.spotlight_changed(event, spotlight_payload(event))


def spotlight_payload(event):
    """What the projector shows of the spotlight table, or {"table": None}."""
    table = event.spotlight_table
    if table is None:
        return {"table": None}
    return {
        "table": {"id": table.id, "number": table.number, "topic": table.topic},
        "cards": [card_payload(card) for card in visible_cards(table.id)],
        "photos": [photo_payload(photo) for photo in visible_photos(table.id)],
    }
