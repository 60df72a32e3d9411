"""How long the server needs for one poster photo: with and without face blurring.

Makes a 12-megapixel JPEG (4000x3000, with EXIF orientation and GPS tags, noisy
like a real photo) and times the whole processing (decode, turn, strip, shrink,
encode both sizes), face detection alone, and face detection on the full 12 MP.
Prints the numbers, then one line of JSON.

    .venv/bin/python bench/photo_process.py [--runs 5]
"""

import argparse
import io
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402

from app.services.face_blur import find_faces  # noqa: E402
from app.services.photo_processing import Limits, process_photo  # noqa: E402
from tests import images  # noqa: E402

LIMITS = Limits(pixels=64_000_000, decoding_bytes=192 * 1024 * 1024)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    data = twelve_megapixel_jpeg()
    full = Image.open(io.BytesIO(data))
    full.load()
    display = Image.open(io.BytesIO(process_photo(data, LIMITS).display))
    display.load()
    results = {
        "input_mb": round(len(data) / 1e6, 2),
        "process_ms": timed(lambda: process_photo(data, LIMITS), runs),
        "process_blur_ms": timed(lambda: process_photo(data, LIMITS, True), runs),
        "detect_display_ms": timed(lambda: find_faces(display), runs),
        "detect_12mp_ms": timed(lambda: find_faces(full), runs),
    }
    blurred = process_photo(data, LIMITS, True)
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
    summary = {
        k: round(v[0], 1) if isinstance(v, tuple) else v for k, v in results.items()
    }
    summary["blur_extra_ms"] = round(
        summary["process_blur_ms"] - summary["process_ms"], 1
    )
    summary["faces"] = blurred.faces
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
