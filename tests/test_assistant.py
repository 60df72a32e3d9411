"""The assistant: likely duplicates and themes, computed only when the organiser
switched it on, and only ever suggested: hosts and the moderator merge, dismiss,
accept, rename, move or drop."""

import time

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import (
    AuditEntry,
    Card,
    CardTranslation,
    DuplicateSuggestion,
    Event,
    ReportText,
    Theme,
)
from app.services import assistant
from app.services.assistant import summary
from app.unit_of_work import unit
from tests.conftest import join, live_client, send_card
from tests.test_live import received

WAITING = "Lange Wartezeiten bei der Ausländerbehörde"
WAITING_TOO = "Ausländerbehörde hat sehr lange Wartezeiten"
STAFF = "Die Ausländerbehörde braucht mehr Personal"
KITA = "Zu wenige Kita-Plätze im Stadtteil"
KITA_TOO = "Kita-Plätze fehlen im Stadtteil"
HOUSING = "Bezahlbare Wohnungen für Familien fehlen"


@pytest.fixture
def room(app, phone, logged_in, open_event):
    """An event in phase 1 with the assistant on; tables 1 and 2 share an action
    field; a host at table 1, writers at tables 1, 2 and 3."""
    event_id, data = open_event()
    with app.app_context(), unit():
        tables = db.session.get(Event, event_id).tables
        tables[1].action_field_id = tables[0].action_field_id
        host_token = tables[0].host_token
    logged_in.post(f"/events/{event_id}/assistant", data={"assistant": "y"})
    host = phone()
    host.post(f"/h/{host_token}", data={"first_name": "Hanna"})
    for reader in (host, logged_in):
        reader.get("/lang/en")  # the pages' texts below are the English ones
    writers = [phone() for _ in range(3)]
    for writer, (_id, token) in zip(writers, data["tables"], strict=False):
        join(writer, token)
    return {
        "event_id": event_id,
        "host": host,
        "writers": writers,
        "moderator": logged_in,
        "category": data["phases"][0][1][0],
        "other_category": data["phases"][0][1][1],
    }


def write(room, table_index, text, category=None):
    browser = room["writers"][table_index]
    response = send_card(browser, category or room["category"], text)
    return response.json["card"]["id"]


def refresh(app, event_id):
    with app.test_request_context(), unit():
        return assistant.refresh_event(db.session.get(Event, event_id))


def stored(app, model, *where):
    with app.app_context():
        return db.session.scalars(select(model).where(*where)).all()


def open_pairs(app, event_id):
    return {
        frozenset((s.card_id, s.other_id))
        for s in stored(
            app, DuplicateSuggestion, DuplicateSuggestion.event_id == event_id
        )
        if s.state == "open"
    }


def test_the_assistant_is_off_by_default_and_computes_nothing(
    app, phone, open_event, logged_in, monkeypatch
):
    event_id, data = open_event()
    logged_in.get("/lang/en")
    computed = []
    monkeypatch.setattr(
        assistant.worker, "compute", lambda *a: computed.append(a) or {}
    )
    writer = phone()
    join(writer, data["tables"][0][1])
    for text in (WAITING, WAITING_TOO, KITA, KITA_TOO):
        send_card(writer, data["phases"][0][1][0], text)
    assert refresh(app, event_id) is False
    assert computed == []
    assert stored(app, DuplicateSuggestion) == [] and stored(app, Theme) == []
    assert logged_in.get(f"/events/{event_id}/assistant/version").status_code == 200
    page = logged_in.get(f"/events/{event_id}/assistant").get_data(as_text=True)
    assert "switched off" in page
    console = logged_in.get(f"/events/{event_id}/console").get_data(as_text=True)
    assert 'id="assistant-link"' not in console


def test_switching_the_assistant_is_the_organisers_and_is_audited(app, room):
    with app.app_context():
        assert db.session.get(Event, room["event_id"]).assistant is True
    actions = [e.action for e in stored(app, AuditEntry)]
    assert "assistant_on" in actions
    page = room["moderator"].get(f"/events/{room['event_id']}").get_data(as_text=True)
    switch = page.split('id="assistant-switch"')[1]
    assert 'name="assistant"' in switch and "checked" in switch.split("</label>")[0]
    phone_try = room["host"].post(f"/events/{room['event_id']}/assistant", data={})
    assert phone_try.status_code in (302, 401, 403)
    with app.app_context():
        assert db.session.get(Event, room["event_id"]).assistant is True


def test_duplicates_at_the_table_are_suggested_and_the_host_merges_them(app, room):
    first, second = write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    write(room, 0, HOUSING)
    host_socket = live_client(app, room["host"], {"role": "host"})
    host_socket.get_received("/live")
    assert refresh(app, room["event_id"]) is True
    assert open_pairs(app, room["event_id"]) == {frozenset((first, second))}
    assert received(host_socket, "assistant")
    tools = room["host"].get("/me/host").get_data(as_text=True)
    assert "Likely duplicates" in tools and WAITING in tools and WAITING_TOO in tools
    (suggestion,) = stored(app, DuplicateSuggestion)
    answer = room["host"].post(f"/me/host/suggestions/{suggestion.id}/merge")
    assert answer.status_code == 302
    cards = {c.id: c for c in stored(app, Card, Card.id.in_((first, second)))}
    assert cards[second].state == "merged" and cards[second].merged_into_id == first
    assert cards[first].merged_count == 1
    assert stored(app, DuplicateSuggestion)[0].state == "merged"
    assert "The two cards were merged." in room["host"].get("/me/host").get_data(
        as_text=True
    )


def test_nothing_merges_by_itself(app, room):
    first, second = write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    refresh(app, room["event_id"])
    refresh(app, room["event_id"])
    assert all(c.state == "visible" for c in stored(app, Card))
    assert open_pairs(app, room["event_id"]) == {frozenset((first, second))}


def test_a_dismissed_pair_is_not_suggested_again(app, room):
    write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    refresh(app, room["event_id"])
    (suggestion,) = stored(app, DuplicateSuggestion)
    room["host"].post(f"/me/host/suggestions/{suggestion.id}/dismiss")
    refresh(app, room["event_id"])
    assert [s.state for s in stored(app, DuplicateSuggestion)] == ["dismissed"]
    tools = room["host"].get("/me/host").get_data(as_text=True)
    assert "No likely duplicates right now." in tools
    again = room["host"].post(f"/me/host/suggestions/{suggestion.id}/dismiss")
    assert again.status_code == 302
    assert "already been dealt with" in room["host"].get("/me/host").get_data(
        as_text=True
    )


def test_other_categories_and_other_action_fields_are_never_duplicates(app, room):
    write(room, 0, WAITING)
    write(room, 0, WAITING, category=room["other_category"])
    write(room, 2, WAITING)  # table 3: another action field
    refresh(app, room["event_id"])
    assert open_pairs(app, room["event_id"]) == set()


def test_across_tables_the_host_may_dismiss_and_the_moderator_merges(app, room):
    own, foreign = write(room, 0, WAITING), write(room, 1, WAITING_TOO)
    refresh(app, room["event_id"])
    (suggestion,) = stored(app, DuplicateSuggestion)
    tools = room["host"].get("/me/host").get_data(as_text=True)
    assert "the moderator can merge these two" in tools
    refused = room["host"].post(f"/me/host/suggestions/{suggestion.id}/merge")
    assert refused.status_code == 403
    event_id = room["event_id"]
    page = room["moderator"].get(f"/events/{event_id}/assistant").get_data(as_text=True)
    assert WAITING in page and WAITING_TOO in page
    room["moderator"].post(
        f"/events/{event_id}/assistant/suggestions/{suggestion.id}/merge"
    )
    cards = {c.id: c for c in stored(app, Card, Card.id.in_((own, foreign)))}
    assert cards[foreign].state == "merged" and cards[foreign].merged_into_id == own
    assert cards[foreign].table_id == cards[own].table_id


def test_a_host_never_acts_on_another_tables_pair(app, room, phone):
    write(room, 1, WAITING), write(room, 1, WAITING_TOO)
    refresh(app, room["event_id"])
    (suggestion,) = stored(app, DuplicateSuggestion)
    for action in ("merge", "dismiss"):
        answer = room["host"].post(f"/me/host/suggestions/{suggestion.id}/{action}")
        assert answer.status_code == 403
    assert stored(app, DuplicateSuggestion)[0].state == "open"
    stranger = phone()
    assert stranger.post(
        f"/me/host/suggestions/{suggestion.id}/dismiss"
    ).status_code in (
        401,
        403,
    )


def test_a_translation_lets_cards_of_two_languages_meet(app, room):
    german = write(room, 0, WAITING)
    arabic = send_card(
        room["writers"][1],
        room["category"],
        "انتظار طويل في دائرة الأجانب",
        language="ar",
    ).json["card"]["id"]
    refresh(app, room["event_id"])
    assert open_pairs(app, room["event_id"]) == set()
    with app.app_context(), unit():
        translation = db.session.scalar(
            select(CardTranslation).where(
                CardTranslation.card_id == arabic, CardTranslation.language == "de"
            )
        )
        translation.text, translation.state = WAITING_TOO, "human"
    refresh(app, room["event_id"])
    assert open_pairs(app, room["event_id"]) == {frozenset((german, arabic))}


def themes_of(app, event_id, state=None):
    found = stored(app, Theme, Theme.event_id == event_id)
    return [t for t in found if state is None or t.state == state]


def write_two_topics(room):
    return {
        "waiting": [write(room, 0, t) for t in (WAITING, WAITING_TOO, STAFF)],
        "kita": [write(room, 1, t) for t in (KITA, KITA_TOO)],
        "alone": write(room, 0, HOUSING),
    }


def test_themes_are_proposed_with_words_of_their_cards(app, room):
    cards = write_two_topics(room)
    refresh(app, room["event_id"])
    proposed = themes_of(app, room["event_id"])
    by_cards = {frozenset(c.id for c in t.cards): t for t in proposed}
    waiting = by_cards[frozenset(cards["waiting"])]
    assert "Ausländerbehörde" in waiting.label
    kita = next(t for k, t in by_cards.items() if set(cards["kita"]) <= k)
    assert "Kita-Plätze" in kita.label
    assert all(t.state == "proposed" for t in proposed)
    assert all(c.heading == "" for c in stored(app, Card))


def test_an_accepted_renamed_theme_becomes_the_heading_everywhere(app, room):
    cards = write_two_topics(room)
    refresh(app, room["event_id"])
    theme = next(
        t for t in themes_of(app, room["event_id"]) if "Ausländerbehörde" in t.label
    )
    event_id = room["event_id"]
    base = f"/events/{event_id}/assistant/themes/{theme.id}"
    room["moderator"].post(f"{base}/accept", data={"label": "Wartezeiten im Amt"})
    headings = {c.id: c.heading for c in stored(app, Card)}
    assert all(headings[i] == "Wartezeiten im Amt" for i in cards["waiting"])
    assert headings[cards["alone"]] == ""
    room["host"].post(f"/me/host/themes/{theme.id}/rename", data={"label": "Termine"})
    assert {stored(app, Card, Card.id == i)[0].heading for i in cards["waiting"]} == {
        "Termine"
    }
    tools = room["host"].get("/me/host").get_data(as_text=True)
    assert "Termine" in tools
    projector = room["moderator"].get(f"/events/{event_id}/console/state").get_json()
    shown = {c["id"]: c["heading"] for c in projector["cards"]}
    assert shown[cards["waiting"][0]] == "Termine"
    refresh(app, event_id)
    assert themes_of(app, event_id, "accepted")[0].label == "Termine"


def test_a_theme_needs_a_name_of_sensible_length(app, room):
    write_two_topics(room)
    refresh(app, room["event_id"])
    theme = themes_of(app, room["event_id"])[0]
    for label in ("   ", "x" * 101):
        room["host"].post(f"/me/host/themes/{theme.id}/accept", data={"label": label})
        assert themes_of(app, room["event_id"], "accepted") == []
    page = room["host"].get("/me/host").get_data(as_text=True)
    assert "Please give the theme a name." in page or "at most 100 characters" in page


def test_a_dropped_proposal_is_not_proposed_again(app, room):
    write_two_topics(room)
    refresh(app, room["event_id"])
    theme = themes_of(app, room["event_id"])[0]
    room["host"].post(f"/me/host/themes/{theme.id}/drop")
    refresh(app, room["event_id"])
    dropped = themes_of(app, room["event_id"], "dropped")
    assert [t.id for t in dropped] == [theme.id]
    proposed = themes_of(app, room["event_id"], "proposed")
    assert all(t.label != theme.label for t in proposed)


def test_cards_move_between_themes_and_their_heading_follows(app, room):
    cards = write_two_topics(room)
    refresh(app, room["event_id"])
    themes = themes_of(app, room["event_id"])
    waiting = next(t for t in themes if "Ausländerbehörde" in t.label)
    kita = next(t for t in themes if t.id != waiting.id)
    event_id = room["event_id"]
    for theme in (waiting, kita):
        room["moderator"].post(f"/events/{event_id}/assistant/themes/{theme.id}/accept")
    moved = cards["waiting"][2]
    room["moderator"].post(
        f"/events/{event_id}/assistant/cards/{moved}/theme", data={"theme": kita.id}
    )
    card = stored(app, Card, Card.id == moved)[0]
    kita_label = stored(app, Theme, Theme.id == kita.id)[0].label
    assert card.heading == kita_label
    room["host"].post(f"/me/host/cards/{moved}/theme", data={"theme": 0})
    assert stored(app, Card, Card.id == moved)[0].heading == ""
    foreign = cards["kita"][0]
    answer = room["host"].post(f"/me/host/cards/{foreign}/theme", data={"theme": 0})
    assert answer.status_code == 403


def test_a_host_sees_and_touches_only_the_own_fields_themes(app, room):
    write(room, 2, KITA), write(room, 2, KITA_TOO)  # table 3, another field
    refresh(app, room["event_id"])
    (theme,) = themes_of(app, room["event_id"])
    assert KITA not in room["host"].get("/me/host").get_data(as_text=True)
    for action in ("accept", "rename", "drop"):
        answer = room["host"].post(
            f"/me/host/themes/{theme.id}/{action}", data={"label": "x"}
        )
        assert answer.status_code == 403
    assert themes_of(app, room["event_id"])[0].state == "proposed"


def test_another_events_moderator_gets_nothing(app, room, make_event, client):
    write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    refresh(app, room["event_id"])
    (suggestion,) = stored(app, DuplicateSuggestion)
    other = make_event()
    with app.app_context(), unit():
        db.session.get(Event, other).assistant = True
    answer = room["moderator"].post(
        f"/events/{other}/assistant/suggestions/{suggestion.id}/merge"
    )
    assert answer.status_code == 404
    assert stored(app, DuplicateSuggestion)[0].state == "open"


def test_switched_off_the_open_suggestions_go_and_accepted_headings_stay(app, room):
    write_two_topics(room)
    refresh(app, room["event_id"])
    event_id = room["event_id"]
    theme = themes_of(app, event_id)[0]
    room["moderator"].post(f"/events/{event_id}/assistant/themes/{theme.id}/accept")
    room["moderator"].post(f"/events/{event_id}/assistant", data={})
    assert [s for s in stored(app, DuplicateSuggestion) if s.state == "open"] == []
    assert [t.state for t in themes_of(app, event_id)] == ["accepted"]
    assert any(c.heading == theme.label for c in stored(app, Card))
    assert room["host"].post(f"/me/host/themes/{theme.id}/drop").status_code == 404


def test_the_summary_drafts_the_most_backed_cards_for_the_introduction(app, room):
    cards = write_two_topics(room)
    refresh(app, room["event_id"])
    event_id = room["event_id"]
    with app.app_context(), unit():
        db.session.get(Card, cards["kita"][1]).praise_count = 4
    page = room["moderator"].get(f"/events/{event_id}/report").get_data(as_text=True)
    assert "First summary by the assistant" in page
    with app.test_request_context():
        draft = summary.event_summary(db.session.get(Event, event_id))
    lines = draft.splitlines()
    assert (
        lines[1].startswith("• ")
        and KITA_TOO in lines[1]
        and "(4-mal gelobt)" in lines[1]
    )
    assert WAITING in draft
    for _click in range(2):  # a double click adds it once
        room["moderator"].post(f"/events/{event_id}/report/summary")
    (texts,) = stored(app, ReportText, ReportText.event_id == event_id)
    assert texts.language == "de" and texts.introduction.count(KITA_TOO) == 1


def test_without_themes_there_is_no_summary_to_add(app, room):
    event_id = room["event_id"]
    room["moderator"].post(f"/events/{event_id}/report/summary")
    assert stored(app, ReportText, ReportText.event_id == event_id) == []
    page = room["moderator"].get(f"/events/{event_id}/report").get_data(as_text=True)
    assert "no themes to summarise yet" in page


def test_a_new_card_is_compared_in_the_background(app, room):
    app.config["ASSISTANT_INTERVAL"] = 0
    try:
        first, second = write(room, 0, WAITING), write(room, 0, WAITING_TOO)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not open_pairs(app, room["event_id"]):
            time.sleep(0.1)
    finally:
        app.config["ASSISTANT_INTERVAL"] = -1
    assert open_pairs(app, room["event_id"]) == {frozenset((first, second))}
    time.sleep(0.5)  # the task that saw the second card may still be writing


def test_the_process_review_keeps_a_themes_cards_together(app, make_process):
    from app.models import Process
    from app.services.review_listing import review_page
    from app.services.review_lookups import load_lookups

    made = make_process()
    later = made["cards"]["Treffpunkte für Jugendliche"]
    with app.test_request_context(), unit():
        db.session.get(Card, later).heading = "Begegnung"
    with app.test_request_context():
        process = db.session.get(Process, made["process_id"])
        page = review_page(process, load_lookups(process), {})
        order = [item.id for group in page.groups for item in group.items]
    assert order[0] == later


def test_the_plenary_shows_an_accepted_themes_cards_together(app, room):
    from app.services import runsheet
    from app.services.spotlight import spotlight_payload, spotlight_table

    first, alone, second = (write(room, 0, t) for t in (WAITING, HOUSING, STAFF))
    refresh(app, room["event_id"])
    theme = next(
        t for t in themes_of(app, room["event_id"]) if first in {c.id for c in t.cards}
    )
    event_id = room["event_id"]
    room["moderator"].post(
        f"/events/{event_id}/assistant/themes/{theme.id}/accept",
        data={"label": "Ausländerbehörde"},
    )
    with app.test_request_context(), unit():
        event = db.session.get(Event, event_id)
        plenary = next(s for s in event.steps if s.kind == "plenary")
        runsheet.start_step(event, plenary)
        spotlight_table(event, event.tables[0])
        shown = spotlight_payload(event)["cards"]
    assert [c["id"] for c in shown] == [first, second, alone]
    assert [c["heading"] for c in shown] == ["Ausländerbehörde"] * 2 + [""]


def test_an_accepted_theme_is_a_heading_of_the_reports_chapter(app, room):
    from app.services.report import build_report
    from tests.test_report import pdf_text

    write_two_topics(room)
    refresh(app, room["event_id"])
    theme = next(
        t for t in themes_of(app, room["event_id"]) if "Ausländerbehörde" in t.label
    )
    event_id = room["event_id"]
    room["moderator"].post(
        f"/events/{event_id}/assistant/themes/{theme.id}/accept",
        data={"label": "Wartezeiten im Amt"},
    )
    with app.test_request_context(), unit():
        text = pdf_text(build_report(db.session.get(Event, event_id), "de"))
    chapter = text[text.index("Wartezeiten im Amt") :]
    waiting = [chapter.index(t) for t in (WAITING, WAITING_TOO, STAFF)]
    assert HOUSING not in chapter[: max(waiting)]  # the theme's cards together


def test_the_console_hears_of_new_suggestions(app, room):
    event_id = room["event_id"]
    console = live_client(
        app, room["moderator"], {"role": "console", "event": event_id}
    )
    console.get_received("/live")
    write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    console.get_received("/live")
    refresh(app, event_id)
    assert received(console, "assistant") == [{"event_id": event_id}]
    count = room["moderator"].get(f"/events/{event_id}/assistant/version").get_json()
    assert count["suggestions"] == 1


def test_the_assistants_forms_need_the_pages_csrf_token(app, room):
    write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    refresh(app, room["event_id"])
    (suggestion,) = stored(app, DuplicateSuggestion)
    event_id = room["event_id"]
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        attempts = [
            (room["host"], f"/me/host/suggestions/{suggestion.id}/merge"),
            (room["host"], f"/me/host/suggestions/{suggestion.id}/dismiss"),
            (
                room["moderator"],
                f"/events/{event_id}/assistant/suggestions/{suggestion.id}/merge",
            ),
            (room["moderator"], f"/events/{event_id}/assistant", {}),
        ]
        for browser, url, *data in attempts:
            assert browser.post(url, data=(data or [None])[0]).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert stored(app, DuplicateSuggestion)[0].state == "open"
    with app.app_context():
        assert db.session.get(Event, event_id).assistant is True


def test_the_worker_process_is_started_again_when_it_died(app, room):
    write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    refresh(app, room["event_id"])
    process = assistant.worker.process
    assert process is not None and process.poll() is None
    process.kill()
    process.wait()
    write(room, 0, KITA), write(room, 0, KITA_TOO)
    assert refresh(app, room["event_id"]) is True
    assert len(open_pairs(app, room["event_id"])) == 2
    assert assistant.worker.process.pid != process.pid


def test_cards_without_words_are_compared_too(app, room):
    """Emoji, punctuation or stop words alone once made the comparison fail for
    the whole event ("empty vocabulary")."""
    thumbs = [write(room, 0, "👍"), write(room, 0, "👍")]
    write(room, 0, "Und?"), write(room, 1, "?!")
    for text in ("!!!", "🙂"):  # the only English cards: no words at all
        send_card(room["writers"][2], room["category"], text, language="en")
    first, second = write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    assert refresh(app, room["event_id"]) is True
    assert open_pairs(app, room["event_id"]) == {
        frozenset(thumbs),
        frozenset((first, second)),
    }
    assert all(t.label for t in themes_of(app, room["event_id"]))


def test_a_request_the_worker_cannot_compare_leaves_it_running(app, room):
    from app.services.assistant.worker import ComputeError

    write(room, 0, WAITING), write(room, 0, WAITING_TOO)
    refresh(app, room["event_id"])
    process = assistant.worker.process
    with pytest.raises(ComputeError, match="Traceback"):
        assistant.worker.compute({"language": "de", "accepted": [], "scopes": None})
    assert assistant.worker.process is process and process.poll() is None
    write(room, 0, KITA), write(room, 0, KITA_TOO)
    assert refresh(app, room["event_id"]) is True
    assert len(open_pairs(app, room["event_id"])) == 2


def test_a_pair_that_changed_meanwhile_is_not_merged_and_nothing_moves(app, room):
    """Between two comparisons a card may be hidden: merging the stale pair is
    refused with a message, and the other card stays at its own table."""
    from app.services.moderation import hide_card

    own, foreign = write(room, 0, WAITING), write(room, 1, WAITING_TOO)
    refresh(app, room["event_id"])
    (suggestion,) = stored(app, DuplicateSuggestion)
    tables = {c.id: c.table_id for c in stored(app, Card)}
    with app.test_request_context(), unit():
        hide_card(db.session.get(Card, own))
    event_id = room["event_id"]
    answer = room["moderator"].post(
        f"/events/{event_id}/assistant/suggestions/{suggestion.id}/merge"
    )
    assert answer.status_code in (302, 400, 409)
    page = room["moderator"].get(f"/events/{event_id}/assistant").get_data(as_text=True)
    assert "Only cards shown at the table can be merged." in page
    cards = {c.id: c for c in stored(app, Card)}
    assert (
        cards[foreign].state == "visible" and cards[foreign].table_id == tables[foreign]
    )
    assert stored(app, DuplicateSuggestion)[0].state == "open"


def test_two_refreshes_at_once_store_each_theme_once(app, room, monkeypatch):
    """A refresh that has stored but not yet committed holds the next one back
    (several processes behind nginx, or the moderator's button during a
    background refresh): the second sees the first's themes, adds none twice."""
    import threading

    from app.services.assistant import storage

    write_two_topics(room)
    event_id = room["event_id"]
    with app.test_request_context():
        computed = assistant.worker.compute(
            assistant.comparison_request(db.session.get(Event, event_id))
        )
    first_stored, release = threading.Event(), threading.Event()
    store_themes = storage.store_themes

    def store_and_wait(event, proposals):
        changed = store_themes(event, proposals)
        if threading.current_thread().name == "first":
            first_stored.set()
            release.wait(10)  # not committed yet
        return changed

    monkeypatch.setattr(assistant, "store_themes", store_and_wait)

    failed = []

    def store(name):
        try:
            with app.test_request_context(), unit():
                event = db.session.get(Event, event_id)
                assistant.store_comparison(event, computed)
        except Exception as error:  # e.g. a pair inserted twice
            failed.append(error)

    first = threading.Thread(target=store, args=("first",), name="first")
    second = threading.Thread(target=store, args=("second",), name="second")
    first.start()
    assert first_stored.wait(10)
    second.start()
    second.join(0.5)  # it waits for the first's commit
    release.set()
    first.join(10), second.join(10)
    assert failed == []
    proposed = themes_of(app, event_id)
    assert len(proposed) == len(next(iter(computed["themes"].values()))) >= 2
    assert len({frozenset(c.id for c in t.cards) for t in proposed}) == len(proposed)
    assert len(stored(app, DuplicateSuggestion)) == len(computed["pairs"])


def test_cards_move_only_between_accepted_themes_and_stay_there(app, room):
    """A proposal is worked out anew with every comparison: a card moved into
    one would be gone from it after the next. Moves go into accepted themes,
    and last."""
    cards = write_two_topics(room)
    event_id = room["event_id"]
    refresh(app, event_id)
    themes = themes_of(app, event_id)
    waiting = next(t for t in themes if "Ausländerbehörde" in t.label)
    kita = next(t for t in themes if t.id != waiting.id)
    base = f"/events/{event_id}/assistant"
    moved = cards["waiting"][2]
    for target in (kita.id, 0):  # a proposal, or out of one
        room["moderator"].post(f"{base}/cards/{moved}/theme", data={"theme": target})
        page = room["moderator"].get(base).get_data(as_text=True)
        assert "Accept the theme first" in page
    assert moved in {c.id for c in stored(app, Theme, Theme.id == waiting.id)[0].cards}
    assert (
        'name="theme"'
        not in page.split(f'id="theme-{kita.id}"')[1].split("</article>")[0]
    )  # no accepted theme to move to yet
    room["moderator"].post(f"{base}/themes/{kita.id}/accept", data={"label": "Kita"})
    room["host"].post(f"/me/host/cards/{moved}/theme", data={"theme": kita.id})
    write(room, 0, "Termine bei der Ausländerbehörde dauern lange")
    refresh(app, event_id)
    kita_now = stored(app, Theme, Theme.id == kita.id)[0]
    assert moved in {c.id for c in kita_now.cards}
    assert stored(app, Card, Card.id == moved)[0].heading == "Kita"
    proposed = themes_of(app, event_id, "proposed")
    assert all(moved not in {c.id for c in t.cards} for t in proposed)
