"""Cards for the assistant benchmarks: the labelled set's texts (tests/data/
assistant, five languages) spread over an event's tables, one action field per
table, as a moderator would have entered them."""

import json
import uuid
from pathlib import Path

from app.extensions import db
from app.models import Card

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "assistant"


def field_texts():
    """[[(language, text)]]: the set's unique texts per action field."""
    fields = {}
    for path in sorted(DATA.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for pair in data["pairs"]:
            found = fields.setdefault(pair["field"], {})
            for text in (pair["a"], pair["b"]):
                found.setdefault(text, data["language"])
    return [[(lang, text) for text, lang in texts.items()] for texts in fields.values()]


def seed_cards(event, count):
    """Add `count` visible cards to the event's first phase, table i gets the
    texts of field i (round robin)."""
    fields = field_texts()
    phase = event.phases[0]
    categories = phase.categories
    tables = event.tables
    for i in range(count):
        table = tables[i % len(tables)]
        texts = fields[i % len(tables) % len(fields)]
        language, text = texts[(i // len(tables)) % len(texts)]
        db.session.add(
            Card(
                uuid=str(uuid.uuid4()),
                event_id=event.id,
                table_id=table.id,
                phase_id=phase.id,
                category_id=categories[i % len(categories)].id,
                entered_by="moderator",
                text=text,
                language=language,
            )
        )
    db.session.flush()
