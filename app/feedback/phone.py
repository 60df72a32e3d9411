"""'My contributions': a phone follows its own cards and what the review made of
them, on the phone itself or through its saved personal link."""

from flask import redirect, render_template, session, url_for
from flask_babel import force_locale, get_locale

from app.access import get_participant_by_follow_token, require_participant
from app.authorise import public_route
from app.feedback import bp
from app.network import public_url
from app.services import follow


@bp.route("/me/contributions")
@public_route("participant")
def mine():
    return _page(require_participant(), personal=False)


@bp.route("/me/contributions/link", methods=["POST"])
@public_route("participant")
def save_link():
    """Make the phone's personal link (once; again: the same one)."""
    follow.follow_token(require_participant())
    return redirect(url_for("feedback.mine", _anchor="link"))


@bp.route("/mine/<token>")
@public_route("participant")
def mine_by_link(token):
    """The same list through the saved link: no cookie needed. Without a
    language chosen on this device, in the one the phone used."""
    participant = get_participant_by_follow_token(token)
    if "locale" in session:
        return _page(participant, personal=True)
    with force_locale(participant.locale):
        return _page(participant, personal=True)


def _page(participant, personal):
    token = participant.follow_token
    link = public_url(url_for("feedback.mine_by_link", token=token)) if token else None
    page = render_template(
        "feedback/mine.html",
        participant=participant,
        event=participant.event,
        process=participant.event.process,
        cards=follow.own_contributions(participant, str(get_locale())),
        link=link,
        personal=personal,
    )
    return page, 200, {"Cache-Control": "private, no-store"}
