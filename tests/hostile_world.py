"""An event and a process whose every user-written text is an XSS payload, for
tests/test_hostile_input.py. Phones, a host and an interpreter write over HTTP
as their pages do; what organisers write is stored through the services.

Written so far: the event's title, venue and target group; action fields
(custom catalogue), table names, perspectives, phase and category names and
help, steps; the draft's text and sections; the report's introduction and
closing; mail settings' user name; the organiser's name. Phones: first names,
cards, a photo caption, answers to polls of every kind (words, open text,
consent reasons); polls' questions, options and scale labels. The host: name,
corrected texts, headings, sections, SMART fields, a merge. The interpreter:
name and every translation asked for. The process: title, description, action
fields, review reasons, passed-to, sections, an idea's title, a goal with a
status note, a concept draft version."""

import re
import uuid
from datetime import date, datetime
from itertools import cycle

from sqlalchemy import select

from app.extensions import db
from app.models import Card, Event, Organiser, Participant, Poll, ReportText
from app.services import (
    accounts,
    concept_drafts,
    drafts,
    events,
    goals,
    hosts,
    invitations,
    mail_settings,
    moderation,
    organisations,
    processes,
    programme,
    review,
    spotlight,
    tablets,
)
from app.services.follow import follow_token
from app.services.voting import polls
from tests.live_server import (
    JSON,
    csrf_token,
    http_session,
    seated_phone,
    send_card,
    table_tokens,
)
from tests.photo_helpers import images

# Each runs script when it lands unescaped somewhere: as markup, in an
# attribute, in a script, in a URL. None is longer than the shortest field (40).
PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(2)>',
    "'><script>alert(3)</script>",
    "</script><script>alert(4)</script>",
    "javascript:alert(5)",
    '" autofocus onfocus=alert(7) x="',
    "' onmouseover=alert(8) x='",
    "{{7*191}} ${7*191} %(title)s {0}",
    "\u202eRTL\u202c <a href=javascript:alert(10)>",
    "</textarea><img src=x onerror=alert(11)>",
    "<details open ontoggle=alert(12)>",
    "<iframe srcdoc='<script>alert(6)'>",
]
ALL = " ".join(PAYLOADS)  # fits a card (500 characters)
# What a word cloud takes: one to three words of at most 40 characters.
WORDS = ["<img/src=x/onerror=alert(21)>", "<svg/onload=alert(22)>", "javascript:x()"]
# The words cloud last: it stays open, on the projector.
KINDS = ("single", "multiple", "ranking", "scale", "text", "dots", "consent", "words")


def payloads():
    return cycle(PAYLOADS)


def build(server, database):
    """Write the hostile event and process -> the tokens and ids of what the
    pages show, and the HTTP sessions of the phones, the host and the
    interpreter."""
    with database.test_request_context():
        event_id = _organisers_event()
    tokens = table_tokens(server.database, event_id)
    phones = [
        seated_phone(server.url, tokens[0], first_name=PAYLOADS[0]),
        seated_phone(server.url, tokens[0], first_name=PAYLOADS[1]),
        _english_phone(server.url, tokens[1]),
    ]
    cards = [
        send_card(phone, server.url, text)
        for phone in phones
        for text in (ALL, *PAYLOADS[:4])
    ]
    _upload_photo(phones[0], server.url)
    host = _host(server.url, table_tokens(server.database, event_id, "host")[0])
    interpreter = _interpreter(server, database, event_id)
    with database.test_request_context():
        world = _after_the_phones(event_id, [card["id"] for card in cards])
    _vote(server.url, database, phones, world["polls"])
    _translate_all(server.url, interpreter)
    return world | {
        "event": event_id,
        "organisation": _organisation_of(database, event_id),
        "tables": tokens,
        "phones": phones,
        "host": host,
        "interpreter": interpreter,
    }


def _organisers_event():
    owner = db.session.scalar(select(Organiser))
    owner.name = PAYLOADS[2]
    text = payloads()
    details = {
        "title": next(text),
        "starts_at": datetime(2027, 3, 4, 18, 0),
        "venue": next(text),
        "target_group": next(text),
        "language": "de",
    }
    event = events.create_event(owner, details, "custom", PAYLOADS[:3])
    _programme(event, text)
    drafts.save_draft(event, ALL, "\n".join(PAYLOADS))
    mail_settings.save(event.organisation, owner, _mail_settings(text))
    _members(event, owner)
    db.session.add(
        ReportText(event_id=event.id, language="de", introduction=ALL, closing=ALL)
    )
    moderation.start_phase(event, event.phases[0], confirmed=True)
    return event.id


def _members(event, owner):
    """The organisation's name, a moderator and a reviewer with hostile names,
    assigned, and an open invitation: the organisation's pages, the event's
    and the process's assignments and the audit log show them."""
    organisation = event.organisation
    organisation.name = PAYLOADS[3]
    for number, role in enumerate(("moderator", "reviewer")):
        email = f"{role}@example.org"
        member = accounts.create_organiser(email, PAYLOADS[4 + number], "Kastanie-2027")
        organisations.add_member(organisation, member, role, by=owner)
    organisations.assign(
        event, accounts.account_by_email("moderator@example.org"), owner
    )
    invitations.invite(organisation, "organiser", "neu@example.org", owner)


def _programme(event, text):
    """Table names (the first keeps its action field's), perspectives, phases,
    categories with their help and steps."""
    for table in event.tables[1:]:
        events.update_table(table, next(text), table.action_field, 8)
    programme.save_perspectives(event, "\n".join(PAYLOADS[:4]))
    for phase in event.phases:
        programme.update_phase(phase, next(text), phase.seating)
        category = phase.categories[0]
        programme.save_category(phase, category, next(text), "#aa3300", ALL, True)
    for kind in ("welcome", "break", "other"):
        programme.add_step(event, kind, next(text), 10)


def _mail_settings(text):
    return {
        "server": "mail.example.org",
        "port": 587,
        "security": "starttls",
        "username": next(text),
        "sender": "beteiligung@example.org",
        "password": next(text),
        "forget_password": False,
    }


def _english_phone(base_url, table_token):
    phone = http_session()
    phone.get(f"{base_url}/lang/en")
    page = phone.get(f"{base_url}/t/{table_token}").text
    table = re.search(r'name="table" value="(\d+)"', page).group(1)
    data = {"csrf_token": csrf_token(page), "first_name": PAYLOADS[3], "table": table}
    phone.post(f"{base_url}/t/{table_token}", data=data).raise_for_status()
    return phone


def _upload_photo(phone, base_url):
    page = phone.get(base_url + "/me").text
    response = phone.post(
        base_url + "/me/photos",
        data={
            "csrf_token": csrf_token(page),
            "uuid": str(uuid.uuid4()),
            "caption": PAYLOADS[4],
        },
        files={"photo": ("IMG_0001.JPG", images.phone_jpeg(), "image/jpeg")},
        headers=JSON,
    )
    response.raise_for_status()


def _host(base_url, host_token):
    host = http_session()
    page = host.get(f"{base_url}/h/{host_token}").text
    data = {"csrf_token": csrf_token(page), "first_name": PAYLOADS[5]}
    host.post(f"{base_url}/h/{host_token}", data=data).raise_for_status()
    return host


def _interpreter(server, database, event_id):
    with database.app_context():
        token = db.session.get(Event, event_id).interpreter_token
    interpreter = http_session()
    page = interpreter.get(f"{server.url}/i/{token}").text
    data = {"csrf_token": csrf_token(page), "name": PAYLOADS[6], "languages": ["en"]}
    interpreter.post(f"{server.url}/i/{token}", data=data).raise_for_status()
    return interpreter


def _after_the_phones(event_id, card_ids):
    """The host's work, polls, the tablet, the process with its review."""
    event = db.session.get(Event, event_id)
    cards = [db.session.get(Card, card_id) for card_id in card_ids]
    _hosts_work(cards)
    participant = db.session.scalar(select(Participant).order_by(Participant.id))
    participant.perspective = PAYLOADS[3]
    poll_ids = _polls(event)
    tablets.issue_tablet(event.tables[0])
    spotlight.spotlight_table(event, event.tables[0])
    process_id, feedback = _process(event, cards)
    db.session.commit()
    return {
        "polls": poll_ids,
        "table_ids": [table.id for table in event.tables],
        "tablet": event.tables[0].tablet_token,
        "projector": event.projector_token,
        "join": event.join_token,
        "process": process_id,
        "feedback": feedback,
        "follow": follow_token(participant),
    }


def _hosts_work(cards):
    text = payloads()
    for card in cards[:6]:
        hosts.tidy_card(card, next(text), next(text)[:40], marked=True)
    for card in cards:
        card.section = next(text)[:40]
        card.indicator, card.actor = next(text), next(text)
        card.deadline, card.resources = next(text), next(text)
    hosts.merge_cards(cards[6:8], cards[6])


def _polls(event):
    """One poll of each kind, the words cloud left open on the projector."""
    text = payloads()
    lines = "\n".join(PAYLOADS)
    made = {}
    for kind in KINDS:
        values = {"question": next(text), "kind": kind, "visibility": "live"}
        values |= {"options": lines, "scale_labels": lines, "card_source": "marked"}
        values |= {"max_choices": 2, "scale_min": 1, "scale_max": 5}
        made[kind] = polls.create_poll(event, values).id
    return made


def _vote(base_url, database, phones, poll_ids):
    """Each poll opened in turn, the phones answer; the last stays open."""
    for kind, poll_id in poll_ids.items():
        with database.test_request_context():
            poll = db.session.get(Poll, poll_id)
            polls.open_poll(poll.event, poll)
        for phone in phones:
            page = phone.get(f"{base_url}/me/polls/{poll_id}").text
            form = {"csrf_token": csrf_token(page), **_ballot(kind, page)}
            url = f"{base_url}/me/polls/{poll_id}/vote"
            phone.post(url, data=form, headers=JSON).raise_for_status()


def _ballot(kind, page):
    """What a phone sends for a poll of kind, read off its poll page."""
    options = re.findall(r'name="option" value="(\d+)"', page)
    ranked = re.findall(r'name="rank_(\d+)"', page)
    dotted = re.findall(r'name="dots_(\d+)"', page)
    return {
        "single": {"option": options[:1]},
        "multiple": {"option": options[:2]},
        "ranking": {f"rank_{n}": place for place, n in enumerate(ranked, start=1)},
        "scale": {"value": "3"},
        "text": {"text": ALL[:280]},
        "words": {"entry": WORDS},
        "dots": {f"dots_{n}": 1 for n in dotted[:1]},
        "consent": {"choice": "veto", "reason": PAYLOADS[0]},
    }[kind]


def _translate_all(base_url, interpreter):
    """The interpreter translates every text of the queue with a payload."""
    page = interpreter.get(f"{base_url}/interpret/queue").text
    token = csrf_token(page)
    items = interpreter.get(f"{base_url}/interpret/queue.json").json()["items"]
    text = payloads()
    for item in items:
        interpreter.post(
            base_url + item["url"],
            data={"csrf_token": token, "text": next(text)},
            headers=JSON,
        ).raise_for_status()


def _process(event, cards):
    owner = event.organiser
    text = payloads()
    details = {"title": next(text), "language": "de", "description": ALL}
    process = processes.create_process(owner, details, "custom", PAYLOADS[:3])
    process.starts_on, process.ends_on = date(2027, 1, 1), date(2027, 12, 31)
    processes.attach_event(process, event)
    reviewer = accounts.account_by_email("reviewer@example.org")
    organisations.assign(process, reviewer, owner)
    review.decide(process, cards[:1], owner, "not_adopted", reason=ALL)
    review.decide(process, cards[1:2], owner, "passed_on", passed_to=next(text))
    review.decide(process, cards[2:3], owner, "adopted", section=next(text)[:40])
    review.group_idea(process, cards[3:5], next(text))
    goal = goals.add_goal(process, _goal_fields(text))
    goals.record_status(goal, "under_way", date(2027, 5, 4), ALL, owner)
    concept_drafts.add_version(process, next(text), ALL, "\n".join(PAYLOADS))
    return process.id, process.feedback_token


def _goal_fields(text):
    return {
        "text": next(text),
        "action_field": PAYLOADS[0],
        "indicator": next(text),
        "target_value": next(text),
        "actor": next(text),
        "resources": next(text),
        "deadline": None,
    }


def _organisation_of(database, event_id):
    with database.app_context():
        return db.session.get(Event, event_id).organisation_id
