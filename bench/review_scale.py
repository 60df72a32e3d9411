"""Time the review page of a large process and print p50/p95 over its filters.

    .venv/bin/python bench/review_scale.py --events 6 --cards 300

A process (catalogue "osnabrueck", 9 action fields) with `events` dialogue forums
of `cards` cards each, written in German, Arabic and Ukrainian, is made in a
throw-away SQLite database; half of the other-language cards have a machine
translation into German, a third of all cards are decided (some twice, so they
have history) and a few are grouped into ideas. Each filter of the page (none,
by event, target group, phase, category, language, each review state, page 2)
is requested `--rounds` times through the app in this process, as the server
handles it: the time is the request's, rendering included, network excluded.
What lives from the start is frozen for the garbage collector, as wsgi.py does.
The last line is JSON: cards, requests, p50_ms, p95_ms, max_ms, queries (per
request, the largest), kb (the largest page)."""

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import report_build  # noqa: E402

TEXTS = [
    ("de", "Mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können"),
    ("ar", "نحتاج إلى المزيد من دورات اللغة في المساء للعاملين"),
    ("uk", "Потрібно більше мовних курсів для дорослих увечері"),
]
OUTCOMES = ("in_draft", "adopted", "new_idea", "not_adopted", "passed_on")
GROUPS = ("Eltern", "Jugendliche", "Ehrenamtliche", "Migrant*innen", "Betriebe")
PASSWORD = "bench-password-1"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=6)
    parser.add_argument("--cards", type=int, default=300, help="cards per event")
    parser.add_argument("--rounds", type=int, default=5)
    return parser.parse_args()


def make_app(folder):
    app = report_build.make_app(folder)  # the same throw-away app and database
    app.config["WTF_CSRF_ENABLED"] = False
    return app


def make_process(event_count, card_count):
    from app.services import accounts, processes

    owner = accounts.create_organiser("bench@example.org", "Bench", PASSWORD)
    process = processes.create_process(
        owner, {"title": "Konzept Migration und Integration"}, "osnabrueck"
    )
    for number in range(event_count):
        details = {
            "title": f"Dialogforum {chr(97 + number)}",
            "starts_at": datetime(2027, 2, 1, 18) + timedelta(days=14 * number),
            "target_group": GROUPS[number % len(GROUPS)],
        }
        event = processes.create_event_in(process, owner, details)
        add_cards(event, card_count)
    review_some(process, owner)
    return process


def add_cards(event, count):
    from app.extensions import db
    from app.models import Card, CardTranslation

    categories = [c for phase in event.phases for c in phase.categories]
    for number in range(count):
        language, text = TEXTS[number % len(TEXTS)]
        category = categories[number % len(categories)]
        card = Card(
            uuid=str(uuid.uuid4()),
            event_id=event.id,
            table_id=event.tables[number % len(event.tables)].id,
            phase_id=category.phase_id,
            category_id=category.id,
            text=f"{text} ({event.id}/{number})",
            language=language,
        )
        if language != "de" and number % 2:
            translation = CardTranslation(language="de")
            translation.record_machine(f"Übersetzt: Sprachkurse ({number})")
            card.translations.append(translation)
        db.session.add(card)
    db.session.commit()


def review_some(process, owner):
    from app.extensions import db
    from app.services import review

    cards = db.session.scalars(review.contributions(process)).all()
    for number, card in enumerate(cards[::3]):
        outcome = OUTCOMES[number % len(OUTCOMES)]
        fields = {"reason": "Schon geplant", "passed_to": "Jobcenter"}
        review.decide(process, [card], owner, outcome, **fields)
        if number % 4 == 0:
            review.decide(process, [card], owner, "adopted")
    for start in range(1, 60, 6):
        pair = [cards[start], cards[start + len(cards) // 2]]
        review.group_idea(process, pair, f"Idee {start}")


def filters(process):
    first = process.events[0]
    return [
        {},
        {"event": first.id},
        {"group": first.target_group},
        {"phase": "goals"},
        {"category": "strength"},
        {"language": "ar"},
        {"state": "undecided"},
        *({"state": outcome} for outcome in OUTCOMES),
        {"page": 2},
    ]


def time_requests(app, process_id, queries, rounds):
    from sqlalchemy import event as sa_event

    from app.extensions import db

    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org", "password": PASSWORD})
    counted, times, sizes = [], [], []
    with app.app_context():
        engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", lambda *a: counted.append(1))
    for query in queries * rounds:
        counted.clear()
        started = time.perf_counter()
        page = client.get(f"/processes/{process_id}/review", query_string=query)
        times.append((time.perf_counter() - started) * 1000)
        assert page.status_code == 200, page.status_code
        sizes.append((len(page.data), len(counted)))
    return times, sizes


def main():
    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        with app.test_request_context():
            process = make_process(args.events, args.cards)
            process_id, queries = process.id, filters(process)
        time_requests(app, process_id, queries, 1)  # warm the template cache
        gc.collect()  # as wsgi.py does after start-up: short full collections
        gc.freeze()
        times, sizes = time_requests(app, process_id, queries, args.rounds)
    cuts = statistics.quantiles(times, n=20)
    result = {
        "cards": args.events * args.cards,
        "requests": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(cuts[18], 1),
        "max_ms": round(max(times), 1),
        "queries": max(count for _size, count in sizes),
        "kb": round(max(size for size, _count in sizes) / 1024),
    }
    print(f"review page of {result['cards']} cards, {len(queries)} filters:")
    for number, query in enumerate(queries):
        mine = sorted(times[number :: len(queries)])
        print(f"  {query or 'no filter'}: {statistics.median(mine):.0f} ms")
    print(f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
