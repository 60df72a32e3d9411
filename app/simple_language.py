"""Simple mode: participant pages in Einfache Sprache (short sentences, one idea a
line, no passive, no abbreviations) for whoever switches it on.

One mechanism for every page: `simple(normal, msgid)` in a template shows the
simple text where the reader's catalogue has it and the normal text otherwise,
so a Turkish page never falls back to English simple text. Simple msgids are
English (the catalogues' source language) and are extracted by the keywords
`simple:2` and `simple_plural:2,3`; `_s` marks them in Python. A line break in a
simple text starts a new line on the page: one idea a line.
"""

from flask import current_app, session
from flask_babel import get_locale, get_translations
from markupsafe import Markup, escape

SESSION_KEY = "simple"


def _s(msgid):
    """Marks a simple text for extraction; looked up by `simple()` when shown."""
    return msgid


def simple_mode():
    return bool(session.get(SESSION_KEY))


def set_simple_mode(on):
    session.permanent = True
    session[SESSION_KEY] = bool(on)


def simple_text(singular, plural=None, num=1):
    """The simple text in the reader's language (chosen by num as ngettext
    chooses, where a plural is given), or None where its catalogue lacks it.
    English is the msgids' own language."""
    if str(get_locale()) == current_app.config["SIMPLE_SOURCE_LANGUAGE"]:
        return singular if plural is None or num == 1 else plural
    translations = get_translations()
    if plural is None:
        text = translations.gettext(singular)
    else:
        text = translations.ngettext(singular, plural, num)
    return None if text in (singular, plural) else text


def simple(normal, msgid, **variables):
    """In simple mode the simple text of msgid (formatted like `_()` formats,
    its variables escaped), else the normal text as given."""
    if not msgid or not simple_mode():
        return normal
    text = simple_text(msgid)
    return normal if text is None else _lines(text, variables)


def simple_plural(normal, singular, plural, num, **variables):
    """`simple` for a text that counts num, chosen as ngettext chooses."""
    if not simple_mode():
        return normal
    text = simple_text(singular, plural, num)
    return normal if text is None else _lines(text, {"num": num, **variables})


def _lines(text, variables):
    lines = [escape(line) for line in text.split("\n")]
    html = Markup("<br>").join(lines)
    return html % {k: escape(v) for k, v in variables.items()} if variables else html


def register(app):
    app.config.setdefault("SIMPLE_SOURCE_LANGUAGE", "en")
    app.jinja_env.globals["simple"] = simple
    app.jinja_env.globals["simple_plural"] = simple_plural
    app.jinja_env.globals["simple_mode"] = simple_mode
