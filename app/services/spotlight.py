"""The projector's table spotlight: one table's cards and poster photos, large.

The plenary (services/plenary.py) steps through the tables with it; while a
plenary step runs, a table shows the cards its host marked to present."""

from flask import current_app, url_for

from app.extensions import db
from app.live import broadcast
from app.live.payloads import card_payload, photo_payload
from app.services import translation_requests
from app.services.tables import visible_cards, visible_photos
from app.services.text_views import topic_payload


def spotlight_table(event, table):
    """Show table on the projector; None shows the join view again."""
    event.spotlight(table)
    if table is not None:
        translation_requests.for_projector(event, visible_cards(table.id))
    db.session.flush()
    current_app.logger.info(
        "event %s: spotlight on table %s", event.id, table and table.id
    )
    tell_projector(event)
    translation_requests.hand_over()


def note_projector_language(event, language):
    """The projector was opened in language: from now on the event's texts and
    the cards of spotlighted tables are asked for in it too."""
    if language in (event.language, event.projector_language):
        return
    event.projector_language = language
    translation_requests.for_languages(event, {language})
    if event.spotlight_table is not None:
        cards = visible_cards(event.spotlight_table.id)
        translation_requests.for_projector(event, cards)
    db.session.flush()
    current_app.logger.info("event %s: projector in %s", event.id, language)
    translation_requests.hand_over()


def tell_projector(event):
    broadcast.spotlight_changed(event, spotlight_payload(event))
    broadcast.projector_poll_changed(event)


def spotlight_payload(event):
    """What the projector shows of the spotlight table, or {"table": None} (with
    "feedback": the page of the process's earlier ideas, when it shows those)."""
    table = event.spotlight_table
    if table is None:
        return _no_table(event)
    return {
        "table": {
            "id": table.id,
            "number": table.number,
            "topic": table.topic,
            "topic_texts": topic_payload(table),
            "colour": table.display_colour,
        },
        "cards": [card_payload(card) for card in cards_to_show(event, table)],
        "photos": [photo_payload(photo) for photo in visible_photos(table.id)],
        "presenting": presenting(event),
        "focus": event.spotlight_card_id,
    }


def _no_table(event):
    if not event.projector_feedback:
        return {"table": None}
    return {
        "table": None,
        "feedback": url_for("feedback.projector", token=event.projector_token),
    }


def presenting(event):
    step = event.current_step
    return step is not None and step.kind == "plenary"


def cards_to_show(event, table):
    """In a plenary: the cards marked to present (of the plenary's phase), in
    their order, when the host marked any; otherwise every visible card, those
    under one heading (a host's group, an accepted theme) together."""
    cards = visible_cards(table.id)
    if not presenting(event):
        return cards
    phase_id = event.current_step.phase_id
    marked = [
        c
        for c in cards
        if c.present_position is not None and phase_id in (None, c.phase_id)
    ]
    return sorted(marked, key=lambda c: c.present_position) or sorted(
        cards, key=lambda c: (not c.heading, c.heading.casefold())
    )
