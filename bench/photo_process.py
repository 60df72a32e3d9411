"""How long the server needs for one poster photo, and what hostile uploads cost it.

In this process: makes a 12-megapixel JPEG (4000x3000, with EXIF orientation and
GPS tags, noisy like a real photo) and times the whole processing (decode, turn,
strip, shrink, encode both sizes), face detection alone, and face detection on the
full 12 MP.

On the real server (bin/serve's gunicorn and gevent worker, started as the tests
start it): sends each kind of hostile upload --parallel times at once to the
console's upload and reads the worker's peak RSS (VmHWM, reset before each kind):

    png-8000          253 KB PNG declaring 8000x8000 RGBA, 256 MB decoded (#13)
    jpeg-7900         630-byte JPEG whose header declares 7900x7900 (#13)
and blank images just inside the default memory budget (PHOTO_DECODE_MAX_MB):
    png-37mp          6100x6100 RGB PNG, 110 KB
    jpeg-progressive  6600x6600 progressive JPEG (libjpeg keeps every coefficient)
    webp-12mp         4000x3000 lossless WebP, 526 bytes (libwebp keeps two canvases)
    heic-24mp         24 megapixels, an iPhone's size, 15 KB (slow to make)

Prints the numbers, then one line of JSON.

    .venv/bin/python bench/photo_process.py [--runs 5] [--parallel 10]
        [--kinds png-8000,jpeg-7900] [--uploads-only] [--blur]
"""

import argparse
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hostile_uploads import KINDS, run_uploads  # noqa: E402
from PIL import Image  # noqa: E402

from tests import images  # noqa: E402

MAX_PIXELS = 64_000_000


def twelve_megapixel_jpeg():
    photo = images.camera_poster((4000, 3000))
    # Stored sideways like the rest of the photo: upright once EXIF turns it.
    photo.paste(images.face(400).rotate(90), (3200, 200))
    exif = images.exif_with_secrets(orientation=6)
    return images.encoded(photo, exif=exif, quality=92)


def timed(function, runs):
    """Median and best wall time in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def time_processing(runs):
    from app.services.face_blur import find_faces
    from app.services.photo_processing import Limits, process_photo

    limits = Limits(MAX_PIXELS, 192 * 1024 * 1024)
    data = twelve_megapixel_jpeg()
    full = Image.open(io.BytesIO(data))
    full.load()
    display = Image.open(io.BytesIO(process_photo(data, limits).display))
    display.load()
    results = {
        "input_mb": round(len(data) / 1e6, 2),
        "process_ms": timed(lambda: process_photo(data, limits), runs),
        "process_blur_ms": timed(lambda: process_photo(data, limits, True), runs),
        "detect_display_ms": timed(lambda: find_faces(display), runs),
        "detect_12mp_ms": timed(lambda: find_faces(full), runs),
    }
    blurred = process_photo(data, limits, True)
    report_timing(results, runs, blurred)
    summary = {
        k: round(v[0], 1) if isinstance(v, tuple) else v for k, v in results.items()
    }
    summary["blur_extra_ms"] = round(
        summary["process_blur_ms"] - summary["process_ms"], 1
    )
    summary["faces"] = blurred.faces
    return summary


def report_timing(results, runs, blurred):
    print(f"input: 4000x3000 JPEG, {results['input_mb']} MB, {runs} runs each")
    for name, label in [
        ("process_ms", "process (decode, turn, strip, 2 sizes)"),
        ("process_blur_ms", "process with face blurring"),
        ("detect_display_ms", "face detection at display size (2000 px)"),
        ("detect_12mp_ms", "face detection on the full 12 MP"),
    ]:
        median, best = results[name]
        print(f"{label:45} median {median:7.1f} ms   best {best:7.1f} ms")
    print(f"faces blurred: {blurred.faces}; display {blurred.width}x{blurred.height}")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--parallel", type=int, default=10)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--uploads-only", action="store_true")
    parser.add_argument("--blur", action="store_true", help="blur faces in the event")
    return parser.parse_args()


def main():
    args = parse_args()
    summary = {} if args.uploads_only else time_processing(args.runs)
    with tempfile.TemporaryDirectory(prefix="tischrunde-photos-") as folder:
        kinds = args.kinds.split(",")
        summary["uploads"] = run_uploads(Path(folder), kinds, args.parallel, args.blur)
    peaks = [kind["peak_mb"] for kind in summary["uploads"].values()]
    summary["worker_peak_mb"] = max(peaks)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
