#!/usr/bin/env python3
"""How good the assistant's suggestions are, against the labelled set in
tests/data/assistant/<language>.json (card pairs marked duplicate or merely
related, each card in a theme of an action field).

Per language and action field, the cards are compared as the app compares an
action field's cards (app/services/assistant/engine.py). Prints, per language
and overall:
- duplicates: precision and recall of the pairs the app suggests
  (engine.duplicate_pairs) over the labelled pairs; "strict precision" also
  counts every suggested pair of two cards of different themes as wrong (a host
  would see those too);
- themes: adjusted Rand index of the proposed groups against the themes, and how
  many cards end up in a group of two or more.
--sweep prints precision/recall for other thresholds (nearest 1.1: no mutual-
nearest rule). --held-out checks the tuning: it picks the thresholds with the
best recall at precision >= 0.85 on some languages and measures them on the
others. The last line is JSON.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from app.services.assistant import engine  # noqa: E402

DATA = ROOT / "tests" / "data" / "assistant"


def load(language):
    """(cards, pairs): cards [(text, theme, field)], pairs [(a, b, duplicate)]."""
    data = json.loads((DATA / f"{language}.json").read_text(encoding="utf-8"))
    cards = {}
    for pair in data["pairs"]:
        for text in (pair["a"], pair["b"]):
            cards.setdefault(text, (pair["theme"], pair["field"]))
    pairs = [(p["a"], p["b"], p["duplicate"]) for p in data["pairs"]]
    return cards, pairs


def compared(language, cards, distance, threshold, nearest):
    """The suggested pairs ({frozenset of two texts}) of every field, and the
    cluster labels with the true themes of every field."""
    suggested, predicted, truth = set(), [], []
    for name in sorted({f for _t, f in cards.values()}):
        texts = [t for t, (_theme, f) in cards.items() if f == name]
        items = [engine.Item(i, {language: t}, name) for i, t in enumerate(texts)]
        alike = engine.similarity(items)
        for i, j, _score in engine.duplicate_pairs(items, threshold, nearest, alike):
            suggested.add(frozenset((texts[i], texts[j])))
        numbers = engine.clusters(items, distance, alike)
        predicted += [f"{name}:{n}" for n in numbers]
        truth += [cards[t][0] for t in texts]
    return suggested, predicted, truth


def duplicates(cards, pairs, suggested):
    labelled = {frozenset((a, b)): dup for a, b, dup in pairs}
    hit = sum(1 for k, dup in labelled.items() if dup and k in suggested)
    wrong = sum(1 for k, dup in labelled.items() if not dup and k in suggested)
    positives = sum(labelled.values())
    cross = sum(
        1
        for key in suggested
        if key not in labelled and len({cards[t][0] for t in key}) == 2
    )
    return {
        "pairs": len(labelled),
        "duplicate_pairs": positives,
        "precision": hit / (hit + wrong) if hit + wrong else 1.0,
        "recall": hit / positives if positives else 0.0,
        "strict_precision": hit / (hit + wrong + cross) if hit + wrong + cross else 1.0,
    }


def measure(languages, threshold, nearest, distance):
    result, every = {}, {"suggested": set(), "pairs": [], "cards": {}}
    for language in languages:
        cards, pairs = load(language)
        suggested, predicted, truth = compared(
            language, cards, distance, threshold, nearest
        )
        grouped = sum(1 for p in predicted if predicted.count(p) > 1)
        result[language] = {
            **duplicates(cards, pairs, suggested),
            "ari": adjusted_rand_score(truth, predicted),
            "cards": len(cards),
            "cards_in_themes": grouped,
        }
        every["suggested"] |= suggested
        every["pairs"] += pairs
        every["cards"].update(cards)
    overall = duplicates(every["cards"], every["pairs"], every["suggested"])
    overall["ari"] = sum(r["ari"] * r["cards"] for r in result.values()) / sum(
        r["cards"] for r in result.values()
    )
    return result, overall


THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6)
NEAREST = (0.1, 0.15, 0.2, 0.25, 0.3, 1.1)
HELD_OUT = (("de,en,tr", "ar,uk"), ("ar,uk,de", "en,tr"), ("en,tr,ar,uk", "de"))


def held_out(distance):
    """Tuned on some languages, measured on the others: (train, test,
    threshold, nearest, overall result on test)."""
    found = []
    for train, test in HELD_OUT:
        best = None
        for threshold in THRESHOLDS:
            for nearest in NEAREST:
                _r, d = measure(train.split(","), threshold, nearest, distance)
                score = d["recall"] if d["precision"] >= 0.85 else -1.0
                if best is None or score > best[0]:
                    best = (score, threshold, nearest)
        _r, d = measure(test.split(","), best[1], best[2], distance)
        found.append((train, test, best[1], best[2], d))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--languages", default="de,en,tr,ar,uk")
    parser.add_argument("--threshold", type=float, default=engine.DUPLICATE_SIMILARITY)
    parser.add_argument("--nearest", type=float, default=engine.NEAREST_SIMILARITY)
    parser.add_argument("--distance", type=float, default=engine.THEME_DISTANCE)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args()
    languages = args.languages.split(",")
    result, overall = measure(languages, args.threshold, args.nearest, args.distance)
    print(
        f"threshold {args.threshold}, mutual nearest from {args.nearest}, "
        f"theme distance {args.distance}"
    )
    for language, r in result.items():
        print(
            f"{language}: {r['pairs']} pairs ({r['duplicate_pairs']} duplicates) "
            f"precision {r['precision']:.2f} recall {r['recall']:.2f} "
            f"strict precision {r['strict_precision']:.2f} · "
            f"themes ARI {r['ari']:.2f}, "
            f"{r['cards_in_themes']}/{r['cards']} cards in a theme"
        )
    if args.sweep:
        for threshold in THRESHOLDS:
            for nearest in NEAREST:
                _r, d = measure(languages, threshold, nearest, args.distance)
                print(
                    f"  threshold {threshold:.2f} nearest {nearest:.2f}: "
                    f"precision {d['precision']:.3f} recall {d['recall']:.3f} "
                    f"strict {d['strict_precision']:.3f}"
                )
    if args.held_out:
        for train, test, threshold, nearest, d in held_out(args.distance):
            print(
                f"  tuned on {train} (threshold {threshold}, nearest {nearest}), "
                f"measured on {test}: precision {d['precision']:.3f} "
                f"recall {d['recall']:.3f}"
            )
    print(
        f"all: {overall['pairs']} pairs precision {overall['precision']:.3f} "
        f"recall {overall['recall']:.3f} strict precision "
        f"{overall['strict_precision']:.3f} · ARI {overall['ari']:.3f}"
    )
    print(json.dumps({k: round(v, 3) for k, v in overall.items()}))


if __name__ == "__main__":
    main()
