"""Build the report PDF of a large event and print the time and peak memory.

    .venv/bin/python bench/report_build.py --cards 1000 --photos 30 --polls 5

The event (catalogue "osnabrueck": 9 tables, both dialogue-forum phases) is made
in a throw-away SQLite database; cards are spread over tables, phases and
categories, one in six written in Arabic, Farsi, Ukrainian or Turkish, some
hidden. Poster photos (2000x1500 JPEGs with a camera's noise) go through the
app's photo service into a throw-away upload folder, spread over the tables.
The last line is JSON: cards, photos, polls, seconds, rss_mb, pages, pdf_mb,
images (image objects in the PDF). Polls do not exist in this branch yet: they
are reported as 0."""

import argparse
import io
import json
import os
import re
import resource
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import images  # noqa: E402

SAMPLES = [
    ("de", "Mehr Sprachkurse am Abend, damit Berufstätige teilnehmen können"),
    ("de", "Ein Willkommensbüro im Rathaus mit Beratung in mehreren Sprachen"),
    ("ar", "نحتاج إلى المزيد من دورات اللغة في المساء للعاملين"),
    ("uk", "Потрібно більше мовних курсів для дорослих увечері"),
    ("fa", "ما به کلاس‌های زبان بیشتری برای مادران نیاز داریم"),
    ("tr", "Türkçe konuşan danışmanlar belediyede çok yardımcı olur"),
    ("de", "Patenschaften zwischen Vereinen und neu Zugewanderten fördern"),
    ("en", "Shared meeting places in every district, open in the evening"),
]
CAPTIONS = [
    "Plakat der Arbeitsphase: Stärken und Schwächen",
    "ملصق الطاولة بعد المرحلة الأولى",
    "Zielvorschläge, nach Wichtigkeit sortiert",
    "",
]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=30)
    parser.add_argument("--polls", type=int, default=5)
    parser.add_argument("--language", default="de")
    parser.add_argument("--out", help="also write the PDF here")
    return parser.parse_args()


def make_app(folder):
    from app import create_app
    from app.extensions import db

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
            "SECRET_KEY": "bench",
            "SOCKETIO_ASYNC_MODE": "threading",
            "UPLOAD_FOLDER": f"{folder}/uploads",
        }
    )
    with app.app_context():
        db.create_all()
    return app


def make_event(card_count):
    from app.extensions import db
    from app.models import Participant
    from app.services import accounts, events

    owner = accounts.create_organiser("bench@example.org", "Bench", "x" * 12)
    details = {
        "title": "Integrationskonferenz Landkreis Osnabrück",
        "starts_at": datetime(2026, 11, 24, 17, 0),
        "venue": "Kreishaus",
        "target_group": "Migrant*innen und Fachleute",
        "language": "de",
    }
    event = events.create_event(owner, details, "osnabrueck")
    categories = [c for phase in event.phases for c in phase.categories]
    participant = Participant(event=event, table=event.tables[0])
    db.session.add(participant)
    for number in range(card_count):
        language, text = SAMPLES[number % len(SAMPLES)]
        category = categories[number % len(categories)]
        db.session.add(make_card(event, category, number, language, text, participant))
    db.session.commit()
    return event


def make_card(event, category, number, language, text, participant):
    """A card of the event, at a table by its number; every 50th hidden."""
    from app.models import Card

    return Card(
        uuid=str(uuid.uuid4()),
        event_id=event.id,
        table_id=event.tables[number % len(event.tables)].id,
        phase_id=category.phase_id,
        category_id=category.id,
        participant_id=participant.id,
        text=f"{text} ({number})",
        language=language,
        state="hidden" if number % 50 == 49 else "visible",
    )


def make_photos(event, count):
    """count poster photos, stored as an upload from the laptop is: processed,
    display JPEG and thumbnail written. Returns the seconds that took."""
    from app.services import photos

    started = time.perf_counter()
    for number in range(count):
        table = event.tables[number % len(event.tables)]
        jpeg = images.encoded(images.camera_poster((2000, 1500)), quality=90)
        caption = CAPTIONS[number % len(CAPTIONS)]
        photos.add_photo(
            table, str(uuid.uuid4()), io.BytesIO(jpeg), caption, None, event.organiser
        )
    return time.perf_counter() - started


def main():
    args = arguments()
    from app.services.report import build_report

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        with app.test_request_context():
            event = make_event(args.cards)
            photo_seconds = make_photos(event, args.photos)
            rss_before = peak_rss_mb()
            started = time.perf_counter()
            pdf = build_report(event, args.language)
            seconds = time.perf_counter() - started
    if args.out:
        Path(args.out).write_bytes(pdf)
    print(f"setup: {args.photos} photos stored in {photo_seconds:.1f} s")
    print(f"peak RSS before the build (setup included): {rss_before:.0f} MB")
    report(args, pdf, seconds)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(args, pdf, seconds):
    rss_mb = peak_rss_mb()
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    embedded = len(re.findall(rb"/Subtype /Image\b", pdf))
    print(f"cards: {args.cards} (every 50th hidden)")
    print(f"photos: {args.photos} (2000x1500, {embedded} images in the PDF)")
    print(f"polls: 0 (asked for {args.polls}; polls do not exist in this branch)")
    print(f"build: {seconds:.2f} s, {len(pdf) / 1024:.0f} KB, {pages} pages")
    print(f"peak RSS of this process: {rss_mb:.0f} MB (pid {os.getpid()})")
    result = {
        "cards": args.cards,
        "photos": args.photos,
        "polls": 0,
        "seconds": round(seconds, 2),
        "rss_mb": round(rss_mb, 1),
        "pages": pages,
        "pdf_mb": round(len(pdf) / 1e6, 1),
        "images": embedded,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
