"""Every page of every audience, for tests/test_accessibility.py: which profile
opens it and its path, written with the names of the world's tokens and ids; the
routes that are no pages; and what the world needs beyond tests/hostile_world.py
(a draft poll, a password reset link, an invitation)."""

from sqlalchemy import select

from app.extensions import db
from app.models import Event, Organiser, Poll
from app.services import invitations, password_resets, spotlight
from app.services.assistant import refresh_event, switch_assistant
from app.services.voting import polls
from tests.hostile_world import KINDS

EVENT = "/events/{event}"
PROCESS = "/processes/{process}"
ORGANISATION = "/organisations/{organisation}"

# name: (profile, path). The profiles: organiser (logged in), phone (seated at
# table 1), host (table 1's host), interpreter, anyone (a fresh phone) and
# projector (1920x1080, in the language of its ?lang=).
PAGES = {
    "index": ("organiser", "/"),
    "login": ("anyone", "/login"),
    "forgot": ("anyone", "/forgot"),
    "reset": ("anyone", "/reset/{reset}"),
    "invitation": ("anyone", "/invitations/{invitation}"),
    "account": ("organiser", "/account"),
    "account-password": ("organiser", "/account/password"),
    "account-two-factor": ("organiser", "/account/two-factor"),
    "not-found": ("organiser", "/events/999999"),
    "event-new": ("organiser", "/events/new"),
    "event": ("organiser", EVENT),
    "programme": ("organiser", EVENT + "/programme"),
    "table": ("organiser", EVENT + "/tables/{table_id}"),
    "console": ("organiser", EVENT + "/console"),
    "enter-card": ("organiser", EVENT + "/cards/enter"),
    "tablets": ("organiser", EVENT + "/tablets"),
    "report": ("organiser", EVENT + "/report"),
    "assistant": ("organiser", EVENT + "/assistant"),
    "mailing": ("organiser", EVENT + "/mailing"),
    "polls": ("organiser", EVENT + "/polls"),
    "poll-new": ("organiser", EVENT + "/polls/new/single"),
    "poll-draft": ("organiser", EVENT + "/polls/{poll_draft}"),
    "poll-draft-edit": ("organiser", EVENT + "/polls/{poll_draft}/edit"),
    # The words cloud is open, the other kinds closed with their results.
    **{
        f"poll-{kind}": ("organiser", EVENT + f"/polls/{{poll_{kind}}}")
        for kind in KINDS
    },
    "processes": ("organiser", "/processes"),
    "process-new": ("organiser", "/processes/new"),
    "process": ("organiser", PROCESS),
    "process-edit": ("organiser", PROCESS + "/edit"),
    "review": ("organiser", PROCESS + "/review"),
    "goals": ("organiser", PROCESS + "/goals"),
    "feedback-link": ("organiser", PROCESS + "/feedback-link"),
    "organisations": ("organiser", "/organisations"),
    "organisation": ("organiser", ORGANISATION),
    "organisation-audit": ("organiser", ORGANISATION + "/audit"),
    "organisation-mail": ("organiser", ORGANISATION + "/mail"),
    "join-event": ("anyone", "/j/{join}"),
    "join-table": ("anyone", "/t/{table}"),
    "phone-table": ("phone", "/me"),
    "phone-change-table": ("phone", "/me/table"),
    **{f"phone-poll-{kind}": ("phone", f"/me/polls/{{poll_{kind}}}") for kind in KINDS},
    "phone-gallery": ("phone", "/me/gallery"),
    "phone-contributions": ("phone", "/me/contributions"),
    "phone-draft": ("phone", "/me/draft"),
    "phone-mine-by-link": ("anyone", "/mine/{follow}"),
    "mail-forget": ("anyone", "/mail/forget/a-link-from-a-mail"),
    "host-join": ("anyone", "/h/{host_token}"),
    "host": ("host", "/me/host"),
    "host-merge": ("host", "/me/host/merge"),
    "interpreter-code": ("anyone", "/interpret"),
    "interpreter-join": ("anyone", "/i/{interpreter_token}"),
    "interpreter-queue": ("interpreter", "/interpret/queue"),
    "tablet": ("anyone", "/tablet/{tablet}"),
    "feedback": ("anyone", "/f/{feedback}"),
    "feedback-field": ("anyone", "/f/{feedback}/1"),
    "projector-join": ("projector", "/projector/{projector}"),
    "projector-table": ("projector", "/projector/{projector}"),
    "projector-poll-open": ("projector", "/projector/{projector}"),
    "projector-poll-results": ("projector", "/projector/{projector}"),
    "projector-feedback": ("projector", "/projector/{projector}/feedback"),
    "accessibility": ("anyone", "/accessibility"),
    "statement": ("anyone", "/accessibility/{statement}"),
    "statement-edit": ("organiser", ORGANISATION + "/accessibility"),
    "statement-reports": ("organiser", ORGANISATION + "/accessibility/reports"),
    "easy-read": ("anyone", "/easy-read"),
    # Last of the phone's pages: the switch keeps simple mode on for the profile.
    "phone-table-simple": ("phone", "/simple?on=1&next=/me"),
}

# GET routes that are no page, or no page of their own (endpoint: why).
NOT_PAGES = {
    "static": "files",
    "icon": "the favicons",
    "participation.set_language": "redirects back (how this test switches)",
    "voting.redeem_link": "redirects to the join page or /me",
    "auth.setup": "only before the first account; then redirects to /login",
    "auth.login_code": "during a two-factor sign-in only (tests/test_two_factor.py)",
    "auth.login_enrol": "during a two-factor sign-in; auth/enrol.html as two-factor",
    "moderation.state": "JSON",
    "mailing.status": "JSON",
    "interpretation.queue_json": "JSON",
    "hosts.tools_version": "JSON",
    "moderation.assistant_version": "JSON",
    "voting.phone_poll_state": "JSON",
    "voting.projector_poll": "JSON",
    "voting.poll_results": "JSON",
    "photos.event_gallery": "JSON",
    "photos.phone_gallery": "JSON",
    "participation.me_state": "JSON",
    "tablets.state": "JSON",
    "organiser.event_qr": "SVG",
    "organiser.interpreter_qr": "SVG",
    "photos.photo_file": "JPEG",
    "voting.poll_results_csv": "CSV",
    "reports.export": "download",
    "process_reports.export": "download",
    "programme.draft_file": "PDF",
    "programme.host_cards": "PDF",
    "organiser.table_cards": "PDF",
    "reports.report_pdf": "PDF",
    "voting.voting_codes_pdf": "PDF",
    "processes.draft_pdf": "PDF",
    "process_reports.report_pdf": "PDF",
    "mailing.download": "PDF",
}


def page_endpoints(app):
    """The endpoints PAGES visits (every path written with 1 for each name)."""
    adapter = app.url_map.bind("localhost")
    found = set()
    for _profile, path in PAGES.values():
        try:
            endpoint, _args = adapter.match(
                path.format_map(Ones()).split("?")[0], method="GET"
            )
        except Exception:  # noqa: BLE001 - the error pages match no route
            continue
        found.add(endpoint)
    return found


class Ones(dict):
    def __missing__(self, key):
        return "1"


def complete(world, database):
    """The names PAGES uses, with what hostile_world.build left out."""
    with database.test_request_context():
        event = db.session.get(Event, world["event"])
        owner = db.session.scalar(select(Organiser).order_by(Organiser.id))
        draft = polls.create_poll(event, _draft_values())
        reset = password_resets.issue(owner, "admin")
        _invitation, link = invitations.invite(
            event.organisation, "organiser", "neu2@example.org", owner
        )
        switch_assistant(event, True)
        refresh_event(event)
        names = {
            "poll_draft": draft.id,
            "reset": reset,
            "invitation": link.rsplit("/", 1)[1],
            "host_token": event.tables[0].host_token,
            "statement": event.organisation.public_token,
            "interpreter_token": event.interpreter_token,
            "table": world["tables"][0],
            "table_id": world["table_ids"][0],
            **{f"poll_{kind}": world["polls"][kind] for kind in KINDS},
        }
        db.session.commit()
    return world | names


def _draft_values():
    return {
        "question": "Wie gut kennen Sie die Angebote?",
        "kind": "single",
        "visibility": "live",
        "options": "Gut\nEtwas\nGar nicht",
        "scale_labels": "",
        "card_source": "marked",
        "max_choices": 2,
        "scale_min": 1,
        "scale_max": 5,
    }


def project(world, database, page_name):
    """Put on the projector what a projector page is named for."""
    with database.test_request_context():
        event = db.session.get(Event, world["event"])
        if page_name == "projector-join":
            spotlight.spotlight_table(event, None)
        elif page_name == "projector-table":
            spotlight.spotlight_table(event, event.tables[0])
        elif page_name.startswith("projector-poll"):
            kind = "words" if page_name.endswith("open") else "single"
            polls.show_on_projector(event, db.session.get(Poll, world["polls"][kind]))
        db.session.commit()
