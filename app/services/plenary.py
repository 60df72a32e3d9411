"""The plenary on the projector, built on the table spotlight: one table at a time,
its marked cards large, stepped through by the moderator or the table's host."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import DomainError
from app.services.spotlight import cards_to_show, spotlight_table, tell_projector


def step_table(event, offset):
    """Spotlight the next (offset 1) or previous table; past the last: join view."""
    tables = list(event.tables)
    current = event.spotlight_table
    index = tables.index(current) + offset if current in tables else 0
    spotlight_table(event, tables[index] if 0 <= index < len(tables) else None)


def step_card(event, offset):
    """Focus the next or previous card of the spotlight table."""
    table = event.spotlight_table
    if table is None:
        raise DomainError(_l("No table is on the projector."))
    cards = cards_to_show(event, table)
    if not cards:
        raise DomainError(_l("This table has no cards to present."))
    ids = [card.id for card in cards]
    at = ids.index(event.spotlight_card_id) if event.spotlight_card_id in ids else -1
    index = min(max(at + offset, 0), len(ids) - 1)
    event.spotlight_card_id = ids[index]
    db.session.flush()
    current_app.logger.info("event %s: card %s presented", event.id, ids[index])
    tell_projector(event)


def require_presenter(host_table, event):
    """A host presents only while their own table is on the projector."""
    if event.spotlight_table_id != host_table.id:
        raise DomainError(_l("Your table is not on the projector right now."))
