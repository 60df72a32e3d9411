"""Hostile uploads sent at once to the real server, and the worker's peak RSS
(bench/photo_process.py runs them)."""

import re
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

from tests import images
from tests.live_server import (
    JSON,
    create_event,
    csrf_token,
    http_session,
    logged_in_organiser,
    running_servers,
)


def progressive_jpeg():
    """Whatever size it is drafted to, libjpeg holds all its coefficients."""
    return images.encoded(Image.new("RGB", (6600, 6600)), "JPEG", progressive=True)


def webp_12mp():
    return images.encoded(Image.new("RGB", (4000, 3000)), "WEBP", lossless=True)


def heic_24mp():
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return images.encoded(Image.new("RGB", (5712, 4284)), "HEIF", quality=50)


KINDS = {
    "png-8000": lambda: images.blank_png(8000, 8000),
    "jpeg-7900": lambda: images.jpeg_declaring(7900, 7900),
    "png-37mp": lambda: images.blank_png(6100, 6100, colour_type=2),
    "jpeg-progressive": progressive_jpeg,
    "webp-12mp": webp_12mp,
    "heic-24mp": heic_24mp,
}


def run_uploads(folder, kinds, parallel, blur):
    """For each kind, `parallel` uploads at once; per kind: the answers, seconds,
    and the worker's RSS before, at its peak and after (MB)."""
    with running_servers(folder, "bench-secret") as (server,):
        worker = _worker_pid(server)
        target = _console_upload(server, blur)
        print(f"worker RSS at rest: {_status_mb(worker, 'VmRSS')} MB")
        results = {}
        for kind in kinds:
            results[kind] = _burst(worker, target, KINDS[kind](), parallel)
            _report(kind, results[kind], parallel)
        tracebacks = server.log().count("Traceback")
    print(f"tracebacks in the server log: {tracebacks}")
    return results


def _console_upload(server, blur):
    """The organiser's cookies, the upload URL of a table and the headers."""
    organiser = logged_in_organiser(server.url)
    event_id = create_event(organiser, server.url)
    console = organiser.get(f"{server.url}/events/{event_id}/console").text
    token = csrf_token(console)
    if blur:
        privacy = f"{server.url}/events/{event_id}/photo-privacy"
        organiser.post(privacy, data={"csrf_token": token, "blur_faces": "y"})
    table_id = re.search(r"/events/\d+/tables/(\d+)/photos", console).group(1)
    url = f"{server.url}/events/{event_id}/tables/{table_id}/photos"
    return organiser.cookies, url, {**JSON, "X-CSRFToken": token}


def _burst(worker, target, data, parallel):
    before = _status_mb(worker, "VmRSS")
    Path(f"/proc/{worker}/clear_refs").write_text("5")  # VmHWM := VmRSS
    start = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        answers = list(pool.map(lambda _: _post(target, data), range(parallel)))
    return {
        "bytes": len(data),
        "answers": dict(Counter(answers)),
        "seconds": round(time.perf_counter() - start, 2),
        "before_mb": before,
        "peak_mb": _status_mb(worker, "VmHWM"),
        "after_mb": _status_mb(worker, "VmRSS"),
    }


def _post(target, data):
    cookies, url, headers = target
    browser = http_session()
    browser.cookies.update(cookies)
    form = {"uuid": str(uuid.uuid4())}
    files = {"photo": ("upload", data)}
    return browser.post(url, data=form, files=files, headers=headers).status_code


def _report(kind, result, parallel):
    answers = ", ".join(f"{n}x {status}" for status, n in result["answers"].items())
    print(
        f"{kind:17} {result['bytes']:>9} B x{parallel}: {answers} in "
        f"{result['seconds']} s; worker RSS {result['before_mb']} -> peak "
        f"{result['peak_mb']} MB (after {result['after_mb']})"
    )


def _worker_pid(server):
    """The gunicorn worker: the one child of the master."""
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, NotADirectoryError):
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == server.process.pid:
            return int(entry.name)
    raise RuntimeError("no gunicorn worker found")


def _status_mb(pid, key):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {key} for process {pid}")
