"""The console's run-sheet and its confirmations as pages, without JavaScript:
"Next" posts what the console showed, a stale click gets a clear message, and going
back, starting again or closing the event ask first on a page of their own."""

import re
from html.parser import HTMLParser

from app.extensions import db
from app.models import Event
from app.models.runsheet import moved_on
from app.services import programme, runsheet

JSON = {"Accept": "application/json"}


class Forms(HTMLParser):
    """The forms of a page: action, data-confirm, class and hidden fields."""

    def __init__(self, page):
        super().__init__()
        self.forms = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({**attrs, "fields": {}})
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value", "")


def forms(page, action_end="", css_class=""):
    return [
        form
        for form in Forms(page).forms
        if form.get("action", "").endswith(action_end)
        and (not css_class or css_class in form.get("class", "").split())
    ]


def next_button(page):
    """The text of the run-sheet's main button."""
    return re.search(r'class="primary next-button">([^<]*)<', page).group(1)


def console_page(client, event_id):
    return client.get(f"/events/{event_id}/console").get_data(as_text=True)


def press_next(client, event_id):
    (form,) = forms(console_page(client, event_id), "/steps/next")
    return client.post(form["action"], data=form["fields"])


def step_ids(app, event_id):
    with app.app_context():
        return [step.id for step in db.session.get(Event, event_id).steps]


def current_step_id(app, event_id):
    with app.app_context():
        step = db.session.get(Event, event_id).current_step
        return step.id if step else None


def test_next_button_names_the_step_and_walks_the_run_sheet(app, logged_in, make_event):
    event_id = make_event()
    ids = step_ids(app, event_id)
    page = console_page(logged_in, event_id)
    assert "Begrüßung" in next_button(page)
    for step_id in ids:
        assert press_next(logged_in, event_id).status_code == 302
        assert current_step_id(app, event_id) == step_id
    page = console_page(logged_in, event_id)
    assert "Abschluss" in next_button(page) and 'aria-current="step"' in page
    assert page.count("step step-done") == 5 and "is-next" not in page
    press_next(logged_in, event_id)
    page = console_page(logged_in, event_id)
    assert not forms(page, "/steps/next")
    closes = forms(page, "/close")  # the last step is over: close, after asking
    assert len(closes) == 2 and all(form["data-confirm"] for form in closes)
    assert 'class="next-button"' in page


def test_console_marks_done_running_and_next_steps(app, logged_in, make_event):
    event_id = make_event()
    press_next(logged_in, event_id)
    press_next(logged_in, event_id)
    page = console_page(logged_in, event_id)
    assert next_button(page).endswith("Plenum: Ausgangslage")
    for kind in ("step-done", "running", "is-next"):
        assert page.count(kind) >= 1
    starts = {form["action"]: form for form in forms(page, css_class="step-start")}
    assert len(starts) == 4  # not the running step, not the next one
    welcome = next(form for url, form in starts.items() if "/steps/" in url)
    assert "Begrüßung" in welcome["data-confirm"]
    assert "Ausgangslage" in welcome["data-confirm"]  # says what it ends


def test_a_stale_next_gets_a_clear_message_and_skips_nothing(
    app, logged_in, make_event
):
    event_id = make_event()
    (stale,) = forms(console_page(logged_in, event_id), "/steps/next")
    logged_in.post(stale["action"], data=stale["fields"])
    press_next(logged_in, event_id)  # and on, from another laptop
    again = logged_in.post(stale["action"], data=stale["fields"], follow_redirects=True)
    assert again.request.path == f"/events/{event_id}/console"  # how things stand
    with app.test_request_context():
        assert str(moved_on().message) in again.get_data(as_text=True)
    as_json = logged_in.post(stale["action"], data=stale["fields"], headers=JSON)
    assert as_json.status_code == 409 and as_json.json["error"]
    assert current_step_id(app, event_id) == step_ids(app, event_id)[1]


def test_going_back_without_javascript_asks_on_a_page_first(app, logged_in, make_event):
    event_id = make_event()
    for _ in range(3):
        press_next(logged_in, event_id)
    page = console_page(logged_in, event_id)
    welcome = step_ids(app, event_id)[0]
    (start,) = forms(page, f"/steps/{welcome}/start")
    asked = logged_in.post(start["action"], data=start["fields"])
    question = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Begrüßung" in question
    assert current_step_id(app, event_id) == step_ids(app, event_id)[2]
    (confirm,) = forms(question, f"/steps/{welcome}/start")
    assert confirm["fields"]["confirm"] == "1"
    assert confirm["fields"]["running"] == start["fields"]["running"]
    assert logged_in.post(confirm["action"], data=confirm["fields"]).status_code == 302
    assert current_step_id(app, event_id) == welcome


def test_a_confirmation_from_a_stale_page_is_refused(app, logged_in, make_event):
    event_id = make_event()
    for _ in range(2):
        press_next(logged_in, event_id)
    welcome = step_ids(app, event_id)[0]
    (start,) = forms(console_page(logged_in, event_id), f"/steps/{welcome}/start")
    press_next(logged_in, event_id)  # another laptop moved on meanwhile
    refused = logged_in.post(
        start["action"], data={**start["fields"], "confirm": "1"}, headers=JSON
    )
    assert refused.status_code == 409 and not refused.json.get("confirm")
    assert current_step_id(app, event_id) == step_ids(app, event_id)[2]


def test_json_clients_are_asked_with_a_conflict(app, logged_in, make_event):
    event_id = make_event()
    press_next(logged_in, event_id)
    press_next(logged_in, event_id)
    welcome = step_ids(app, event_id)[0]
    asked = logged_in.post(f"/events/{event_id}/steps/{welcome}/start", headers=JSON)
    assert asked.status_code == 409 and asked.json["confirm"] is True
    assert "Begrüßung" in asked.json["error"]


def test_step_titles_are_escaped_in_questions_and_confirm_pages(
    app, logged_in, make_event
):
    event_id = make_event()
    with app.test_request_context():
        step = db.session.get(Event, event_id).steps[0]
        programme.update_step(step, '<img src=x onerror="alert(1)">', 15)
        runsheet.start_step(step.event, step)
        runsheet.end_step(step.event, step)
    page = console_page(logged_in, event_id)
    assert "<img src=x" not in page and "&lt;img src=x" in page
    (start,) = forms(page, f"/steps/{step_ids(app, event_id)[0]}/start")
    asked = logged_in.post(start["action"], data=start["fields"])
    assert "&lt;img src=x" in asked.get_data(as_text=True)
    assert "<img src=x" not in asked.get_data(as_text=True)


def test_closing_the_event_asks_first_without_javascript(app, logged_in, make_event):
    event_id = make_event()
    asked = logged_in.post(f"/events/{event_id}/close")
    assert asked.status_code == 200 and "confirm-page" in asked.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Event, event_id).is_open
    (confirm,) = forms(asked.get_data(as_text=True), "/close")
    assert confirm["fields"]["confirm"] == "1"
    logged_in.post(confirm["action"], data=confirm["fields"])
    with app.app_context():
        assert not db.session.get(Event, event_id).is_open
