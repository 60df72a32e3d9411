"""The only module that emits. Rooms: event:<id> (all phones), table:<id>,
console:<id>, projector:<id>, interpreter:<id>, participant:<id> (one phone),
host:<table id> (the host tools of a table), hosting:<table id> (the host's
phones), tools:<participant id> (one phone's host tools), tablet:<table id>."""

import time

from flask import current_app
from sqlalchemy import select

from app.extensions import db, socketio
from app.live.payloads import (
    console_card_payload,
    mail_payload,
    photo_payload,
    poll_payload,
    projector_poll_payload,
    room_card_payload,
    room_tally,
    state_payload,
)
from app.models import Card, Poll, PollOption, Table
from app.services.stats import event_counts, gallery_totals, waiting_count
from app.services.text_views import text_payload
from app.services.voting.results import results
from app.unit_of_work import after_commit

NAMESPACE = "/live"


def card_added(card):
    _emit_card(card)
    counts_changed(card.event_id)


def card_changed(card):
    card_added(card)


def card_translated(card):
    """A translation was asked for or arrived: everyone showing the card gets it."""
    _emit_card(card)


def card_moved(card, from_table_id):
    """The old table's screens drop the card, the new table's show it."""
    rooms = {*_card_rooms(card, from_table_id), *_card_rooms(card, card.table_id)}
    _emit("card", room_card_payload(card), *sorted(rooms))
    _emit("card", console_card_payload(card), f"console:{card.event_id}")
    counts_changed(card.event_id)


def translation_changed(source):
    """A card's or an event text's translation arrived or was corrected. Phones
    read event texts anywhere, and the cards of an open dot vote away from
    their table: they get those as texts."""
    if isinstance(source, Card):
        card_translated(source)
        if source.is_public and _in_open_poll(source):
            event = source.event_id
            _emit("text", text_payload(source), f"event:{event}", f"projector:{event}")
        return
    event = source.event_id
    rooms = (f"console:{event}", f"interpreter:{event}", f"projector:{event}")
    _emit("text", text_payload(source), f"event:{event}", *rooms)


def _in_open_poll(card):
    found = (
        select(PollOption.id)
        .join(Poll)
        .where(PollOption.card_id == card.id, Poll.state == "open")
    )
    return db.session.scalar(found.limit(1)) is not None


def translations_requested(event_id):
    """New translation requests: the interpreters' queues look again."""
    _emit("queue", {}, f"interpreter:{event_id}")


def _emit_card(card):
    _emit("card", room_card_payload(card), *_card_rooms(card, card.table_id))
    _emit("card", console_card_payload(card), f"console:{card.event_id}")


def _card_rooms(card, table_id):
    """Who sees a card at table_id besides the console. Waiting for approval or
    rejected: only its writer (phone or the table's tablet) and the table's host
    tools. Otherwise the table, and the projector too: it may show a table's cards
    large."""
    event = card.event_id
    rooms = [f"host:{table_id}", _writer_room(card, table_id)]
    if card.is_withheld:
        return [room for room in rooms if room]
    return [*filter(None, rooms), f"table:{table_id}", f"interpreter:{event}",
            f"projector:{event}"]  # fmt: skip


def _writer_room(card, table_id):
    if card.participant_id:
        return f"participant:{card.participant_id}"
    return f"tablet:{table_id}" if card.entered_by == "tablet" else None


def waiting_changed(*table_ids):
    """How many cards wait for approval, to the phones of the tables' hosts."""
    for table_id in dict.fromkeys(table_ids):
        payload = {"table_id": table_id, "count": waiting_count(table_id)}
        _emit("waiting", payload, f"hosting:{table_id}")


def state_changed(event):
    rooms = (f"event:{event.id}", f"console:{event.id}", f"projector:{event.id}")
    _emit("state", state_payload(event), *rooms)


def photo_changed(photo):
    """A removed photo goes out as removed only: no caption, no address."""
    rooms = _table_rooms(photo.table_id, photo.event_id)
    if photo.is_removed:
        gone = {"id": photo.id, "uuid": photo.uuid, "table_id": photo.table_id}
        _emit("photo", gone | {"removed": True}, *rooms)
        return
    _emit("photo", photo_payload(photo), *rooms)


def seats_changed(event, table_ids):
    """Phones at these tables look up their seat again; seat counts follow."""
    rooms = [f"table:{table_id}" for table_id in table_ids if table_id]
    _emit("seats", {}, *rooms, f"console:{event.id}")
    counts_changed(event.id)


def reaction_changed(card):
    payload = {
        "card_id": card.id,
        "table_id": card.table_id,
        "praise": card.praise_count,
        "concern": card.concern_count,
    }
    _emit("reaction", payload, f"console:{card.event_id}", f"projector:{card.event_id}")


def gallery_changed(event_id):
    """The gallery walk's totals per table to the projector, at most once per
    COUNTS_PUSH_INTERVAL: a card's own counts go out with `reaction`."""
    _coalesced(("gallery", event_id), "COUNTS_PUSH_INTERVAL", _emit_gallery, event_id)


def _emit_gallery(event_id):
    _emit("gallery", gallery_totals(event_id), f"projector:{event_id}")


def spotlight_changed(event, payload):
    _emit("spotlight", payload, f"console:{event.id}", f"projector:{event.id}")


def _table_rooms(table_id, event_id):
    return (f"table:{table_id}", f"console:{event_id}", f"projector:{event_id}")


def tablet_revoked(table):
    """The table's tablet link was revoked or renewed."""
    _cut_off(f"tablet:{table.id}")


def host_left(participant, hosted_before):
    """A phone that hosted a table and no longer does (it left the table, or
    hosts another): its host tools stop hearing that table's cards."""
    if hosted_before is not None and participant.hosts_table_id != hosted_before:
        _cut_off(f"tools:{participant.id}")


def projector_revoked(event):
    """The projector link was renewed: a screen with the old one leaves."""
    _cut_off(f"projector:{event.id}")


def interpreters_revoked(event):
    """The interpreter link was renewed: interpreters join again by the new one."""
    _cut_off(f"interpreter:{event.id}")


def join_links_changed(event):
    """The projector shows the join code: it loads the new one."""
    _emit("links", {}, f"projector:{event.id}")


def _cut_off(room):
    """The pages in room are told to leave and their sockets in this process are
    cut off (with several processes, the others' sockets are told; their next
    request and reconnect are refused)."""
    _emit("revoked", {}, room)
    after_commit(_disconnect, room)


def _disconnect(room):
    server = socketio.server
    sids = [sid for sid, _eio_sid in server.manager.get_participants(NAMESPACE, room)]
    for sid in sids:
        server.disconnect(sid, namespace=NAMESPACE)


def mailing_changed(event_id, progress, mail=None):
    """Mailing progress to the organiser pages of the event (the console room)."""
    payload = {"progress": progress, "mail": mail_payload(mail) if mail else None}
    _emit("mailing", payload, f"console:{event_id}")


def participants_changed(event):
    counts_changed(event.id)


def counts_changed(event_id):
    """Counts go out at most once per COUNTS_PUSH_INTERVAL per event: at 50 cards/s,
    counting on every card cost 7 % of the server's time for no visible gain."""
    _coalesced(("counts", event_id), "COUNTS_PUSH_INTERVAL", _emit_counts, event_id)


def tally_changed(poll_id):
    """A poll's tally goes out at most once per TALLY_PUSH_INTERVAL: one push per
    vote to every screen collapsed at 100 votes/s. Phones get no live tally."""
    _coalesced(("tally", poll_id), "TALLY_PUSH_INTERVAL", _emit_tally, poll_id)


_due = set()
_last_sent = {}


def _coalesced(key, setting, emit, *args):
    """Call emit(*args) soon, once for any number of calls within the interval: at
    once if the last one was longer ago, else when the interval is over. Counted
    from the commit: a change rolled back schedules nothing."""
    interval = current_app.config[setting]
    if not interval:
        emit(*args)
        return
    app = current_app._get_current_object()
    after_commit(_schedule, app, key, interval, emit, args)


def _schedule(app, key, interval, emit, args):
    if key in _due:
        return
    _due.add(key)
    delay = max(0.0, _last_sent.get(key, 0.0) + interval - time.monotonic())
    socketio.start_background_task(_emit_later, app, key, delay, emit, args)


def _emit_later(app, key, delay, emit, args):
    socketio.sleep(delay)
    _due.discard(key)  # a change from now on is sent again
    _last_sent[key] = time.monotonic()
    with app.app_context():
        emit(*args)


def _emit_counts(event_id):
    rooms = (f"console:{event_id}", f"projector:{event_id}")
    _emit("counts", event_counts(event_id), *rooms)


def poll_changed(poll):
    """Opened, closed, revealed or reset: phones go to the poll or back."""
    event = poll.event_id
    rooms = (f"event:{event}", f"console:{event}", f"projector:{event}")
    _emit("poll", poll_payload(poll), *rooms)
    tally_changed(poll.id)


def assistant_changed(event_id):
    """The assistant's suggestions changed: the console and the event's host tools
    look whether what they show changed."""
    tables = db.session.scalars(select(Table.id).where(Table.event_id == event_id))
    rooms = [f"console:{event_id}", *(f"host:{table}" for table in tables)]
    _emit("assistant", {"event_id": event_id}, *rooms)


def projector_poll_changed(event):
    payload = projector_poll_payload(event)
    _emit("projector_poll", payload, f"console:{event.id}", f"projector:{event.id}")


def _emit_tally(poll_id):
    poll = db.session.get(Poll, poll_id)
    if poll is None:
        return
    counted = results(poll)
    _emit("tally", counted, f"console:{poll.event_id}")
    if poll.event.projector_poll_id == poll.id:
        _emit("tally", room_tally(poll, counted), f"projector:{poll.event_id}")


def _emit(name, payload, *rooms):
    """Send payload once the unit of work that changed it is committed: the
    payload is built now, from the flushed state, so sending needs no query."""
    after_commit(_send, name, payload, list(rooms))


def _send(name, payload, rooms):
    socketio.emit(name, payload, to=rooms, namespace=NAMESPACE)
