"""A first summary of an action field for the report's introduction: its themes
with the cards the room named, praised or dotted most, in the event language.
Only a draft: the organiser edits it before it goes anywhere."""

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.models import DomainError, Poll
from app.models.report import MAX_REPORT_TEXT
from app.services.assistant.actions import field_themes
from app.services.report import report_text, save_report_text
from app.services.voting.results import results

MAX_THEMES = 6
CARDS_PER_THEME = 2


def draft_summary(event, scope, title):
    """The summary as plain text (empty when the field has no theme yet): the
    accepted themes, else the proposed ones, the most backed first."""
    themes = field_themes(event, scope, ("accepted",)) or field_themes(event, scope)
    dots = dots_per_card(event)
    ranked = sorted(
        ((sum(_weight(c, dots) for c in _shown(t)), t) for t in themes if _shown(t)),
        key=lambda pair: -pair[0],
    )
    if not ranked:
        return ""
    with force_locale(event.language):
        lines = [title]
        for _total, theme in ranked[:MAX_THEMES]:
            cards = sorted(_shown(theme), key=lambda c: (-_weight(c, dots), c.id))
            quoted = "; ".join(_quote(c, dots, event.language) for c in cards[:2])
            lines.append(f"• {theme.label}: {quoted}")
    return "\n".join(lines)


def event_summary(event):
    """The drafts of every action field (a table without one: its own), in the
    event language, separated by empty lines."""
    drafts = (draft_summary(event, s, t) for s, t in scope_titles(event).items())
    return "\n\n".join(draft for draft in drafts if draft)


def add_summary_to_introduction(event):
    """Append the draft summary to the report's introduction in the event
    language, where the organiser edits it before anything is sent."""
    draft = event_summary(event)
    if not draft:
        raise DomainError(_l("The assistant has no themes to summarise yet."))
    texts = report_text(event, event.language)
    if draft in (texts.introduction or ""):  # a second click: it is there already
        return
    introduction = "\n\n".join(t for t in (texts.introduction, draft) if t)
    if len(introduction) > MAX_REPORT_TEXT:
        raise DomainError(_l("The introduction would be too long with the summary."))
    save_report_text(event, event.language, introduction, texts.closing)


def scope_titles(event):
    """{scope: title}: the action fields' names, "Table n" for a table without."""
    titles = {}
    for table in event.tables:
        field = table.action_field
        with force_locale(event.language):
            title = field.name if field else _("Table %(number)s", number=table.number)
        titles.setdefault(table.theme_scope, title)
    return titles


def dots_per_card(event):
    """{card id: dots} over the event's dot votes."""
    dots = {}
    polls = db.session.scalars(
        select(Poll).where(Poll.event_id == event.id, Poll.kind == "dots")
    )
    for poll in polls:
        for option in results(poll, public=True).get("options", []):
            if option.get("card_id"):
                dots[option["card_id"]] = (
                    dots.get(option["card_id"], 0) + option["dots"]
                )
    return dots


def _shown(theme):
    return [card for card in theme.cards if card.state == "visible"]


def _weight(card, dots):
    return 1 + card.merged_count + card.praise_count + dots.get(card.id, 0)


def _quote(card, dots, language):
    view = card.view_in(language)
    backing = [
        ngettext("named %(num)s times", "named %(num)s times", card.merged_count + 1)
        if card.merged_count
        else "",
        ngettext("%(num)s praise", "%(num)s praises", card.praise_count)
        if card.praise_count
        else "",
        ngettext("%(num)s dot", "%(num)s dots", dots.get(card.id, 0))
        if dots.get(card.id)
        else "",
    ]
    said = ", ".join(b for b in backing if b)
    return f'"{view.text}" ({said})' if said else f'"{view.text}"'
