"""Renewing an event's secret links from its page, when one got into the wrong
hands. Table tablets renew theirs on their own page (app/tablets)."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.access import get_table_for_moderator
from app.authorise import event_route
from app.errors import ask_first
from app.organiser import bp
from app.services import links

# Each link of the event: how it is renewed, what is asked first, what is said after.
EVENT_LINKS = {
    "join": (
        links.renew_join_links,
        _l(
            "Renew the join links? The event's QR code and the printed table cards "
            "stop working; phones that joined keep their seats."
        ),
        _l("New join links are ready. Please print the table cards again."),
    ),
    "projector": (
        links.renew_projector_link,
        _l("Renew the projector link? A screen with the old link goes blank."),
        _l("New projector link is ready. Open it on the projector."),
    ),
    "interpreter": (
        links.renew_interpreter_link,
        _l(
            "Renew the interpreter link and code? Interpreters who joined stop and "
            "join again with the new one."
        ),
        _l("New interpreter link and code are ready."),
    ),
}


@bp.route(
    "/events/<int:event_id>/links/<any(join, projector, interpreter):link>/renew",
    methods=["POST"],
)
@event_route("run")
def renew_link(event, link):
    renew, question, done = EVENT_LINKS[link]
    ask_first(question)
    renew(event)
    flash(str(done))
    return _back(event)


@bp.route(
    "/events/<int:event_id>/tables/<int:table_id>/host-link/renew", methods=["POST"]
)
@event_route("run")
def renew_host_link(event, table_id):
    table = get_table_for_moderator(event, table_id)
    ask_first(
        _(
            "Renew the host card of table %(number)s? The printed card stops working "
            "and whoever hosts the table stops hosting.",
            number=table.number,
        )
    )
    links.renew_host_link(table)
    flash(
        _(
            "New host card for table %(number)s is ready. Please print it again.",
            number=table.number,
        )
    )
    return _back(event)


def _back(event):
    return redirect(url_for("organiser.event", event_id=event.id, _anchor="links"))
