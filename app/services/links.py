"""The secret links of an event, renewed when one got into the wrong hands: the
old link stops working at once. Tablet links: app/services/tablets.py."""

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.live import broadcast
from app.models import Participant
from app.services.interpreting import interpreters_of


def renew_join_links(event):
    """New codes for the event and every table card. Phones that joined keep
    their seats: their session names them, not the link they came by."""
    event.renew_join_links()
    _renewed(event, "join links")
    broadcast.join_links_changed(event)


def renew_projector_link(event):
    """A projector with the old link stops showing the event."""
    event.renew_projector_link()
    _renewed(event, "projector link")
    broadcast.projector_revoked(event)


def renew_interpreter_link(event):
    """Interpreters who joined stop too (one of them may have come by the
    leaked link): they join again by the new link."""
    event.renew_interpreter_link()
    for interpreter in interpreters_of(event):
        interpreter.sign_out()
    _renewed(event, "interpreter link")
    broadcast.interpreters_revoked(event)


def renew_host_link(table):
    """A new host card. Whoever hosts the table stops (they may have come by
    the leaked card): the host scans the new one."""
    table.renew_host_link()
    hosts = _hosts_of(table)
    for host in hosts:
        host.hosts_table_id = None
    _renewed(table.event, f"host link of table {table.number}")
    for host in hosts:
        broadcast.host_left(host, table.id)
    broadcast.seats_changed(table.event, [table.id])


def _hosts_of(table):
    return db.session.scalars(
        select(Participant).where(Participant.hosts_table_id == table.id)
    ).all()


def _renewed(event, what):
    db.session.flush()
    current_app.logger.info("event %s: %s renewed", event.id, what)
