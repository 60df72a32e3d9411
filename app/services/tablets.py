"""Table tablets: one shared device at a table writes cards for people without a
phone. It holds no participant: it never counts as one, never votes and keeps
nothing of one person for the next."""

from flask import current_app

from app.extensions import db
from app.live import broadcast
from app.services import addresses
from app.services.participation import CardWriter


def issue_tablet(table):
    """A tablet link for the table; a link issued before stops working at once."""
    before = table.tablet_token
    table.issue_tablet()
    db.session.flush()
    current_app.logger.info("table %s: tablet link issued", table.id)
    if before:
        broadcast.tablet_revoked(table)


def revoke_tablet(table):
    """The moderator takes the tablet link back: pages, cards and the live
    connection of a device that holds it are refused from now on."""
    table.revoke_tablet()
    db.session.flush()
    current_app.logger.info("table %s: tablet link revoked", table.id)
    broadcast.tablet_revoked(table)


def tablet_writer(table, language):
    """Cards from the tablet: marked as entered there, its own rate limit."""
    return CardWriter.for_table(table, "tablet", language, ("tablet", table.id))


def leave_address_at_tablet(table, text, language, consent):
    """An address for the report, typed at the tablet by one of its people."""
    addresses.leave_address(
        table.event, text, language, consent, ("tablet", table.id), table.capacity
    )
