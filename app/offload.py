"""CPU-heavy work off the gevent loop, so every other phone keeps being served."""


def run_blocking(function, *args):
    """Run function in one of gevent's real threads when the server runs on gevent
    (Pillow and OpenCV release the GIL while they work); else just call it."""
    if _gevent_patched():
        from gevent import get_hub

        return get_hub().threadpool.apply(function, args)
    return function(*args)


def _gevent_patched():
    try:
        from gevent import monkey
    except ImportError:
        return False
    return monkey.is_module_patched("threading")
