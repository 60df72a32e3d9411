import json
import uuid

from babel.lists import format_list
from flask import current_app, g, request
from flask_babel import (
    format_date,
    format_datetime,
    format_number,
    format_time,
    get_locale,
)
from markupsafe import Markup

from app.authorise import may
from app.formats import STEP_KINDS
from app.network import public_url
from app.pictograms import pictogram_url, step_pictogram
from app.plurals import plural_forms
from app.services.organisations import assignable
from app.simple_language import simple

# Each language named in itself, as a reader looks for it in a switcher.
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "fa": "فارسی",
    "tr": "Türkçe",
    "ru": "Русский",
    "uk": "Українська",
    "pl": "Polski",
    "ro": "Română",
}
RTL_LANGUAGES = {"ar", "fa"}


def register(app):
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(
        value, fmt
    )
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt)
    app.jinja_env.filters["time"] = lambda value, fmt="short": format_time(value, fmt)
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["json_script"] = json_script
    app.jinja_env.filters["language_list"] = language_list
    app.jinja_env.globals["can"] = may
    app.jinja_env.globals["assignable"] = assignable
    app.jinja_env.globals["category_map"] = category_map
    app.jinja_env.globals["text_direction"] = text_direction
    app.jinja_env.globals["language_name"] = language_name
    app.jinja_env.globals["public_url"] = public_url
    app.jinja_env.globals["step_map"] = step_map
    app.jinja_env.globals["now_state"] = now_state
    app.jinja_env.globals["step_kinds"] = step_kinds
    app.jinja_env.globals["pictogram_url"] = pictogram_url
    app.jinja_env.globals["step_pictogram"] = step_pictogram
    app.jinja_env.globals["step_pictograms"] = step_pictograms
    app.jinja_env.globals["event_draft"] = event_draft
    app.jinja_env.globals["seating_plan"] = _seating_plan
    app.jinja_env.globals["perspective_counts"] = _perspective_counts
    app.jinja_env.globals["gallery_totals"] = _gallery_totals
    app.jinja_env.globals["waiting_count"] = _waiting_count
    app.jinja_env.globals["chart_strings"] = _chart_strings
    app.jinja_env.globals["new_uuid"] = lambda: str(uuid.uuid4())
    app.jinja_env.globals["topic_in"] = topic_in
    app.jinja_env.globals["plural_forms"] = plural_forms

    @app.context_processor
    def inject_language():
        return {
            "current_locale": str(get_locale()),
            "language_names": language_names(),
            "current_path": request.full_path.rstrip("?") if request else "/",
        }


def language_names():
    """{code: name in itself} of the configured languages, in their order."""
    return {code: language_name(code) for code in current_app.config["LANGUAGES"]}


def language_name(code):
    return LANGUAGE_NAMES.get(code, code)


def language_list(codes):
    """Languages named in themselves, listed as the reader's locale lists things."""
    names = [language_name(code) for code in codes]
    return format_list(names, locale=get_locale())


def text_direction(code):
    return "rtl" if code in RTL_LANGUAGES else "ltr"


def json_script(value):
    """JSON safe to place inside <script type="application/json">: no tag can end it."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def category_map(event):
    """{category id: label, colour and pictogram} in the viewer's language, for
    scripts."""
    return {
        str(category.id): {
            "label": str(simple(category.label, category.simple_label)),
            "colour": category.colour,
            "pictogram": pictogram_url(category.pictogram_key),
        }
        for phase in event.phases
        for category in phase.categories
    }


def step_map(event):
    """{step id: label and kind} in the viewer's language, for the timer script."""
    return {
        str(step.id): {"label": str(step.label), "kind": step.kind}
        for step in event.steps
    }


def step_kinds():
    """{kind: name} in the viewer's language: the label of a step the page does
    not know yet."""
    return {kind: str(label) for kind, label in STEP_KINDS.items()}


def step_pictograms():
    """{kind: pictogram address}, for the timer script."""
    return {kind: pictogram_url(step_pictogram(kind)) for kind in STEP_KINDS}


def now_state(event):
    from app.live.payloads import state_payload

    return state_payload(event)


def event_draft(event):
    from app.services.drafts import draft_of

    return draft_of(event)


def _seating_plan(event):
    from app.services.seating import seating_plan

    return seating_plan(event)


def _perspective_counts(event_id):
    from app.services.stats import perspective_counts

    return perspective_counts(event_id)


def _gallery_totals(event_id):
    from app.services.stats import gallery_totals

    return gallery_totals(event_id)


def _waiting_count(table_id):
    from app.services.stats import waiting_count

    return waiting_count(table_id)


def topic_in(table, language=None):
    """The table's topic as a reader of language (the page's) sees it: a TextView,
    its .text in that language where a translation exists. The event's texts
    are loaded once per request and language."""
    from app.services.text_views import Wording

    language = language or str(get_locale())
    wordings = g.setdefault("wordings", {})
    key = (table.event_id, language)
    if key not in wordings:
        wordings[key] = Wording(table.event, language)
    return wordings[key].topic(table)


def _chart_strings():
    from app.voting.strings import chart_strings

    return chart_strings()
