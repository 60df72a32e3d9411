"""Flask-Babel's lazy strings count as markup (they have __html__), and WTForms,
Jinja and flash (through the session) pass markup on unescaped. So a lazy string
may hold the catalogue's words only: a text filled in with anything, above all
user data, is formatted when it is used, with plain gettext, which Jinja escapes.
This test reads the app's code and refuses every lazy string that is filled in."""

import ast
from pathlib import Path

from markupsafe import escape

APP = Path(__file__).resolve().parent.parent / "app"
LAZY = {"lazy_gettext", "lazy_ngettext", "lazy_pgettext", "lazy_npgettext"}
# How many leading arguments are the catalogue's words; the counted ones take the
# count after them, which fills in %(num)s.
WORDS = {"lazy_gettext": 1, "lazy_ngettext": 2, "lazy_pgettext": 2, "lazy_npgettext": 3}
COUNTED = {"lazy_ngettext", "lazy_npgettext"}
BUILDERS = {"LazyString", "make_lazy_string", "lazy_string"}


def lazy_names(tree):
    """{local name: flask_babel function} of the module's lazy gettext imports."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "flask_babel"
        ):
            for alias in node.names:
                if alias.name in LAZY | BUILDERS:
                    names[alias.asname or alias.name] = alias.name
    return names


def called(node, names):
    """The flask_babel function a call calls, if it is a lazy one."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return names.get(node.func.id)
    return None


def refusal(node, names):
    """Why this node fills in a lazy string, or None."""
    function = called(node, names)
    if function in BUILDERS:
        return "builds a lazy string of its own"
    if function is not None:
        words, rest = node.args[: WORDS[function]], node.args[WORDS[function] :]
        if not all(isinstance(word, ast.Constant) for word in words):
            return "passes a text that is not the catalogue's words"
        if node.keywords or len(rest) > (1 if function in COUNTED else 0):
            return "fills in variables"
    if isinstance(node, ast.BinOp) and called(node.left, names):
        return "formats it with %"
    if isinstance(node, ast.Attribute) and called(node.value, names):
        return f"calls .{node.attr} on it"
    return None


def lazy_strings_filled_in(source, path="<test>"):
    tree = ast.parse(source)
    names = lazy_names(tree)
    found = []
    for node in ast.walk(tree):
        reason = refusal(node, names)
        if reason:
            found.append(f"{path}:{node.lineno}: {reason}: {ast.unparse(node)[:80]}")
    return found


def test_no_lazy_string_is_filled_in_anywhere_in_the_app():
    found = []
    for path in sorted(APP.rglob("*.py")):
        found += lazy_strings_filled_in(path.read_text(), path.relative_to(APP))
    assert found == [], "use plain gettext when the text is shown:\n" + "\n".join(found)


def test_the_check_finds_each_way_of_filling_in_a_lazy_string():
    source = """
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
_l("Table %(name)s", name=table.name)
_l("Table %s") % table.name
_l("Table {}").format(table.name)
_l(table.name)
lazy_ngettext("%(num)s card", "%(num)s cards", count, table=table.name)
_l("Plain words")
lazy_ngettext("%(num)s card", "%(num)s cards", 3)
"""
    found = lazy_strings_filled_in(source)
    assert sorted(int(line.split(":")[1]) for line in found) == [4, 5, 6, 7, 8]


def test_a_filled_in_lazy_string_would_reach_the_page_unescaped(ctx):
    """Why the check exists: escape() trusts a lazy string as markup."""
    from flask_babel import lazy_gettext

    payload = "<img src=x onerror=alert(1)>"
    message = lazy_gettext("Table %(name)s", name=payload)
    assert payload in escape(message)
