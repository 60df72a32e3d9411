"""One access helper per audience: participants, projectors, interpreters, table
tablets, and the objects inside an event or process an organiser route was
given by its decorator (app/authorise.py)."""

from functools import cache

from flask import abort, request, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from app.authorise import may
from app.extensions import db
from app.models import (
    Ballot,
    BarrierReport,
    Card,
    Category,
    ConceptDraft,
    DomainError,
    Draft,
    DuplicateSuggestion,
    Event,
    EventText,
    Goal,
    Idea,
    Interpreter,
    Invitation,
    Membership,
    Organisation,
    Participant,
    Phase,
    Photo,
    Poll,
    Process,
    ReportDocument,
    Step,
    Table,
    Theme,
)
from app.ratelimit import count_link_guess, refuse_link_guesser


def get_contribution_for_reviewer(process, card_id):
    """A card under the process's review: shown at one of its events. A hidden
    card, or a card of another process, is refused."""
    from app.services.review import contributions  # services reach the live layer

    card = db.session.scalar(contributions(process).where(Card.id == card_id))
    if card is None:
        message = _l("This contribution is not part of this review.")
        raise DomainError(message, status=404)
    return card


def get_idea_for_reviewer(process, idea_id):
    return _owned(Idea, idea_id, process_id=process.id)


def get_goal_for_reviewer(process, goal_id):
    return _owned(Goal, goal_id, process_id=process.id)


def get_membership_for_admin(organisation, membership_id):
    return _owned(Membership, membership_id, organisation_id=organisation.id)


def get_member_of(organisation, organiser_id):
    """A member of the organisation, by account id (from an admin's form)."""
    membership = db.session.scalar(
        select(Membership).where(
            Membership.organisation_id == organisation.id,
            Membership.organiser_id == organiser_id,
        )
    )
    if membership is None:
        abort(404)
    return membership.member


def get_account_for_admin(organisation, membership_id):
    """A member's account, for resetting its password or ending its sessions:
    only an administrator of every organisation it belongs to (or of the
    installation) may, so no admin reaches into another organisation."""
    member = get_membership_for_admin(organisation, membership_id).member
    if current_user.is_site_admin:
        return member
    if not all(may("admin", m.organisation) for m in member.memberships):
        abort(403)
    return member


def get_barrier_report_for_organiser(organisation, report_id):
    return _owned(BarrierReport, report_id, organisation_id=organisation.id)


def get_organisation_by_public_token(token):
    """The organisation whose public accessibility statement this link opens."""
    return _by_secret(select(Organisation).where(Organisation.public_token == token))


def get_invitation_for_admin(organisation, invitation_id):
    return _owned(Invitation, invitation_id, organisation_id=organisation.id)


def get_card_for_moderator(event, card_id):
    return get_of_event(Card, event, card_id)


def get_table_for_moderator(event, table_id):
    return get_of_event(Table, event, table_id)


def get_photo_for_moderator(event, photo_id):
    return get_of_event(Photo, event, photo_id)


def get_participant_for_moderator(event, participant_id):
    return get_of_event(Participant, event, participant_id)


def get_step_for_moderator(event, step_id):
    return get_of_event(Step, event, step_id)


def get_phase_for_moderator(event, phase_id):
    return get_of_event(Phase, event, phase_id)


def get_poll_for_moderator(event, poll_id):
    return get_of_event(Poll, event, poll_id)


def get_ballot_for_moderator(poll, ballot_id):
    return _owned(Ballot, ballot_id, poll_id=poll.id)


def get_category_for_moderator(event, category_id):
    return _category_of(event, category_id)


def _category_of(event, category_id):
    category = db.session.get(Category, category_id)
    if category is None or category.phase.event_id != event.id:
        abort(404)
    return category


def get_of_event(model, event, object_id):
    """A row of model (card, table, photo, address, mail) of the event, else 404."""
    return _owned(model, object_id, event_id=event.id)


def found_by_secret(statement):
    """What a secret link or token names, or None. Wrong ones count against the
    address; one that guessed too often is refused (429), whatever it names."""
    address = request.remote_addr or ""
    refuse_link_guesser(address)
    found = db.session.scalar(statement)
    if found is None:
        count_link_guess(address)
    return found


def _by_secret(statement):
    found = found_by_secret(statement)
    if found is None:
        abort(404)
    return found


def get_event_by_join_token(token):
    return _by_secret(select(Event).where(Event.join_token == token))


def get_table_by_join_token(token):
    """The table a table card's code seats a phone at."""
    return _by_secret(select(Table).where(Table.join_token == token))


def get_event_for_projector(token):
    return _by_secret(select(Event).where(Event.projector_token == token))


def get_process_by_feedback_token(token):
    """The process whose public feedback page this secret link opens."""
    return _by_secret(select(Process).where(Process.feedback_token == token))


def get_report_by_token(token):
    """The report PDF behind the link in a mail too large for an attachment."""
    return _by_secret(select(ReportDocument).where(ReportDocument.token == token))


def current_participant():
    """The participant this phone joined as (session written at join), or None."""
    return _session_holder(Participant, "participant")


def require_participant():
    return _required(current_participant())


def get_participant_by_follow_token(token):
    """The phone whose saved "my contributions" link this is: it works without
    the phone's session, on any device."""
    return _by_secret(select(Participant).where(Participant.follow_token == token))


def get_card_for_participant(participant, card_id):
    """A visible card at the participant's own table: phones see no other."""
    return _owned(Card, card_id, visible=True, table_id=participant.table_id)


# Built once: the statements of the vote path cost more to build than to run.
_POLL = select(Poll).where(Poll.id == bindparam("poll_id"))


def get_poll_for_participant(participant, poll_id):
    """A poll of the phone's own event that has been opened; drafts stay private.
    Its event is the participant's, loaded with it: every vote needs it."""
    poll = db.session.scalar(_POLL, {"poll_id": poll_id})
    if poll is None or poll.event_id != participant.event_id or poll.state == "draft":
        abort(404)
    return poll


def get_event_by_interpreter_token(token):
    return _by_secret(select(Event).where(Event.interpreter_token == token))


def current_interpreter():
    """The interpreter this browser joined as (session written at joining), or None."""
    return _session_holder(Interpreter, "interpreter")


def require_interpreter():
    return _required(current_interpreter())


def get_card_for_interpreter(interpreter, card_id):
    return _owned(Card, card_id, visible=True, event_id=interpreter.event_id)


def get_text_for_interpreter(interpreter, text_id):
    """A text of the interpreter's own event (a poll's or a table's)."""
    return _owned(EventText, text_id, event_id=interpreter.event_id)


def _owned(model, object_id, visible=False, **owner):
    """The object if it belongs where `owner` says (and, visible: a card its table
    sees, not hidden nor waiting for approval), else 404."""
    found = db.session.get(model, object_id)
    if found is None or any(getattr(found, k) != v for k, v in owner.items()):
        abort(404)
    if visible and not found.is_public:
        abort(404)
    return found


def _session_holder(model, key):
    token = session.get(key)
    if not token:
        return None
    return db.session.scalar(_by_token(model), {"token": token})


@cache
def _by_token(model):
    statement = select(model).where(model.token == bindparam("token"))
    if model is Participant:
        # Nearly every phone request reads the participant's event: one round trip.
        statement = statement.options(joinedload(Participant.event))
    return statement


def _required(holder):
    if holder is None:
        abort(401)
    return holder


def require_host(participant):
    """The table this phone hosts; anyone else is refused."""
    if participant.hosts_table_id is None:
        abort(403)
    return participant.hosted_table


def get_card_for_host(participant, card_id):
    """A card of the host's own table: a card of another table is refused."""
    card = get_card_of_own_event(participant, card_id)
    if card.table_id != participant.hosts_table_id:
        abort(403)
    return card


def get_move_target_for_host(participant, table_id, category_id):
    """Where a host may move a card: any table and category of the own event (the
    card's phase is the model's business). Ids from the phone are looked up here."""
    table = _owned(Table, table_id, event_id=participant.event_id)
    return table, _category_of(participant.event, category_id)


def get_suggestion_for_host(participant, suggestion_id, merging=False):
    """A duplicate suggestion with a card at the host's table; merging needs both
    cards there (across tables, the moderator merges)."""
    suggestion = _owned(
        DuplicateSuggestion, suggestion_id, event_id=_assisted(participant.event).id
    )
    tables = {card.table_id for card in suggestion.cards}
    if participant.hosts_table_id not in tables or (merging and len(tables) > 1):
        abort(403)
    return suggestion


def get_theme_for_host(participant, theme_id):
    """A theme of the host's own action field (of the own table without one)."""
    theme = _owned(Theme, theme_id, event_id=_assisted(participant.event).id)
    if theme.scope != participant.hosted_table.theme_scope:
        abort(403)
    return theme


def get_suggestion_for_moderator(event, suggestion_id):
    return _owned(DuplicateSuggestion, suggestion_id, event_id=_assisted(event).id)


def get_theme_for_moderator(event, theme_id):
    return _owned(Theme, theme_id, event_id=_assisted(event).id)


def _assisted(event):
    """The assistant's suggestions exist only while it is on for the event."""
    if not event.assistant:
        abort(404)
    return event


def get_card_of_own_event(participant, card_id):
    card = db.session.get(Card, card_id)
    if card is None or card.event_id != participant.event_id:
        abort(404)
    return card


def get_table_by_host_token(token):
    return _by_secret(select(Table).where(Table.host_token == token))


def get_table_by_tablet_token(token):
    """The table a tablet link writes for; a revoked or renewed link is refused.
    The token travels in every tablet URL: the device keeps no session of it."""
    table = found_by_secret(select(Table).where(Table.tablet_token == token))
    if table is None:
        message = _l("This tablet link no longer works. Please ask the moderator.")
        raise DomainError(message, status=404)
    return table


def require_photographer(participant, table):
    """Who may photograph a table's poster from a phone: for now everyone seated
    at that table. Table hosts will narrow this here, in one place."""
    if table is None or participant.table_id != table.id:
        abort(403)
    return table


def get_photo_for_viewer(file_id):
    """A visible photo for organisers, phones of its event and its projector link."""
    photo = db.session.scalar(select(Photo).where(Photo.file_id == file_id))
    if photo is None or photo.is_removed:
        abort(404)
    if not _may_view_event(photo.event_id):
        abort(404)
    return photo


def get_draft_for_viewer(file_id):
    """The concept draft PDF, for organisers, phones of its event and its projector."""
    draft = db.session.scalar(select(Draft).where(Draft.file_id == file_id))
    if draft is None:
        return _process_draft_for_viewer(file_id)
    if not _may_view_event(draft.event_id):
        abort(404)
    return draft


def _process_draft_for_viewer(file_id):
    """A version of a process's draft, for organisers and for the phones and
    projectors of the events that work on it."""
    query = select(ConceptDraft).where(ConceptDraft.file_id == file_id)
    version = db.first_or_404(query)
    if current_user.is_authenticated and may("view", version.process):
        return version
    users = db.session.scalars(
        select(Event.id).where(Event.concept_draft_id == version.id)
    )
    if not any(_may_view_event(event_id) for event_id in users):
        abort(404)
    return version


def _may_view_event(event_id):
    if current_user.is_authenticated:
        event = db.session.get(Event, event_id)
        if may("view", event) or may("run", event):
            return True
    participant = current_participant()
    if participant is not None and participant.event_id == event_id:
        return True
    token = request.args.get("projector")
    return (
        bool(token)
        and db.session.scalar(select(Event.id).where(Event.projector_token == token))
        == event_id
    )
