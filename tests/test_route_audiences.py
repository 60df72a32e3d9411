"""Every route declares its audience once (app/authorise.py): a new route
without a rule cannot land, and an organiser route cannot pass for a public one."""

from app.authorise import PUBLIC_AUDIENCES

ORGANISER_AUDIENCES = ("event:", "process:", "organisation:")
ACCOUNT_AUDIENCES = {"member", "site-admin"}


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static":
            yield rule, getattr(app.view_functions[rule.endpoint], "audience", None)


def test_every_route_declares_its_audience(app):
    undeclared = [rule.rule for rule, audience in _routes(app) if audience is None]
    assert undeclared == []


def test_every_declared_audience_is_known(app):
    unknown = {
        rule.rule: audience
        for rule, audience in _routes(app)
        if audience not in PUBLIC_AUDIENCES | ACCOUNT_AUDIENCES
        and not audience.startswith(ORGANISER_AUDIENCES)
    }
    assert unknown == {}


def test_routes_on_an_event_process_or_organisation_check_a_role_on_it(app):
    """A URL naming an event, a process or an organisation by its id belongs to
    an organiser audience that resolves it and checks the member's role."""
    loose = {}
    for rule, audience in _routes(app):
        for key in ("event", "process", "organisation"):
            if f"<int:{key}_id>" in rule.rule and not audience.startswith(
                ORGANISER_AUDIENCES
            ):
                loose[rule.rule] = audience
    assert loose == {}


def test_a_route_without_a_declaration_is_found(app):
    """The check itself works: an undeclared view is reported."""
    from flask import Flask

    probe = Flask("probe")
    probe.add_url_rule("/new", "new", lambda: "")
    assert [rule.rule for rule, audience in _routes(probe) if audience is None] == [
        "/new"
    ]
