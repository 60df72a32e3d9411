"""Keeping the assistant's suggestions up to date: a suggestion someone is
looking at keeps its id and label while the cards it names stay alike; a
dismissed pair or dropped theme is never suggested again."""

from sqlalchemy import select

from app.extensions import db
from app.models import Card, DuplicateSuggestion, Theme
from app.models.assistant import MAX_THEME_LABEL

# A new proposal this much like a dropped theme (shared cards / all cards) is
# the same proposal again.
DROPPED_OVERLAP = 0.5


def store_suggestions(event, pairs):
    """Add new pairs as open suggestions, drop open ones no longer found.
    Returns whether the open suggestions changed."""
    known = {
        (s.card_id, s.other_id): s
        for s in db.session.scalars(
            select(DuplicateSuggestion).where(DuplicateSuggestion.event_id == event.id)
        )
    }
    found = {(first, second): score for first, second, score in pairs}
    changed = False
    for key, score in found.items():
        if key in known:
            known[key].score = score
        else:
            db.session.add(
                DuplicateSuggestion(
                    event_id=event.id, card_id=key[0], other_id=key[1], score=score
                )
            )
            changed = True
    for key, suggestion in known.items():
        if suggestion.is_open and key not in found:
            db.session.delete(suggestion)
            changed = True
    db.session.flush()
    return changed


def store_themes(event, proposals_by_scope):
    """Replace the event's proposed themes by the new proposals; a proposal with
    the same cards as one already proposed keeps the one shown."""
    themes = db.session.scalars(select(Theme).where(Theme.event_id == event.id)).all()
    proposed = {_key(t): t for t in themes if t.is_proposed}
    dropped = [_key(t) for t in themes if t.state == "dropped"]
    wanted = {}
    for scope, proposals in proposals_by_scope.items():
        for proposal in proposals:
            key = (scope, frozenset(proposal.ids))
            if not any(_like(key, gone) for gone in dropped):
                wanted[key] = proposal
    changed = False
    for key, theme in proposed.items():
        if key not in wanted:
            db.session.delete(theme)
            changed = True
    for key, proposal in wanted.items():
        if key not in proposed:
            _add_theme(event, key[0], proposal)
            changed = True
    db.session.flush()
    return changed


def _key(theme):
    return (theme.scope, frozenset(card.id for card in theme.cards))


def _like(key, other):
    (scope, cards), (other_scope, other_cards) = key, other
    if scope != other_scope:
        return False
    return len(cards & other_cards) / len(cards | other_cards) >= DROPPED_OVERLAP


def _add_theme(event, scope, proposal):
    cards = db.session.scalars(select(Card).where(Card.id.in_(proposal.ids))).all()
    db.session.add(
        Theme(
            event_id=event.id,
            action_field_id=scope[0],
            table_id=scope[1],
            label=proposal.label[:MAX_THEME_LABEL],
            cards=list(cards),
        )
    )
