"""A `next` parameter leads to a page of this site and nowhere else, however it
is disguised: browsers drop tabs and line breaks and read a backslash as a slash."""

import ast
from pathlib import Path

import pytest

from app.redirects import local_target
from tests.conftest import join

APP = Path(__file__).resolve().parent.parent / "app"
ELSEWHERE = [
    "https://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\x00/evil.example",
    " //evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)//",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "http:/evil.example",
    "",
    None,
]
HERE = ["/", "/me", "/t/abc23?change=1", "/events/3/console#cards"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_anything_but_a_path_of_this_site_gives_the_fallback(target):
    assert local_target(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", HERE)
def test_a_path_of_this_site_is_kept(target):
    assert local_target(target, "/fallback") == target


@pytest.mark.parametrize("target", ELSEWHERE[:12])
def test_the_language_switch_never_leads_off_site(client, target):
    response = client.get("/lang/en", query_string={"next": target})

    assert response.status_code == 302
    assert "evil" not in response.location
    assert response.location == "/"


@pytest.mark.parametrize("target", ELSEWHERE[:12])
def test_the_voting_code_form_never_leads_off_site(client, open_event, target):
    _event_id, data = open_event()
    join(client, data["tables"][0][1])

    response = client.post("/me/voting-code", data={"code": "x", "next": target})

    assert response.status_code == 302
    assert response.location == "/me"


def reads_next(node):
    """request.args.get("next"), request.form["next"] and the like."""
    if isinstance(node, ast.Subscript):
        return getattr(node.slice, "value", None) == "next"
    return (
        isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "get"
        and bool(node.args)
        and getattr(node.args[0], "value", None) == "next"
    )


def checked(node):
    """What local_target is given, and what is compared with a fixed word."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "local_target":
        return node.args
    if isinstance(node, ast.Compare):
        if all(isinstance(c, ast.Constant) for c in node.comparators):
            return [node.left]
    return []


def reads_of_next(tree):
    """The reads of a `next` that may end up in a redirect unchecked."""
    checked_ids = {id(found) for node in ast.walk(tree) for found in checked(node)}
    return [n for n in ast.walk(tree) if reads_next(n) and id(n) not in checked_ids]


def test_every_next_the_app_reads_goes_through_local_target():
    unchecked = [
        f"{path.relative_to(APP)}:{node.lineno}"
        for path in sorted(APP.rglob("*.py"))
        for node in reads_of_next(ast.parse(path.read_text()))
    ]
    assert unchecked == []
