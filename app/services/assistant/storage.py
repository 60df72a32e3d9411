"""Keeping the assistant's suggestions up to date with as few writes as the
change needs: a suggestion someone is looking at keeps its id and label while
the cards it names stay alike; a dismissed pair or dropped theme is never
suggested again."""

from sqlalchemy import delete, insert, select

from app.extensions import db
from app.models import DuplicateSuggestion, Theme
from app.models.assistant import MAX_THEME_LABEL, theme_card
from app.unit_of_work import statement_changed

# A new proposal this much like a dropped theme (shared cards / all cards) is
# the same proposal again.
DROPPED_OVERLAP = 0.5


def scope_key(scope):
    """(field id, table id) as the text a JSON object's key can be: "f3", "t7"."""
    field_id, table_id = scope
    return f"f{field_id}" if field_id else f"t{table_id}"


def scope_of_key(key):
    number = int(key[1:])
    return (number, None) if key[0] == "f" else (None, number)


def store_suggestions(event, pairs):
    """Add new pairs as open suggestions, remove open ones no longer found.
    Returns whether the open suggestions changed."""
    known = {
        (row.card_id, row.other_id): row
        for row in db.session.execute(
            select(
                DuplicateSuggestion.id,
                DuplicateSuggestion.card_id,
                DuplicateSuggestion.other_id,
                DuplicateSuggestion.state,
            ).where(DuplicateSuggestion.event_id == event.id)
        )
    }
    found = {(first, second): score for first, second, score in pairs}
    new = [
        {"event_id": event.id, "card_id": k[0], "other_id": k[1], "score": score}
        for k, score in found.items()
        if k not in known
    ]
    gone = [r.id for k, r in known.items() if r.state == "open" and k not in found]
    if new:
        db.session.execute(insert(DuplicateSuggestion).values(state="open"), new)
    if gone:
        db.session.execute(
            delete(DuplicateSuggestion).where(DuplicateSuggestion.id.in_(gone))
        )
    if new or gone:
        statement_changed()
    return bool(new or gone)


def store_themes(event, proposals_by_key):
    """Replace the event's proposed themes by the new proposals; a proposal with
    the same cards as one already proposed keeps the one shown."""
    proposed, dropped = _known_themes(event)
    wanted = {}
    for key, proposals in proposals_by_key.items():
        scope = scope_of_key(key)
        for label, ids in proposals:
            found = (scope, frozenset(ids))
            if not any(_like(found, gone) for gone in dropped):
                wanted[found] = label
    gone = [theme_id for found, theme_id in proposed.items() if found not in wanted]
    if gone:
        db.session.execute(delete(theme_card).where(theme_card.c.theme_id.in_(gone)))
        db.session.execute(delete(Theme).where(Theme.id.in_(gone)))
        statement_changed()
    new = [(found, label) for found, label in wanted.items() if found not in proposed]
    _add_themes(event, new)
    return bool(gone or new)


def _known_themes(event):
    """({(scope, card ids): id} of the proposed themes, [(scope, card ids)] of
    the dropped ones), read as plain rows."""
    rows = db.session.execute(
        select(Theme.id, Theme.action_field_id, Theme.table_id, Theme.state)
        .where(Theme.event_id == event.id, Theme.state.in_(("proposed", "dropped")))
    ).all()  # fmt: skip
    cards = {}
    if rows:
        for theme_id, card_id in db.session.execute(
            select(theme_card.c.theme_id, theme_card.c.card_id).where(
                theme_card.c.theme_id.in_([row.id for row in rows])
            )
        ):
            cards.setdefault(theme_id, set()).add(card_id)
    proposed, dropped = {}, []
    for row in rows:
        found = ((row.action_field_id, row.table_id), frozenset(cards.get(row.id, ())))
        if row.state == "proposed":
            proposed[found] = row.id
        else:
            dropped.append(found)
    return proposed, dropped


def _like(found, other):
    (scope, cards), (other_scope, other_cards) = found, other
    if scope != other_scope or not cards | other_cards:
        return False
    return len(cards & other_cards) / len(cards | other_cards) >= DROPPED_OVERLAP


def _add_themes(event, new):
    themes = [
        Theme(
            event_id=event.id,
            action_field_id=scope[0],
            table_id=scope[1],
            label=label[:MAX_THEME_LABEL],
        )
        for (scope, _ids), label in new
    ]
    db.session.add_all(themes)
    db.session.flush()
    rows = [
        {"theme_id": theme.id, "card_id": card_id}
        for theme, ((_scope, ids), _label) in zip(themes, new, strict=True)
        for card_id in ids
    ]
    if rows:
        db.session.execute(insert(theme_card), rows)
