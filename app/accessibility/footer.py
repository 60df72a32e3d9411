"""The footer's link to the accessibility statement of the page's
organisation: an event's, a process's or an organisation's own, or the
organisation of the event a phone joined; elsewhere the general page."""

from flask import session, url_for
from jinja2 import pass_context

from app.access import current_participant
from app.accessibility import bp
from app.models import Organisation


def _organisation_of(context):
    organisation = context.get("statement_organisation") or context.get("organisation")
    if isinstance(organisation, Organisation):
        return organisation
    for name in ("event", "process"):
        owner = getattr(context.get(name), "organisation", None)
        if isinstance(owner, Organisation):
            return owner
    if "participant" in session and (participant := current_participant()):
        return participant.event.organisation
    return None


@bp.app_template_global()
@pass_context
def statement_url(context):
    page = context.get("current_path", "")
    organisation = _organisation_of(context)
    if organisation is None:
        return url_for("accessibility.general", page=page)
    token = organisation.public_token
    return url_for("accessibility.statement", token=token, page=page)
