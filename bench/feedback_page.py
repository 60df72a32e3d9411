"""Time the feedback pages of a large process and print their server times.

    .venv/bin/python bench/feedback_page.py --events 6 --cards 300

A process (catalogue "osnabrueck": 9 action fields) with `--events` dialogue
forums of `--cards` cards each, in German, Arabic and Ukrainian; each non-German
card translated into German; nine in ten decided (in groups of 20, as a review
would), every tenth card grouped with the next one into an idea; 20 goals with a
status. All in a throw-away SQLite database, asked through Flask's test client,
so the times are the server's own (no network). Prints p50/p95 over `--runs`
requests of: the overview (/f/<token>), the largest field's first page, the
projector's earlier ideas at the last event, and its report chapter; the last
line is JSON."""

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TEXTS = [
    ("de", "Mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können"),
    ("ar", "نحتاج إلى المزيد من دورات اللغة في المساء للعاملين"),
    ("uk", "Потрібно більше мовних курсів для дорослих увечері"),
]
OUTCOMES = ["in_draft", "adopted", "new_idea", "not_adopted", "passed_on"]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=6)
    parser.add_argument("--cards", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    return parser.parse_args()


def make_process(events, cards_per_event):
    from app.extensions import db
    from app.services import accounts, processes

    owner = accounts.create_organiser("bench@example.org", "Bench", "a-long-password")
    details = {"title": "Bench", "language": "de"}
    process = processes.create_process(owner, details, "osnabrueck")
    for number in range(events):
        when = datetime(2027, 1 + number, 1)
        details = {"title": f"Forum {number}", "starts_at": when}
        add_cards(processes.create_event_in(process, owner, details), cards_per_event)
    last = {"title": "Konferenz", "starts_at": datetime(2028, 1, 1)}
    conference = processes.create_event_in(process, owner, last)
    decide(process, owner)
    add_goals(process, owner)
    db.session.commit()
    return process.id, conference.id


def add_cards(event, count):
    from app.extensions import db
    from app.models import Card, CardTranslation

    phase = event.phases[0]
    for n in range(count):
        language, text = TEXTS[n % len(TEXTS)]
        card = Card(
            uuid=str(uuid.uuid4()),
            event_id=event.id,
            table_id=event.tables[n % len(event.tables)].id,
            phase_id=phase.id,
            category_id=phase.categories[n % len(phase.categories)].id,
            text=f"{text} ({n})",
            language=language,
        )
        if language != "de":
            card.translations.append(
                CardTranslation(language="de", text=f"Übersetzung {n}", state="human")
            )
        db.session.add(card)
    db.session.commit()


def decide(process, owner):
    from app.extensions import db
    from app.models import Idea, IdeaCard
    from app.services import review

    cards = db.session.scalars(review.contributions(process)).all()
    for start in range(0, len(cards), 20):
        group = cards[start : start + 20]
        if (start // 20) % 10 == 9:
            continue  # one in ten groups still under review
        outcome = OUTCOMES[(start // 20) % len(OUTCOMES)]
        review.decide(process, group, owner, outcome, "Kein Geld", "Jobcenter")
    for first, second in zip(cards[::10], cards[1::10], strict=False):
        idea = Idea(process_id=process.id, title="Idee")
        db.session.add(idea)
        db.session.flush()
        db.session.add_all(
            [IdeaCard(idea_id=idea.id, card_id=c.id) for c in (first, second)]
        )
    db.session.commit()


def add_goals(process, owner):
    from app.extensions import db
    from app.models import Goal

    for n in range(20):
        goal = Goal(process_id=process.id, text=f"Ziel {n}", actor="Amt")
        db.session.add(goal)
        goal.record("under_way", date(2027, 6, 1), "", owner)


def timed(client, path, runs):
    """Wall and CPU milliseconds per request: on a shared machine the CPU time
    is the server's own work, the wall time includes waiting for a core."""
    client.get(path)  # templates compiled, caches warm
    wall, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        response = client.get(path, headers={"Accept-Language": "de"})
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return {**_percentiles("", wall), **_percentiles("cpu_", cpu)}


def _percentiles(prefix, times):
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        f"{prefix}p50_ms": round(statistics.median(times), 1),
        f"{prefix}p95_ms": round(p95, 1),
    }


def paths(app, process_id, conference_id):
    from app.extensions import db
    from app.models import Event, Process
    from app.services import feedback

    with app.test_request_context():
        process = db.session.get(Process, process_id)
        fields = feedback.field_feedback(process, "de")
        largest = max(fields, key=lambda f: f.total)
        conference = db.session.get(Event, conference_id)
        conference.projector_feedback = True
        db.session.commit()
        token, projector = process.feedback_token, conference.projector_token
    return {
        "overview": f"/f/{token}",
        "field": f"/f/{token}/{largest.number}",
        "projector": f"/projector/{projector}/feedback",
    }


def chapter_time(app, conference_id):
    from app.extensions import db
    from app.models import Event
    from app.services.fonts import register_fonts
    from app.services.report.earlier_ideas import earlier_ideas

    class Report:
        language = "de"

    with app.test_request_context():
        Report.event = db.session.get(Event, conference_id)
        register_fonts()
        started = time.perf_counter()
        story = earlier_ideas(Report)
        return round((time.perf_counter() - started) * 1000, 1), len(story)


def main():
    from bench.report_build import make_app

    args = arguments()
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        with app.test_request_context():
            process_id, conference_id = make_process(args.events, args.cards)
        client = app.test_client()
        gc.collect()
        gc.freeze()  # as wsgi.py does once the app is loaded
        found = {
            name: timed(client, path, args.runs)
            for name, path in paths(app, process_id, conference_id).items()
        }
        chapter_ms, flowables = chapter_time(app, conference_id)
    cards = args.events * args.cards
    for name, t in found.items():
        print(
            f"{name:10} p50 {t['p50_ms']:6.1f} ms  p95 {t['p95_ms']:6.1f} ms"
            f"  (CPU p50 {t['cpu_p50_ms']:6.1f} ms, p95 {t['cpu_p95_ms']:6.1f} ms)"
        )
    print(f"report chapter (flowables only): {chapter_ms} ms, {flowables} flowables")
    print(json.dumps({"cards": cards, **found, "chapter_ms": chapter_ms}))


if __name__ == "__main__":
    main()
