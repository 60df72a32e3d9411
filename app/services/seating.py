"""Who sits where: mixed tables assigned automatically, re-seating by action field,
the moderator moving people. Hosts stay at the table they host; a host seated
elsewhere no longer hosts (the Participant model sees to that)."""

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.live import broadcast
from app.models import DomainError, Participant
from app.services.stats import seat_counts


def balanced_targets(capacities, start, count):
    """How many more people each table gets: always to the emptiest table that has
    a free seat, so sizes end up as even as the capacities allow."""
    levels = list(start)
    for _round in range(count):
        free = [i for i, cap in enumerate(capacities) if levels[i] < cap]
        if not free:
            break
        emptiest = min(free, key=lambda i: (levels[i], i))
        levels[emptiest] += 1
    return [level - before for level, before in zip(levels, start, strict=True)]


def mixed_assignment(people, capacities, start=None):
    """Deal people out to tables like cards: {person: table index}, None when every
    seat is taken.

    people: [(person, previous table or None)]. People who sat together come one
    after another in the deal, and the deal goes round the tables, so they land at
    different tables; targets from balanced_targets keep within capacity."""
    start = start or [0] * len(capacities)
    targets = balanced_targets(capacities, start, len(people))
    order = _grouped(people)
    result, table = {}, -1
    for person in order:
        if not any(targets):
            result[person] = None
            continue
        table = next(
            i % len(targets)
            for i in range(table + 1, table + 1 + len(targets))
            if targets[i % len(targets)]
        )
        targets[table] -= 1
        result[person] = table
    return result


def _grouped(people):
    groups = {}
    for person, previous in people:
        key = previous if previous is not None else ("alone", person)
        groups.setdefault(key, []).append(person)
    ordered = sorted(groups.values(), key=len, reverse=True)
    return [person for group in ordered for person in group]


def seat_for_phase(event, phase):
    """Seat everyone as a phase wants when it starts for the first time; returns
    True when seats changed (the caller commits and tells the phones)."""
    before = _previous_phase(event, phase)
    if phase.seating == "mixed":
        _seat_mixed(event)
    elif phase.seating == "action_field" and before and before.seating == "mixed":
        _release_seats(event)
    else:
        return False
    current_app.logger.info("event %s re-seated for phase %s", event.id, phase.id)
    return True


def _previous_phase(event, phase):
    earlier = [p for p in event.phases if p.position < phase.position]
    return earlier[-1] if earlier else None


def _participants(event):
    return db.session.scalars(
        select(Participant)
        .where(Participant.event_id == event.id)
        .order_by(Participant.id)
    ).all()


def _seat_mixed(event):
    event.seating_round += 1
    tables = list(event.tables)
    everyone = _participants(event)
    hosts = [p for p in everyone if p.hosts_table_id]
    for host in hosts:
        host.table_id = host.hosts_table_id
    start = [sum(h.table_id == t.id for h in hosts) for t in tables]
    people = [(p, p.table_id) for p in everyone if not p.hosts_table_id]
    seats = mixed_assignment(people, [t.capacity for t in tables], start)
    for person, index in seats.items():
        person.table = tables[index] if index is not None else None
        person.seated_round = event.seating_round


def _release_seats(event):
    """Everyone but the hosts chooses an action-field table again."""
    event.seating_round += 1
    for person in _participants(event):
        if not person.hosts_table_id:
            person.table = None
            person.seated_round = event.seating_round


def assigns_tables(event):
    """True while the running phase seats people itself (mixed tables)."""
    phase = event.running_phase
    return phase is not None and phase.seating == "mixed"


def emptiest_table(event):
    """Where a late joiner of a mixed phase goes: the emptiest table with a seat."""
    seats = seat_counts(event.id)
    free = [t for t in event.tables if seats.get(t.id, 0) < t.capacity]
    if not free:
        raise DomainError(_l("All tables are full. Please ask the moderator."))
    return min(free, key=lambda t: (seats.get(t.id, 0) / t.capacity, t.number))


def require_free_seat(table):
    """Refuse a full table, naming a table that still has room."""
    seats = seat_counts(table.event_id)
    if seats.get(table.id, 0) < table.capacity:
        return
    free = [t for t in table.event.tables if seats.get(t.id, 0) < t.capacity]
    same_field = [t for t in free if t.action_field_id == table.action_field_id]
    suggestion = (same_field or free or [None])[0]
    # Plain gettext: a lazy string counts as markup, so the table's name in it
    # would reach the page unescaped.
    if suggestion is None:
        message = _(
            "Table %(number)s is full, and so are all other tables. "
            "Please ask the moderator.",
            number=table.number,
        )
    else:
        message = _(
            "Table %(number)s is full. "
            "Table %(other)s (%(topic)s) still has free seats.",
            number=table.number,
            other=suggestion.number,
            topic=suggestion.topic,
        )
    raise DomainError(message)


def move_participant(event, participant, table):
    """The moderator seats someone at another table (capacity still holds)."""
    event.require_open()
    if table is not None and table.id != participant.table_id:
        require_free_seat(table)
    before, hosted = participant.table_id, participant.hosts_table_id
    participant.table = table  # a host who leaves the table no longer hosts it
    participant.seated_round = event.seating_round
    db.session.flush()
    current_app.logger.info("participant %s moved to table %s", participant.id, table)
    broadcast.seats_changed(event, [before, table.id if table else None])
    broadcast.host_left(participant, hosted)


def seating_plan(event):
    """[(table, [participants])] and the participants without a seat."""
    everyone = _participants(event)
    plan = [(t, [p for p in everyone if p.table_id == t.id]) for t in event.tables]
    return plan, [p for p in everyone if p.table_id is None]
