"""What a host or the moderator does with the assistant's suggestions. The
access helpers already checked who may touch the suggestion, the theme and the
card; nothing here merges or renames by itself."""

import hashlib

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.live import broadcast
from app.models import DomainError, DuplicateSuggestion, Theme
from app.services.cards import move_card
from app.services.hosts import merge_cards, valid_heading
from app.services.spotlight import tell_projector


def dismiss_suggestion(suggestion):
    """Not duplicates: the pair is not suggested again."""
    suggestion.dismiss()
    db.session.flush()
    current_app.logger.info("duplicate suggestion %s dismissed", suggestion.id)
    broadcast.assistant_changed(suggestion.event_id)


def merge_suggestion(suggestion):
    """Merge the pair with the existing merge: the card named more often (else
    the older) stays. A card at another table of the action field first moves
    to the table of the card that stays."""
    keep, other = sorted(suggestion.cards, key=lambda c: (-c.merged_count, c.id))
    suggestion.merged()
    if other.table_id != keep.table_id:
        move_card(other, keep.table, keep.category)
    merge_cards([keep, other], keep)
    _forget_pairs_of(other, suggestion)
    current_app.logger.info("duplicate suggestion %s merged", suggestion.id)
    broadcast.assistant_changed(suggestion.event_id)
    return keep


def _forget_pairs_of(card, done):
    """The merged card's other open suggestions are moot."""
    for found in db.session.scalars(
        select(DuplicateSuggestion).where(
            DuplicateSuggestion.state == "open",
            DuplicateSuggestion.id != done.id,
            (DuplicateSuggestion.card_id == card.id)
            | (DuplicateSuggestion.other_id == card.id),
        )
    ):
        db.session.delete(found)
    db.session.flush()


def accept_theme(theme, label=None):
    """Accept a proposed theme (under its label or a new one): its label becomes
    the heading of its cards, on the hosts' phones, the projector and in the
    report."""
    theme.accept(valid_label(theme.label if label is None else label))
    _head_cards(theme, theme.cards)
    _done(theme, "accepted")


def rename_theme(theme, label):
    if theme.state == "dropped":
        raise DomainError(_l("This theme was dropped."))
    theme.label = valid_label(label)
    if theme.is_accepted:
        _head_cards(theme, theme.cards)
    _done(theme, "renamed")


def drop_theme(theme):
    """Drop a proposal, or an accepted theme: its cards lose its heading. The
    dropped theme keeps its cards, so the same group is not proposed again."""
    was_accepted = theme.is_accepted
    theme.drop()
    if was_accepted:
        for card in theme.cards:
            if card.heading == theme.label:
                _set_heading(card, "")
    _done(theme, "dropped")


def move_to_theme(card, theme):
    """Put a card into another accepted theme of its action field (None: into
    none). Proposals are the assistant's and are worked out anew with every
    comparison; a person's move would not last there, so it is refused."""
    scope = card.table.theme_scope
    if theme is not None and card in theme.cards:
        return  # where it is already
    if theme is not None and theme.scope != scope:
        raise DomainError(_l("A card moves only to a theme of its action field."))
    themes = field_themes(card.table.event, scope)
    leaves_accepted = any(card in t.cards for t in themes if t.is_accepted)
    if not (theme.is_accepted if theme is not None else leaves_accepted):
        raise DomainError(
            _l("Accept the theme first: cards move only between accepted themes.")
        )
    for other in themes:
        if card in other.cards and other is not theme:
            other.cards.remove(card)
            if other.is_accepted and card.heading == other.label:
                _set_heading(card, "")
    if theme is not None and card not in theme.cards:
        theme.cards.append(card)
        if theme.is_accepted:
            _set_heading(card, theme.label)
    db.session.flush()
    current_app.logger.info("card %s moved to theme %s", card.id, theme and theme.id)
    broadcast.assistant_changed(card.event_id)


def valid_label(label):
    """A theme's name becomes its cards' heading: a heading, but never empty."""
    label = valid_heading(label)
    if not label:
        raise DomainError(_l("Please give the theme a name."), status=400)
    return label


def _head_cards(theme, cards):
    for card in cards:
        if card.state in ("visible", "merged"):
            _set_heading(card, theme.label)


def _set_heading(card, heading):
    if card.heading == heading:
        return
    card.heading = heading
    db.session.flush()
    broadcast.card_changed(card)
    event = card.table.event
    if event.spotlight_table_id == card.table_id:
        tell_projector(event)


def _done(theme, what):
    db.session.flush()
    current_app.logger.info("theme %s %s", theme.id, what)
    broadcast.assistant_changed(theme.event_id)


def field_themes(event, scope, states=("proposed", "accepted")):
    """The themes of one action field (scope), accepted ones first."""
    field_id, table_id = scope
    found = db.session.scalars(
        select(Theme).where(
            Theme.event_id == event.id,
            Theme.action_field_id.is_(None)
            if field_id is None
            else Theme.action_field_id == field_id,
            Theme.table_id.is_(None)
            if table_id is None
            else Theme.table_id == table_id,
            Theme.state.in_(states),
        )
    ).all()
    return sorted(found, key=lambda t: (not t.is_accepted, t.label.casefold(), t.id))


def shown_suggestions(event, table=None):
    """Open duplicate suggestions of the event, both cards still shown; with a
    table, those with a card at that table."""
    query = select(DuplicateSuggestion).where(
        DuplicateSuggestion.event_id == event.id, DuplicateSuggestion.state == "open"
    )
    found = db.session.scalars(query.order_by(DuplicateSuggestion.score.desc())).all()
    found = [s for s in found if all(c.state == "visible" for c in s.cards)]
    if table is not None:
        found = [s for s in found if table.id in (s.card.table_id, s.other.table_id)]
    return found


def act_on_theme(theme, action, label=None):
    """accept (under `label` if given), rename to `label`, or drop."""
    if action == "accept":
        accept_theme(theme, label or None)
    elif action == "rename":
        rename_theme(theme, label)
    else:
        drop_theme(theme)


def assistant_view(event, table=None):
    """What the host tools (of `table`) or the moderator see of the assistant:
    None while it is off."""
    if not event.assistant:
        return None
    scopes = [table.theme_scope] if table else _scopes(event)
    themes = {scope: field_themes(event, scope) for scope in scopes}
    return {
        "suggestions": shown_suggestions(event, table),
        "themes": themes,
    }


def _scopes(event):
    return list(dict.fromkeys(table.theme_scope for table in event.tables))


def assistant_digest(view):
    """A short digest of what the view shows, for pages to compare after a push."""
    if view is None:
        return ""
    shown = (
        [s.id for s in view["suggestions"]],
        [
            (t.id, t.label, t.state, [c.id for c in t.cards])
            for found in view["themes"].values()
            for t in found
        ],
    )
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:16]
