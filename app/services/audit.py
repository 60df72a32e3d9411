"""The audit log of an organisation: who created, opened, closed or deleted an
event, hid or moved a card, started a mailing, deleted personal data or changed
a member. An entry is written in the same transaction as what it records."""

from flask import has_request_context
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry

ACTIONS = {
    "event_created": _l("Event created"),
    "event_changed": _l("Event changed"),
    "event_opened": _l("Event opened"),
    "event_closed": _l("Event closed"),
    "process_created": _l("Process created"),
    "card_hidden": _l("Card hidden"),
    "card_shown": _l("Card shown again"),
    "card_moved": _l("Card moved"),
    "mailing_started": _l("Mailing started"),
    "personal_data_deleted": _l("Personal data deleted"),
    "member_added": _l("Member added"),
    "member_role_changed": _l("Role changed"),
    "member_removed": _l("Member removed"),
    "member_invited": _l("Member invited"),
    "invitation_withdrawn": _l("Invitation withdrawn"),
    "assigned": _l("Assigned"),
    "unassigned": _l("Assignment ended"),
    "two_factor_required": _l("Two-factor sign-in required"),
    "two_factor_optional": _l("Two-factor sign-in optional"),
    "mail_settings_changed": _l("Mail server changed"),
    "password_reset_issued": _l("Password reset link issued"),
    "signed_out_everywhere": _l("Signed out everywhere"),
    "accessibility_statement_changed": _l("Accessibility statement changed"),
    "barrier_report_handled": _l("Reported barrier handled"),
    "assistant_on": _l("Assistant switched on"),
    "assistant_off": _l("Assistant switched off"),
}


def record(organisation, actor, action, subject=""):
    """Add an entry; actor None means the signed-in account (or nobody, for a
    phone or a background job)."""
    if action not in ACTIONS:
        raise ValueError(action)
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    db.session.add(
        AuditEntry(
            organisation_id=organisation.id,
            actor_id=actor.id if actor else None,
            actor_name=actor.name if actor else "",
            action=action,
            subject=subject[:2000],
        )
    )


def record_for_event(event, action, subject=None, actor=None):
    """An entry about an event (or something in it), in its organisation."""
    record(event.organisation, actor, action, subject or event.title)


def record_for_card(card, action):
    """An entry about a card: where it is, not what it says."""
    event = card.table.event
    subject = f"{event.title}: #{card.id}, table {card.table.number}"
    record(event.organisation, None, action, subject)


def entries(organisation, limit=500):
    """The newest entries first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.organisation_id == organisation.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return db.session.scalars(query).all()


def action_label(action):
    return ACTIONS.get(action, action)
