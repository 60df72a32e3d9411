"""Televoting through the services, over HTTP and over the live socket."""

import csv
import io
import re

import pytest

from app.extensions import db
from app.models import Ballot, Event, Poll
from app.services.voting import codes, polls
from app.services.voting.results import normalise_entry, results
from tests.conftest import CONFIRMED, join, live_client, send_card


def make_poll(app, event_id, kind, **values):
    """A poll of kind, opened unless open=False; returns its id."""
    opened = values.pop("open", True)
    defaults = {"question": f"Frage {kind}?", "visibility": "live", "step": 0}
    if kind in ("single", "multiple", "ranking"):
        defaults["options"] = "Schule\nVerkehr\nWohnen"
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        poll = polls.create_poll(event, {**defaults, **values, "kind": kind})
        if opened:
            polls.open_poll(event, poll)
        return poll.id


def option_ids(app, poll_id):
    with app.app_context():
        return [o.id for o in db.session.get(Poll, poll_id).options]


def tally(app, poll_id, public=False):
    with app.test_request_context():
        return results(db.session.get(Poll, poll_id), public=public)


def vote(client, poll_id, **form):
    return client.post(
        f"/me/polls/{poll_id}/vote", data=form, headers={"Accept": "application/json"}
    )


@pytest.fixture
def room(app, phone, open_event):
    """An open event with three phones seated at table 1: (event id, data, phones)."""
    event_id, data = open_event()
    phones = [phone() for _ in range(3)]
    for number, client in enumerate(phones):
        join(client, data["tables"][0][1], first_name=f"P{number}", language="en")
    return event_id, data, phones


def test_single_choice_counts_the_latest_vote_of_each_phone(app, room):
    event_id, _, (a, b, c) = room
    poll_id = make_poll(app, event_id, "single")
    school, traffic, housing = option_ids(app, poll_id)
    assert vote(a, poll_id, option=school).status_code == 200
    assert vote(b, poll_id, option=school).status_code == 200
    assert vote(a, poll_id, option=housing).status_code == 200  # changed its mind
    counted = tally(app, poll_id)
    assert [o["count"] for o in counted["options"]] == [1, 0, 1]
    assert [o["percent"] for o in counted["options"]] == [50, 0, 50]
    assert (counted["voters"], counted["present"]) == (2, 3)
    assert vote(c, poll_id, option=[school, traffic]).status_code == 400


def test_multiple_choice_keeps_to_its_minimum_and_maximum(app, room):
    event_id, _, (a, b, _c) = room
    poll_id = make_poll(app, event_id, "multiple", min_choices=2, max_choices=2)
    school, traffic, housing = option_ids(app, poll_id)
    too_few = vote(a, poll_id, option=[school])
    assert too_few.status_code == 400
    assert "at least 2" in too_few.get_json()["error"]
    too_many = vote(a, poll_id, option=[school, traffic, housing])
    assert "at most 2" in too_many.get_json()["error"]
    assert vote(a, poll_id, option=[school, traffic]).status_code == 200
    assert vote(b, poll_id, option=[traffic, housing]).status_code == 200
    counted = tally(app, poll_id)
    assert [o["count"] for o in counted["options"]] == [1, 2, 1]
    assert counted["options"][1]["share"] == 1


def test_scale_shows_distribution_mean_and_median(app, room):
    event_id, _, (a, b, c) = room
    poll_id = make_poll(
        app,
        event_id,
        "scale",
        scale_min=1,
        scale_max=5,
        scale_labels="gar nicht\n\n\n\nsehr",
    )
    for client, value in ((a, 1), (b, 4), (c, 5)):
        assert vote(client, poll_id, value=value).status_code == 200
    assert vote(a, poll_id, value=6).status_code == 400
    assert vote(a, poll_id, value="viel").status_code == 400
    counted = tally(app, poll_id)
    assert [d["count"] for d in counted["distribution"]] == [1, 0, 0, 1, 1]
    assert counted["distribution"][0]["label"] == "gar nicht"
    assert counted["distribution"][4]["label"] == "sehr"
    assert (counted["mean"], counted["median"]) == (3.33, 4)


def test_ranking_counts_borda_points(app, room):
    event_id, _, (a, b, _c) = room
    poll_id = make_poll(app, event_id, "ranking")
    school, traffic, housing = option_ids(app, poll_id)
    places = {f"rank_{school}": 1, f"rank_{traffic}": 2, f"rank_{housing}": 3}
    assert vote(a, poll_id, **places).status_code == 200
    places = {f"rank_{school}": 2, f"rank_{traffic}": 3, f"rank_{housing}": 1}
    assert vote(b, poll_id, **places).status_code == 200
    same_place = {f"rank_{school}": 1, f"rank_{traffic}": 1, f"rank_{housing}": 2}
    assert vote(a, poll_id, **same_place).status_code == 400
    missing = {f"rank_{school}": 1, f"rank_{traffic}": 2}
    assert vote(a, poll_id, **missing).status_code == 400
    counted = tally(app, poll_id)
    ranked = [(o["label"], o["points"]) for o in counted["options"]]
    assert ranked == [("Schule", 5), ("Wohnen", 4), ("Verkehr", 3)]
    assert counted["options"][0]["share"] == 1
    assert all(0 <= o["share"] <= 1 for o in counted["options"])


def test_word_cloud_normalises_drops_stop_words_and_hides_words(app, room):
    event_id, _, (a, b, c) = room
    poll_id = make_poll(app, event_id, "words")
    assert vote(a, poll_id, entry=["  Die   SCHULE! ", "Bus"]).status_code == 200
    assert vote(b, poll_id, entry=["schule", "Idiot"]).status_code == 200
    only_stop_words = vote(c, poll_id, entry=["und die"])
    assert only_stop_words.status_code == 400
    assert vote(c, poll_id, entry=["eins zwei drei vier"]).status_code == 400
    assert vote(c, poll_id, entry=["a", "b", "c", "d"]).status_code == 400
    counted = tally(app, poll_id)
    assert counted["words"][0] == {"word": "schule", "count": 2, "share": 1.0}
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        polls.hide_word(event, db.session.get(Poll, poll_id), "IDIOT")
    words = [w["word"] for w in tally(app, poll_id, public=True)["words"]]
    assert words == ["schule", "bus"]
    assert tally(app, poll_id)["hidden_words"] == ["idiot"]


def test_stop_words_follow_the_language():
    assert normalise_entry("The school", ["en"]) == "school"
    assert normalise_entry("the school", ["de"]) == "the school"
    assert normalise_entry("Okul ve park", ["tr"]) == "okul park"


def test_open_text_answers_are_moderated_like_cards(app, room, logged_in):
    event_id, _, (a, b, _c) = room
    poll_id = make_poll(app, event_id, "text")
    assert vote(a, poll_id, text="Mehr  Bänke\nim Park").status_code == 200
    assert vote(b, poll_id, text="<b>Spam</b>").status_code == 200
    assert vote(b, poll_id, text="x" * 281).status_code == 400
    answers = tally(app, poll_id)["answers"]
    assert [a["text"] for a in answers] == ["<b>Spam</b>", "Mehr Bänke im Park"]
    spam = answers[0]["id"]
    hidden = logged_in.post(
        f"/events/{event_id}/polls/{poll_id}/answers/{spam}/hide",
        headers={"Accept": "application/json"},
    )
    assert hidden.status_code == 200
    public = tally(app, poll_id, public=True)["answers"]
    assert [a["text"] for a in public] == ["Mehr Bänke im Park"]
    logged_in.post(f"/events/{event_id}/polls/{poll_id}/answers/{spam}/show")
    assert len(tally(app, poll_id, public=True)["answers"]) == 2


def test_consent_check_wants_a_reason_for_a_veto(app, room):
    event_id, _, (a, b, c) = room
    poll_id = make_poll(app, event_id, "consent")
    assert vote(a, poll_id, choice="agree").status_code == 200
    assert vote(b, poll_id, choice="live_with").status_code == 200
    no_reason = vote(c, poll_id, choice="veto")
    assert no_reason.status_code == 400
    assert "why" in no_reason.get_json()["error"]
    assert vote(c, poll_id, choice="maybe").status_code == 400
    assert vote(c, poll_id, choice="veto", reason="Zu teuer").status_code == 200
    counted = tally(app, poll_id)
    assert [c["count"] for c in counted["choices"]] == [1, 1, 1]
    assert counted["reasons"] == ["Zu teuer"]


def moderation_start(event, index):
    from app.services import moderation

    moderation.start_phase(event, event.phases[index], confirmed=True)


def test_dot_voting_on_goal_proposals(app, room, event_data):
    event_id, data, phones = room
    a, b, c = phones
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        moderation_start(event, 1)
    goal = data["phases"][1][1][0]
    send_card(a, goal, "Radweg an der B6")
    send_card(b, goal, "Jugendtreff öffnen")
    send_card(c, data["phases"][1][1][1], "Keine Zielkarte")
    poll_id = make_poll(
        app, event_id, "dots", card_source=f"category:{goal}", dots=3, dots_per_card=2
    )
    bike, youth = option_ids(app, poll_id)
    assert (
        vote(a, poll_id, **{f"dots_{bike}": 2, f"dots_{youth}": 1}).status_code == 200
    )
    assert vote(b, poll_id, **{f"dots_{youth}": 2}).status_code == 200
    too_many = vote(c, poll_id, **{f"dots_{bike}": 2, f"dots_{youth}": 2})
    assert too_many.status_code == 400
    assert "3 dots" in too_many.get_json()["error"]
    assert vote(c, poll_id, **{f"dots_{bike}": 3}).status_code == 400
    assert vote(c, poll_id, **{"dots_999": 1}).status_code == 400
    assert vote(c, poll_id, **{f"dots_{bike}": 0}).status_code == 400
    counted = tally(app, poll_id)
    assert [(o["label"], o["dots"]) for o in counted["options"]] == [
        ("Jugendtreff öffnen", 3),
        ("Radweg an der B6", 2),
    ]
    assert counted["dots"] == 5
    assert counted["options"][0]["table"]["number"] == 1
    assert counted["options"][0]["card_id"] is not None


def test_dot_voting_on_the_marked_cards_and_an_empty_selection(app, room):
    from app.models import Card, DomainError

    event_id, data, (a, _b, _c) = room
    send_card(a, data["phases"][0][1][0], "Gute Busse")
    marked = {
        "question": "Punkte",
        "kind": "dots",
        "visibility": "live",
        "card_source": "marked",
        "dots": 3,
        "dots_per_card": 1,
    }
    with app.test_request_context():
        event = db.session.get(Event, event_id)
        with pytest.raises(DomainError) as refused:
            polls.create_poll(event, marked)
        assert refused.value.status == 400
        db.session.rollback()
        card = db.session.scalars(db.select(Card)).one()
        card.present_position = 1  # the table's host marked it to present
        db.session.commit()
        poll = polls.create_poll(event, marked)
        assert [o.label for o in poll.options] == ["Gute Busse"]


def test_a_closed_poll_or_an_unknown_option_changes_nothing(app, room, logged_in):
    event_id, _, (a, b, _c) = room
    poll_id = make_poll(app, event_id, "single")
    school, *_ = option_ids(app, poll_id)
    assert vote(a, poll_id, option=99999).status_code == 400
    assert vote(a, poll_id, option="x").status_code == 400
    assert tally(app, poll_id)["voters"] == 0
    logged_in.post(f"/events/{event_id}/polls/{poll_id}/close")
    closed = vote(b, poll_id, option=school)
    assert closed.status_code == 409
    assert "closed" in closed.get_json()["error"]
    assert tally(app, poll_id)["voters"] == 0


def test_phones_see_no_draft_and_no_poll_of_another_event(app, room, phone, open_event):
    event_id, _, (a, _b, _c) = room
    draft = make_poll(app, event_id, "single", open=False)
    assert a.get(f"/me/polls/{draft}").status_code == 404
    other_event, other_data = open_event(title="Anderes Forum")
    other_poll = make_poll(app, other_event, "single")
    assert a.get(f"/me/polls/{other_poll}").status_code == 404
    assert vote(a, other_poll, option=1).status_code == 404
    stranger = phone()
    assert stranger.get(f"/me/polls/{draft}").status_code == 401


def test_votes_are_rate_limited(app, room):
    event_id, _, (a, _b, _c) = room
    poll_id = make_poll(app, event_id, "single")
    school, *_ = option_ids(app, poll_id)
    app.config["VOTE_RATE_LIMIT"] = 3
    try:
        answers = [vote(a, poll_id, option=school).status_code for _ in range(4)]
    finally:
        app.config["VOTE_RATE_LIMIT"] = 20
    assert answers == [200, 200, 200, 429]


def test_voting_without_javascript(app, room):
    event_id, _, (a, _b, _c) = room
    poll_id = make_poll(app, event_id, "single")
    school, *_ = option_ids(app, poll_id)
    page = a.get(f"/me/polls/{poll_id}").get_data(as_text=True)
    assert "Frage single?" in page and 'name="option"' in page
    sent = a.post(f"/me/polls/{poll_id}/vote", data={"option": school})
    assert sent.status_code == 302
    page = a.get(f"/me/polls/{poll_id}").get_data(as_text=True)
    assert "your vote is counted" in page
    assert re.search(rf'value="{school}"\s+checked', page)
    refused = a.post(f"/me/polls/{poll_id}/vote", data={}, follow_redirects=True)
    assert "Please choose one option." in refused.get_data(as_text=True)


def test_the_table_page_points_to_the_open_poll(app, room):
    event_id, _, (a, _b, _c) = room
    assert 'id="poll-banner" hidden' in a.get("/me").get_data(as_text=True)
    poll_id = make_poll(app, event_id, "single")
    page = a.get("/me").get_data(as_text=True)
    assert f'href="/me/polls/{poll_id}"' in page
    assert a.get("/me/state").get_json()["poll"]["id"] == poll_id


def test_lifecycle_reveal_reset_and_reopen(app, room, logged_in):
    event_id, _, (a, _b, _c) = room
    poll_id = make_poll(app, event_id, "single", visibility="reveal")
    school, *_ = option_ids(app, poll_id)
    vote(a, poll_id, option=school)
    base = f"/events/{event_id}/polls/{poll_id}"
    projector = tally_for_projector(app, event_id)
    assert projector["hidden"] is True and projector["voters"] == 1
    assert "options" not in projector
    logged_in.post(f"{base}/close")
    assert tally_for_projector(app, event_id).get("hidden") is True
    logged_in.post(f"{base}/reveal")
    assert tally_for_projector(app, event_id)["options"][0]["count"] == 1
    logged_in.post(f"{base}/open")  # re-open: the votes stay
    assert tally(app, poll_id)["voters"] == 1
    logged_in.post(f"{base}/reset")
    with app.app_context():
        poll = db.session.get(Poll, poll_id)
        assert (poll.state, poll.revealed) == ("draft", False)
        assert db.session.scalar(db.select(db.func.count(Ballot.id))) == 0


def tally_for_projector(app, event_id):
    from app.live.payloads import projector_poll_payload

    with app.test_request_context():
        return projector_poll_payload(db.session.get(Event, event_id))["poll"][
            "results"
        ]


def test_only_results_after_closing_stay_hidden_while_open(app, room):
    event_id, _, _ = room
    poll_id = make_poll(app, event_id, "single", visibility="closed")
    with app.app_context():
        poll = db.session.get(Poll, poll_id)
        assert not poll.results_public()
        poll.close()
        assert poll.results_public()


def test_opening_a_poll_closes_the_other_open_one(app, room):
    event_id, _, _ = room
    first = make_poll(app, event_id, "single")
    second = make_poll(app, event_id, "consent")
    with app.app_context():
        assert db.session.get(Poll, first).state == "closed"
        assert db.session.get(Poll, second).state == "open"
        assert db.session.get(Event, event_id).projector_poll_id == second


def test_a_poll_in_the_runsheet_opens_and_closes_with_its_step(app, room, logged_in):
    event_id, _, _ = room
    from app.services import programme

    with app.test_request_context():
        event = db.session.get(Event, event_id)
        step_id = programme.add_step(event, "vote", "Abstimmung", 10).id
    poll_id = make_poll(app, event_id, "single", open=False, step=step_id)
    logged_in.post(f"/events/{event_id}/steps/{step_id}/start", data=CONFIRMED)
    with app.app_context():
        assert db.session.get(Poll, poll_id).state == "open"
    logged_in.post(f"/events/{event_id}/steps/{step_id}/end")
    with app.app_context():
        assert db.session.get(Poll, poll_id).state == "closed"


def test_closing_the_event_closes_the_open_poll(app, room, logged_in):
    event_id, _, _ = room
    poll_id = make_poll(app, event_id, "single")
    logged_in.post(f"/events/{event_id}/close", data=CONFIRMED)
    with app.app_context():
        assert db.session.get(Poll, poll_id).state == "closed"


def test_only_a_draft_can_be_edited(app, room, logged_in):
    event_id, _, _ = room
    poll_id = make_poll(app, event_id, "single", open=False)
    form = {"question": "Neu?", "visibility": "live", "options": "A\nB", "step": 0}
    edited = logged_in.post(f"/events/{event_id}/polls/{poll_id}/edit", data=form)
    assert edited.status_code == 302
    assert [o["label"] for o in tally(app, poll_id)["options"]] == ["A", "B"]
    logged_in.post(f"/events/{event_id}/polls/{poll_id}/open")
    refused = logged_in.post(f"/events/{event_id}/polls/{poll_id}/edit", data=form)
    assert refused.status_code == 409


def poll_count(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Poll.id)))


def test_creating_polls_over_http_with_clear_errors(app, room, logged_in):
    event_id, _, _ = room
    logged_in.get("/lang/en")
    base = f"/events/{event_id}/polls"
    assert "Word cloud" in logged_in.get(base).get_data(as_text=True)
    one_option = logged_in.post(
        f"{base}/new/single",
        data={"question": "Q?", "visibility": "live", "options": "Nur eins", "step": 0},
    )
    assert one_option.status_code == 400
    assert "at least two options" in one_option.get_data(as_text=True)
    no_question = logged_in.post(
        f"{base}/new/scale",
        data={"question": "", "visibility": "live", "scale_min": 1, "scale_max": 5},
    )
    assert "This field is required." in no_question.get_data(as_text=True)
    assert not poll_count(app)
    bad_scale = logged_in.post(
        f"{base}/new/scale",
        data={"question": "Q?", "visibility": "live", "scale_min": 5, "scale_max": 1},
    )
    assert bad_scale.status_code == 400
    created = logged_in.post(
        f"{base}/new/scale",
        data={"question": "Wie zufrieden?", "visibility": "reveal", "scale_min": 1,
              "scale_max": 5, "step": 0},
    )  # fmt: skip
    assert created.status_code == 302
    assert logged_in.get(f"{base}/new/bogus").status_code == 404


def test_other_audiences_cannot_run_polls(app, room, client):
    event_id, _, (a, _b, _c) = room
    poll_id = make_poll(app, event_id, "single", open=False)
    for outsider in (client, a):
        answer = outsider.post(f"/events/{event_id}/polls/{poll_id}/open")
        assert answer.status_code in (302, 401, 403)
    with app.app_context():
        assert db.session.get(Poll, poll_id).state == "draft"


def test_results_csv_during_the_event(app, room, logged_in):
    event_id, _, (a, b, _c) = room
    logged_in.get("/lang/en")
    poll_id = make_poll(app, event_id, "single", question="=Schule oder Verkehr?")
    school, traffic, _ = option_ids(app, poll_id)
    vote(a, poll_id, option=school)
    vote(b, poll_id, option=traffic)
    answer = logged_in.get(f"/events/{event_id}/polls/{poll_id}/results.csv")
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["Question", "'=Schule oder Verkehr?"]
    assert ["Votes cast", "2"] in rows
    assert ["Schule", "1", "50"] in rows


def test_voting_codes_bind_one_phone_each(app, room, phone, logged_in):
    event_id, data, (a, b, _c) = room
    logged_in.get("/lang/en")
    logged_in.post(f"/events/{event_id}/voting-codes", data={"count": 2})
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert event.vote_with_codes
        first, second = (c.code for c in codes.codes_of(event))
    poll_id = make_poll(app, event_id, "single")
    school, *_ = option_ids(app, poll_id)
    without = vote(a, poll_id, option=school)
    assert without.status_code == 403
    assert "voting code" in without.get_json()["error"]
    assert "voting slip" in a.get(f"/me/polls/{poll_id}").get_data(as_text=True)
    typed = codes.display(first).upper()
    a.post("/me/voting-code", data={"code": f" {typed} "})
    assert vote(a, poll_id, option=school).status_code == 200
    refused = b.post("/me/voting-code", data={"code": first}, follow_redirects=True)
    assert "already been used" in refused.get_data(as_text=True)
    wrong = b.post("/me/voting-code", data={"code": "nope"}, follow_redirects=True)
    assert "not valid" in wrong.get_data(as_text=True)
    # A scanned slip on a phone that has not joined yet: redeemed after joining.
    newcomer = phone()
    assert newcomer.get(f"/v/{second}").status_code == 302
    join(newcomer, data["tables"][0][1], language="en")
    assert vote(newcomer, poll_id, option=school).status_code == 200
    assert tally(app, poll_id)["voters"] == 2
    pdf = logged_in.get(f"/events/{event_id}/voting-codes.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_voting_code_guessing_is_rate_limited(app, room):
    _, _, (a, _b, _c) = room
    for n in range(10):
        a.post("/me/voting-code", data={"code": f"guess{n}"})
    last = a.post("/me/voting-code", data={"code": "guess"}, follow_redirects=True)
    assert "Too many attempts" in last.get_data(as_text=True)


def test_a_vote_pushes_a_tally_to_console_and_projector_not_to_phones(
    app, room, logged_in, event_data
):
    event_id, data, (a, b, _c) = room
    poll_id = make_poll(app, event_id, "single")
    school, *_ = option_ids(app, poll_id)
    console = live_client(app, logged_in, {"role": "console", "event": event_id})
    projector = live_client(
        app, app.test_client(), {"role": "projector", "token": data["projector_token"]}
    )
    watcher = live_client(app, b, {"role": "phone"})
    for client in (console, projector, watcher):
        client.get_received("/live")
    vote(a, poll_id, option=school)
    console_tallies = [m for m in console.get_received("/live") if m["name"] == "tally"]
    projector_tallies = [
        m for m in projector.get_received("/live") if m["name"] == "tally"
    ]
    assert console_tallies[-1]["args"][0]["options"][0]["count"] == 1
    assert projector_tallies[-1]["args"][0]["voters"] == 1
    assert not [m for m in watcher.get_received("/live") if m["name"] == "tally"]


def test_phones_hear_when_a_poll_opens_and_closes(app, room, logged_in):
    event_id, _, (a, _b, _c) = room
    poll_id = make_poll(app, event_id, "single", open=False)
    listener = live_client(app, a, {"role": "phone"})
    listener.get_received("/live")
    logged_in.post(f"/events/{event_id}/polls/{poll_id}/open")
    logged_in.post(f"/events/{event_id}/polls/{poll_id}/close")
    pushed = [
        m["args"][0] for m in listener.get_received("/live") if m["name"] == "poll"
    ]
    assert [(p["id"], p["state"]) for p in pushed] == [
        (poll_id, "open"),
        (poll_id, "closed"),
    ]
    assert pushed[0]["url"] == f"/me/polls/{poll_id}"


def test_a_burst_of_votes_sends_few_tallies(app, room, logged_in):
    import time

    event_id, _, phones = room
    poll_id = make_poll(app, event_id, "single")
    school, *_ = option_ids(app, poll_id)
    console = live_client(app, logged_in, {"role": "console", "event": event_id})
    console.get_received("/live")
    app.config["TALLY_PUSH_INTERVAL"] = 2.0  # the three votes fit in one interval
    try:
        for client in phones:
            vote(client, poll_id, option=school)
        time.sleep(2.5)
    finally:
        app.config["TALLY_PUSH_INTERVAL"] = 0
    tallies = [
        m["args"][0] for m in console.get_received("/live") if m["name"] == "tally"
    ]
    assert len(tallies) <= 2
    assert tallies[-1]["voters"] == 3


def test_poll_results_in_the_event_export(app, room, logged_in):
    event_id, _, (a, _b, _c) = room
    poll_id = make_poll(app, event_id, "single")
    school, *_ = option_ids(app, poll_id)
    vote(a, poll_id, option=school)
    make_poll(app, event_id, "words", open=False)
    exported = logged_in.get(f"/events/{event_id}/export.json").get_json()
    assert len(exported["polls"]) == 1
    assert exported["polls"][0]["votes"] == 1
    assert exported["polls"][0]["results"][0] == ["Schule", 1, 100]


def test_the_report_has_a_televoting_chapter(app, room, logged_in):
    import subprocess

    event_id, _, (a, b, _c) = room
    poll_id = make_poll(app, event_id, "ranking", question="Was zuerst?")
    school, traffic, housing = option_ids(app, poll_id)
    vote(
        a, poll_id, **{f"rank_{school}": 1, f"rank_{traffic}": 2, f"rank_{housing}": 3}
    )
    text_poll = make_poll(app, event_id, "text", question="Was fehlt?")
    vote(b, text_poll, text="Ein Kino")
    logged_in.post(f"/events/{event_id}/polls/{text_poll}/close")
    pdf = logged_in.get(f"/events/{event_id}/report.pdf?lang=en")
    assert pdf.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.data, capture_output=True
    ).stdout.decode()
    assert "Televoting" in text
    assert "Was zuerst?" in text and "Was fehlt?" in text
    assert re.search(r"Schule\s+3", text)
    assert "Ein Kino" in text


def test_the_projector_shows_either_a_poll_or_a_table(app, room, logged_in):
    event_id, data, _ = room
    table_id = data["tables"][0][0]
    poll_id = make_poll(app, event_id, "single")  # opening puts it on the projector
    logged_in.post(f"/events/{event_id}/spotlight", data={"table": table_id})
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert (event.spotlight_table_id, event.projector_poll_id) == (table_id, None)
    logged_in.post(f"/events/{event_id}/polls/{poll_id}/project")
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert (event.spotlight_table_id, event.projector_poll_id) == (None, poll_id)
    logged_in.post(f"/events/{event_id}/spotlight", data={"table": ""})  # join view
    with app.app_context():
        assert db.session.get(Event, event_id).projector_poll_id is None
