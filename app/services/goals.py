"""The goals register of a process: goals the review adopted from goal proposals
(or that the coordination group adds by hand), with their SMART fields and their
status over time (Laatzen's evaluation every two years)."""

from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.formats import CATALOGUES
from app.models import Card, Category, DomainError, Goal, ReviewDecision
from app.services.review import contributions, current_decisions, is_current
from app.services.review_lookups import field_label

# The category of goal proposals (app/formats.py) and the outcomes that adopt one.
GOAL_CATEGORY = "goal"
ADOPTING = ("adopted", "new_idea")
SMART_GOAL_FIELDS = ("indicator", "target_value", "actor", "deadline", "resources")
GOAL_FIELDS = ("text", "action_field", *SMART_GOAL_FIELDS)
# How people write a deadline on a card: 2028-12-31, 31.12.2028, 31/12/2028.
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y")


def action_fields(process):
    """The process's action fields: (the name its events store, the name in the
    reader's language)."""
    if process.catalogue in CATALOGUES:
        names = CATALOGUES[process.catalogue][1]
    else:
        names = process.custom_field_names()
    return [(name, field_label(process, name)) for name in names]


def parse_deadline(text):
    """A card's deadline as a date when it is one, else None ("Ende 2028")."""
    text = (text or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def is_goal_proposal(card):
    return card.category.key == GOAL_CATEGORY


def may_become_goal(decision):
    """A goal proposal the review adopted can go into the goals register."""
    return decision is not None and decision.outcome in ADOPTING


def goal_from_card(process, card):
    """Take an adopted goal proposal into the register, pre-filled from the card:
    its text as shown, its table's action field and its SMART details."""
    _require_adopted(process, card)
    if db.session.scalar(select(Goal.id).where(Goal.card_id == card.id)):
        raise DomainError(_l("This goal proposal is already in the goals register."))
    field = card.table.action_field
    goal = Goal(
        process=process,
        card_id=card.id,
        text=card.shown_text,
        action_field=field.name if field else card.table.topic,
        indicator=card.indicator,
        actor=card.actor[:200],
        deadline=parse_deadline(card.deadline),
        resources=card.resources,
    )
    return _stored(goal, f"taken from card {card.id}")


def _require_adopted(process, card):
    if not is_goal_proposal(card):
        raise DomainError(_l("Only goal proposals can go into the goals register."))
    if not may_become_goal(current_decisions(process, [card.id]).get(card.id)):
        raise DomainError(
            _l("Only a goal proposal the review adopted can go into the register.")
        )


def add_goal(process, fields):
    """A goal written by hand; fields: GOAL_FIELDS (deadline a date or None)."""
    goal = Goal(process=process, text="")
    _apply(goal, fields)
    return _stored(goal, "added by hand")


def update_goal(goal, fields):
    """Change a goal's text, action field and SMART fields."""
    _apply(goal, fields)
    db.session.flush()
    current_app.logger.info("goal %s updated", goal.id)
    return goal


def _apply(goal, fields):
    text = (fields.get("text") or "").strip()
    if not text:
        raise DomainError(_l("Please describe the goal."), status=400)
    goal.text = text
    for name in ("action_field", *SMART_GOAL_FIELDS):
        value = fields.get(name)
        setattr(goal, name, value.strip() if isinstance(value, str) else value)


def _stored(goal, how):
    db.session.add(goal)
    db.session.flush()
    current_app.logger.info("process %s: goal %s %s", goal.process_id, goal.id, how)
    return goal


def record_status(goal, state, on, note, by):
    """A dated status update (not started, under way, reached, dropped)."""
    update = goal.record(state, on, note or "", by)
    db.session.flush()
    current_app.logger.info("goal %s: %s on %s", goal.id, state, on)
    return update


def adoptable_proposals(process):
    """Adopted goal proposals of the process not in the register yet."""
    taken = select(Goal.card_id).where(Goal.card_id.is_not(None))
    query = (
        contributions(process)
        .join(Category, Card.category_id == Category.id)
        .join(ReviewDecision, ReviewDecision.card_id == Card.id)
        .where(
            Category.key == GOAL_CATEGORY,
            is_current(),
            ReviewDecision.outcome.in_(ADOPTING),
            Card.id.not_in(taken),
        )
        .order_by(Card.id)
    )
    return db.session.scalars(query).all()
