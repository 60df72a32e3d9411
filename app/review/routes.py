"""The coordination group's review workspace: every contribution of a process's
events in one list, a decision on each (or once on an idea that groups several),
with who decided what and when."""

import re
from functools import partial
from urllib.parse import parse_qsl, urlencode

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from app.access import (
    get_contribution_for_reviewer,
    get_idea_for_reviewer,
)
from app.authorise import process_route
from app.errors import wants_json
from app.extensions import db
from app.models import DomainError
from app.review import bp
from app.review.entries import entry_context
from app.review.forms import (
    DecisionForm,
    IdeaForm,
    ReviewFilterForm,
    require_valid,
)
from app.services import review
from app.services.review_listing import FILTERS, item_view, review_page
from app.services.review_lookups import load_lookups
from app.templating import language_name

LIST_ARGS = (*FILTERS, "page")
ANCHOR = re.compile(r"^(card|idea)-\d+$")


@bp.route("/processes/<int:process_id>/review")
@process_route("view")
def review_list(process):
    return _render(process, request.args)


def _render(process, args, status=200, **kept):
    """The list as args filter it; kept: what a refused form sent, shown again
    (entry and errors by item, picked cards, idea_title)."""
    lookups = load_lookups(process)
    form = ReviewFilterForm(lookups, args)
    number = args.get("page", 1, type=int)
    view = review_page(process, lookups, form.filters(), number)
    context = entry_context(process, _query(args), **kept)
    return render_template(
        "review/review.html", form=form, view=view, **context
    ), status


def _query(args):
    return urlencode([(k, v) for k, v in args.items(multi=True) if k in LIST_ARGS])


def _list_args(back):
    """The list's filters and page from a form's back field (a query string)."""
    return MultiDict([(k, v) for k, v in parse_qsl(back or "") if k in LIST_ARGS])


def _back_to_list(process, args, anchor=None):
    return redirect(
        url_for("review.review_list", process_id=process.id, _anchor=anchor, **args)
    )


@bp.route("/processes/<int:process_id>/review/cards/<int:card_id>", methods=["POST"])
@process_route("review")
def decide_card(process, card_id):
    card = get_contribution_for_reviewer(process, card_id)
    return _decide(process, "card", card.id, partial(review.decide_card, process, card))


@bp.route("/processes/<int:process_id>/review/ideas/<int:idea_id>", methods=["POST"])
@process_route("review")
def decide_idea(process, idea_id):
    idea = get_idea_for_reviewer(process, idea_id)
    return _decide(process, "idea", idea.id, partial(review.decide_idea, process, idea))


def _decide(process, kind, item_id, record):
    """Record the posted decision; a refused one comes back with what was typed."""
    form = DecisionForm(draft=process.current_draft)
    args, anchor = _list_args(form.back.data), f"{kind}-{item_id}"
    try:
        require_valid(form)
        reviewer = current_user._get_current_object()
        fields = (form.reason.data, form.passed_to.data, form.section.data)
        record(reviewer, form.outcome.data or "", *(value or "" for value in fields))
    except DomainError as error:
        entry, errors = {anchor: request.form}, {anchor: error.message}
        return _refused(process, args, error, entry=entry, errors=errors)
    if wants_json():
        return jsonify(ok=True, **_decided(process, kind, item_id, form.back.data))
    return _back_to_list(process, args, _landing(args, form, anchor))


def _refused(process, args, error, **kept):
    """A refused form: JSON clients get the error, a browser the list again with
    the message, the status and what it sent."""
    if wants_json():
        raise error
    db.session.rollback()
    flash(error.message, "error")
    return _render(process, args, error.status, **kept)


def _landing(args, form, anchor):
    """Back at the card; when the list's review-state filter no longer shows it,
    at the one after it."""
    state = args.get("state")
    if state and state != form.outcome.data and ANCHOR.match(form.following.data or ""):
        return form.following.data
    return anchor


def _decided(process, kind, item_id, back):
    """The item as the list now shows it, and the progress, for review.js."""
    view = item_view(process, load_lookups(process), kind, item_id)
    context = entry_context(process, back)
    item = view.groups[0].items[0]
    html = render_template("review/_item.html", item=item, view=view, **context)
    progress = [
        {"anchor": entry.anchor, "decided": entry.decided, "total": entry.total}
        for entry in view.progress
    ]
    return {"html": html, "progress": progress, "anchor": item.anchor}


@bp.route("/processes/<int:process_id>/review/ideas", methods=["POST"])
@process_route("review")
def group_idea(process):
    form = IdeaForm()
    args = _list_args(form.back.data)
    try:
        require_valid(form)
        picked = form.card.data or []
        cards = [get_contribution_for_reviewer(process, id_) for id_ in picked]
        idea = review.group_idea(process, cards, form.title.data)
    except DomainError as error:
        kept = {"picked": form.card.data or [], "idea_title": form.title.data or ""}
        return _refused(process, args, error, **kept)
    flash(_("The contributions are grouped as one idea: decide it once."))
    return _back_to_list(process, args, f"idea-{idea.id}")


@bp.route(
    "/processes/<int:process_id>/review/ideas/<int:idea_id>/cards/<int:card_id>/out",
    methods=["POST"],
)
@process_route("review")
def remove_from_idea(process, idea_id, card_id):
    idea = get_idea_for_reviewer(process, idea_id)
    card = get_contribution_for_reviewer(process, card_id)
    review.remove_from_idea(idea, card)
    flash(_("The contribution is taken out of the idea; its decisions stay."))
    return _back_to_list(
        process, _list_args(request.form.get("back")), f"card-{card_id}"
    )


@bp.route("/processes/<int:process_id>/review/translations", methods=["POST"])
@process_route("review")
def ask_translations(process):
    review.ask_translations(process)
    language = language_name(process.language)
    flash(_("Translations into %(language)s are asked for.", language=language))
    return _back_to_list(process, _list_args(request.form.get("back")))
