"""At a later event of a process: what became of the ideas of the events that
started before it, for its projector and its report. Nothing for an event
without a process, or before any of those ideas was decided."""

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, ReviewDecision
from app.services.feedback import field_feedback, with_texts
from app.services.spotlight import tell_projector


def has_earlier_ideas(event):
    """Whether decisions were taken on contributions of the process's events
    that started before this one: only then is there something to present."""
    if event.process_id is None:
        return False
    query = (
        select(ReviewDecision.id)
        .join(Card, ReviewDecision.card_id == Card.id)
        .join(Event, Card.event_id == Event.id)
        .where(
            ReviewDecision.process_id == event.process_id,
            ReviewDecision.current,
            Event.process_id == event.process_id,
            Event.starts_at < event.starts_at,
        )
        .limit(1)
    )
    return db.session.scalar(query) is not None


def earlier_feedback(event, language):
    """What became of the earlier events' ideas, for this event's projector and
    report: the fields with a decided entry, each entry with its texts."""
    if not has_earlier_ideas(event):
        return []
    fields = field_feedback(event.process, language, before=event)
    shown = [f for f in fields if f.decided]
    with_texts([entry for f in shown for entry in f.decided], language)
    return shown


def project_feedback(event):
    """The projector shows what became of the earlier events' ideas."""
    event.project_feedback()
    db.session.flush()
    current_app.logger.info("event %s: projector shows the earlier ideas", event.id)
    tell_projector(event)
