"""The public feedback page of a process: a secret link, no account, in the
reader's language. An overview of the action fields and the goals; each field
lists its proposals in pages, so a phone loads little."""

from math import ceil

from flask import abort, current_app, redirect, render_template, request, session
from flask_babel import get_locale

from app.access import get_process_by_feedback_token
from app.authorise import public_route
from app.feedback import bp
from app.services import earlier_ideas, feedback

PAGE_SIZE = 40


@bp.route("/f/<token>")
@public_route("feedback")
def page(token):
    process = get_process_by_feedback_token(token)
    if request.args.get("lang"):
        return _in_language(request.args["lang"])
    fields = feedback.field_feedback(process, str(get_locale()))
    return render_template(
        "feedback/page.html",
        process=process,
        fields=fields,
        overall=feedback.overall(fields),
        goals=feedback.public_goals(process),
        field_names={f.name: f.view for f in fields},
    )


def _in_language(code):
    """A link from a mail opens the page in the mail's language (as the
    language chooser would), then shows it under its plain address."""
    if code in current_app.config["LANGUAGES"]:
        session.permanent = True
        session["locale"] = code
    return redirect(request.path)


@bp.route("/f/<token>/<int:number>")
@public_route("feedback")
def field_page(token, number):
    process = get_process_by_feedback_token(token)
    language = str(get_locale())
    fields = feedback.field_feedback(process, language)
    found = next((f for f in fields if f.number == number), None)
    page_number = request.args.get("page", 1, type=int)
    pages = ceil(found.total / PAGE_SIZE) if found else 0
    if found is None or not 1 <= page_number <= pages:
        abort(404)
    start = (page_number - 1) * PAGE_SIZE
    entries = feedback.with_texts(found.entries[start : start + PAGE_SIZE], language)
    return render_template(
        "feedback/field.html",
        process=process,
        field=found,
        entries=entries,
        page_number=page_number,
        pages=pages,
    )


# What the feedback templates (and the console's projector button) ask.
for helper in (
    feedback.by_outcome,
    feedback.outcome_counts,
    feedback.outcome_name,
    feedback.taken_up_text,
    earlier_ideas.has_earlier_ideas,
):
    bp.add_app_template_global(helper)
