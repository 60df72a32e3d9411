"""A participation process at scale: the review page, the feedback page and the
process PDF, timed.

    .venv/bin/python bench/process_scale.py
    .venv/bin/python bench/process_scale.py --events 6 --cards 300 --rounds 5

Builds, in a throw-away SQLite database, a process ("osnabrueck" catalogue) of
--events dialogue forums with --cards cards each, written in German, Arabic and
Ukrainian (a third of the foreign ones translated into German by an interpreter
or a machine; every 50th card hidden), most of them reviewed, some grouped into
ideas, two polls per event with ballots, and goals with their status history.
Then measures, in this process through Flask's test client (server time, no
network):

- the review page, GET /processes/<id>/review as a logged-in reviewer,
  unfiltered and with each filter (event, target_group, phase, category,
  language, state), up to three values each: those the page itself offers in
  its <select>s, <input>s and links, else guessed ones (ids, outcome keys);
  p50/p95 over all of them;
- the public feedback page, GET /f/<feedback_token>, in German and Arabic;
- the process exports (CSV, XLSX, JSON), one build each;

and, in a fresh Python process of its own, the process PDF: its build time and
the peak RSS of that process while it builds (VmHWM, reset just before the
build), beside its RSS before the build. A page that does not exist yet (404)
is reported as skipped. The last line is JSON."""

import argparse
import gc
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from live_load import percentile  # noqa: E402
from process_data import make_process  # noqa: E402
from report_build import make_app  # noqa: E402

FILTERS = ("event", "target_group", "phase", "category", "language", "state")


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=6)
    parser.add_argument("--cards", type=int, default=300, help="cards per event")
    parser.add_argument("--decided", type=float, default=0.85, help="share reviewed")
    parser.add_argument("--rounds", type=int, default=5, help="requests per URL")
    parser.add_argument("--language", default="de", help="the PDF's language")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", help="also write the PDF here")
    parser.add_argument("--build-pdf", nargs=2, metavar=("DATABASE", "PROCESS"))
    return parser.parse_args()


# The pages


def timed_gets(client, urls, rounds):
    """{url: (status, [seconds])} after one warm-up request each."""
    found = {}
    for url in urls:
        status = client.get(url).status_code
        samples = []
        for _ in range(rounds if status == 200 else 0):
            started = time.perf_counter()
            client.get(url)
            samples.append(time.perf_counter() - started)
        found[url] = (status, samples)
    return found


class FilterFields(HTMLParser):
    """The values a page offers for each filter: <option>s of <select name=…>,
    <input name=… value=…> (radio buttons, checkboxes) and links' queries."""

    def __init__(self):
        super().__init__()
        self.values, self._select = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select in FILTERS:
            self._add(self._select, attrs.get("value"))
        elif tag == "input" and attrs.get("name") in FILTERS:
            self._add(attrs["name"], attrs.get("value"))
        elif tag == "a" and "?" in (attrs.get("href") or ""):
            query = parse_qs(urlsplit(attrs["href"]).query)
            for name in FILTERS:
                for value in query.get(name, []):
                    self._add(name, value)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None

    def _add(self, name, value):
        values = self.values.setdefault(name, [])
        if value and value not in values:
            values.append(value)


def review_urls(client, process, rng):
    """The unfiltered review page, then each filter with up to three values."""
    base = f"/processes/{process.id}/review"
    page = client.get(base)
    if page.status_code != 200:
        return [base]
    fields = FilterFields()
    fields.feed(page.get_data(as_text=True))
    guessed = _guessed_filters(process)
    urls = [base]
    for name in FILTERS:
        values = fields.values.get(name) or guessed[name]
        for value in rng.sample(values, min(3, len(values))):
            urls.append(f"{base}?{urlencode({name: value})}")
    return urls


def _guessed_filters(process):
    event = process.events[0]
    return {
        "event": [str(e.id) for e in process.events],
        "target_group": [e.target_group for e in process.events],
        "phase": [str(p.id) for p in event.phases],
        "category": [str(c.id) for p in event.phases for c in p.categories],
        "language": ["de", "ar", "uk"],
        "state": ["open", "not_adopted", "adopted"],
    }


def measure_pages(app, process, owner_id, rounds, rng):
    reviewer = app.test_client()
    with reviewer.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(owner_id), True
    reviews = timed_gets(reviewer, review_urls(reviewer, process, rng), rounds)
    public = app.test_client()
    feedback = {"de": timed_gets(public, [f"/f/{process.feedback_token}"], rounds)}
    public.get("/lang/ar")
    feedback["ar"] = timed_gets(public, [f"/f/{process.feedback_token}"], rounds)
    return reviews, feedback


def summarise(found):
    """(p50 ms, p95 ms, requests, not-200 answers) over every URL, or None."""
    samples = sorted(s for status, times in found.values() for s in times)
    refused = [status for status, _ in found.values() if status != 200]
    if not samples:
        return None
    return (
        round(percentile(samples, 0.5) * 1000, 1),
        round(percentile(samples, 0.95) * 1000, 1),
        len(samples),
        refused,
    )


def measure_exports(process):
    from app.services import process_exports

    builds = {
        "csv": process_exports.contributions_csv,
        "xlsx": process_exports.process_xlsx,
        "json": process_exports.process_json,
    }
    times = {}
    for kind, build in builds.items():
        started = time.perf_counter()
        data = build(process)
        times[kind] = (round(time.perf_counter() - started, 2), len(data))
    return times


# The PDF, in a process of its own


def build_pdf_here(database, process_id, language, out):
    """Runs in the child: build the PDF once, print JSON with its time and
    the process's memory (MB): before the build and its peak while building."""
    from app import create_app

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "SECRET_KEY": "bench",
            "SOCKETIO_ASYNC_MODE": "threading",
        }
    )
    with app.test_request_context():
        result, pdf = _built(int(process_id), language)
    if out:
        Path(out).write_bytes(pdf)
    print(json.dumps(result))


def _built(process_id, language):
    from app.extensions import db
    from app.models import Process
    from app.services.report import build_process_report

    process = db.session.get(Process, process_id)
    before = status_mb("VmRSS")
    reset = reset_peak()
    started = time.perf_counter()
    pdf = build_process_report(process, language)
    result = {
        "seconds": round(time.perf_counter() - started, 2),
        "rss_before_mb": before,
        "peak_rss_mb": status_mb("VmHWM"),
        "peak_reset": reset,
        "pages": len(re.findall(rb"/Type /Page\b", pdf)),
        "pdf_kb": round(len(pdf) / 1024),
    }
    return result, pdf


def status_mb(key):
    """A line of /proc/self/status (VmRSS: resident now, VmHWM: its peak), MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def reset_peak():
    """Reset VmHWM to the current RSS (Linux: clear_refs 5); False when it
    cannot be, and the peak then covers the start of the process too."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def measure_pdf(database, process_id, language, out):
    command = [sys.executable, __file__, "--language", language]
    command += ["--build-pdf", str(database), str(process_id)]
    if out:
        command += ["--out", out]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise SystemExit(f"PDF build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Output


def main():
    args = arguments()
    if args.build_pdf:
        build_pdf_here(*args.build_pdf, args.language, args.out)
        return
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(folder)
        with app.test_request_context():
            started = time.perf_counter()
            process = make_process(args, rng)
            setup = time.perf_counter() - started
            counts = _counts(process)
            gc.collect()  # as wsgi.py does once the app is loaded
            gc.freeze()
            reviews, feedback = measure_pages(
                app, process, process.organiser_id, args.rounds, rng
            )
            exports = measure_exports(process)
            process_id = process.id
        pdf = measure_pdf(
            Path(folder) / "bench.sqlite", process_id, args.language, args.out
        )
    report(args, setup, counts, reviews, feedback, exports, pdf)


def _counts(process):
    from app.extensions import db
    from app.services import review

    cards = db.session.scalars(review.contributions(process)).all()
    decided = review.current_decisions(process)
    return {"contributions": len(cards), "decided": len(decided)}


def report(args, setup, counts, reviews, feedback, exports, pdf):
    print(f"setup: {args.events} events × {args.cards} cards in {setup:.1f} s")
    print(
        f"contributions: {counts['contributions']} visible, "
        f"{counts['decided']} reviewed"
    )
    review_numbers = _page_lines("review page", reviews)
    feedback_numbers = {
        language: _page_lines(f"feedback page ({language})", found)
        for language, found in feedback.items()
    }
    for kind, (seconds, size) in exports.items():
        print(f"export {kind}: {seconds:.2f} s, {size / 1024:.0f} KB")
    print(
        f"PDF ({args.language}): {pdf['seconds']:.2f} s, {pdf['pages']} pages, "
        f"{pdf['pdf_kb']} KB; RSS before the build {pdf['rss_before_mb']} MB, "
        f"peak while building {pdf['peak_rss_mb']} MB"
        + ("" if pdf["peak_reset"] else " (peak since the process started)")
    )
    print(json.dumps(_result(args, counts, review_numbers, feedback_numbers, pdf)))


def _page_lines(name, found):
    numbers = summarise(found)
    if numbers is None:
        statuses = sorted({status for status, _ in found.values()})
        print(f"{name}: skipped (answers {statuses}: not built in this branch?)")
        return None
    p50, p95, requests, refused = numbers
    print(
        f"{name}: p50 {p50} ms, p95 {p95} ms "
        f"over {requests} requests to {len(found)} URLs"
    )
    for url, (status, times) in found.items():
        slowest = max(times, default=0) * 1000
        print(f"  {status} {url} (slowest {slowest:.0f} ms)")
    if refused:
        print(f"  not 200: {refused}")
    return {"p50_ms": p50, "p95_ms": p95, "urls": len(found), "not_ok": len(refused)}


def _result(args, counts, review_numbers, feedback_numbers, pdf):
    return {
        "events": args.events,
        "cards_per_event": args.cards,
        **counts,
        "review": review_numbers or "skipped",
        "feedback": {k: v or "skipped" for k, v in feedback_numbers.items()},
        "pdf_seconds": pdf["seconds"],
        "pdf_peak_rss_mb": pdf["peak_rss_mb"],
        "pdf_pages": pdf["pages"],
    }


if __name__ == "__main__":
    main()
