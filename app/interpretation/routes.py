from flask import (
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from app.access import (
    current_interpreter,
    get_card_for_interpreter,
    get_event_by_interpreter_token,
    get_text_for_interpreter,
    require_interpreter,
)
from app.authorise import public_route
from app.errors import wants_json
from app.interpretation import bp
from app.interpretation.forms import InterpreterCodeForm, InterpreterForm
from app.live.payloads import card_payload
from app.models import DomainError
from app.ratelimit import limit_code_attempts
from app.services import interpreting, translations
from app.services.event_texts import ROLES
from app.services.text_views import text_payload

# Event texts in the queue: a slate grey beside the categories' colours.
TEXT_COLOUR = "#475569"


@bp.route("/interpret", methods=["GET", "POST"])
@public_route("interpreter")
def enter_code():
    """For interpreters who type the code instead of scanning the QR code."""
    form = InterpreterCodeForm()
    if request.method == "POST":
        limit_code_attempts(request.remote_addr)
    if form.validate_on_submit():
        token = form.event.interpreter_token
        return redirect(url_for("interpretation.join", token=token))
    return render_template("interpretation/code.html", form=form)


@bp.route("/i/<token>", methods=["GET", "POST"])
@public_route("interpreter")
def join(token):
    event = get_event_by_interpreter_token(token)
    interpreter = current_interpreter()
    if interpreter is not None and interpreter.event_id != event.id:
        interpreter = None
    form = InterpreterForm(event)
    if request.method == "GET" and interpreter is not None:
        form.name.data = interpreter.name
        form.languages.data = interpreter.language_list
    if form.validate_on_submit():
        interpreter = interpreting.join_as_interpreter(
            event, interpreter, form.name.data or "", form.languages.data
        )
        session.permanent = True
        session["interpreter"] = interpreter.token
        return redirect(url_for("interpretation.queue"))
    return render_template("interpretation/join.html", event=event, form=form)


@bp.route("/interpret/queue")
@public_route("interpreter")
def queue():
    return _queue_page(require_interpreter())


@bp.route("/interpret/queue.json")
@public_route("interpreter")
def queue_json():
    """The queue again, fetched when a card changed or the connection came back."""
    return jsonify(items=queue_items(require_interpreter()))


@bp.route("/interpret/cards/<int:card_id>/<language>", methods=["POST"])
@public_route("interpreter")
def translate(card_id, language):
    interpreter = require_interpreter()
    card = get_card_for_interpreter(interpreter, card_id)
    return _save(interpreter, card, language, lambda: {"card": card_payload(card)})


@bp.route("/interpret/texts/<int:text_id>/<language>", methods=["POST"])
@public_route("interpreter")
def translate_text(text_id, language):
    """A poll's question, option or scale label, or a table's name."""
    interpreter = require_interpreter()
    source = get_text_for_interpreter(interpreter, text_id)
    return _save(interpreter, source, language, lambda: {"text": text_payload(source)})


def _save(interpreter, source, language, payload):
    text = request.form.get("text", "")
    try:
        translations.translate(interpreter, source, language, text)
    except DomainError as error:
        if wants_json():
            raise
        flash(error.message, "error")
        drafts = {queue_key(source, language): text}
        return _queue_page(interpreter, drafts, error.status)
    if wants_json():
        return jsonify(ok=True, **payload())
    flash(_("Translation saved."))
    return redirect(url_for("interpretation.queue"))


def _queue_page(interpreter, drafts=None, status=200):
    page = render_template(
        "interpretation/queue.html",
        interpreter=interpreter,
        event=interpreter.event,
        items=queue_items(interpreter),
        drafts=drafts or {},
    )
    return page, status


def queue_key(source, language):
    """Names a queue item in the page: a card by its id, a text with a t."""
    return f"{source.view_key}-{language}".replace(":", "")


def queue_items(interpreter):
    event_language = interpreter.event.language
    return [
        _queue_item(translation, used, event_language)
        for translation, used in interpreting.translation_queue(interpreter)
    ]


def _queue_item(translation, used, event_language):
    source, target = translation.source, translation.language
    relay = None
    if event_language not in (target, source.language):
        relay = source.translation_into(event_language)
    return {
        "key": queue_key(source, target),
        "source": source.language,
        "target": target,
        "text": source.text,
        "relay": relay.text if relay else "",
        "suggestion": translation.text,
        "state": translation.state,
        **(
            _about_card(source, target)
            if used is None
            else _about_text(used, source, target)
        ),
    }


def _about_card(card, target):
    return {
        "table": _("Table %(number)s", number=card.table.number),
        "category": str(card.category.label),
        "colour": card.category.colour,
        "url": url_for("interpretation.translate", card_id=card.id, language=target),
    }


def _about_text(used, text, target):
    return {
        # A poll not open yet can wait; open polls and table names are read now.
        "table": _("Later") if used.rank == 1 else _("Needed now"),
        "category": str(ROLES[used.role]),
        "colour": TEXT_COLOUR,
        "url": url_for(
            "interpretation.translate_text", text_id=text.id, language=target
        ),
    }
