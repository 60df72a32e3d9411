"""CPU-heavy work off the gevent loop, so every other phone keeps being served."""

import ctypes
import threading

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
LARGE_BLOCK = 4 * 1024 * 1024
_lanes = {}


def run_blocking(function, *args):
    """Run function in one of gevent's real threads when the server runs on gevent
    (Pillow and OpenCV release the GIL while they work); else just call it.

    An exception comes back to the caller, who decides whether it is an error:
    raised inside the pool, gevent would print it as a traceback of its own."""
    if not _gevent_patched():
        return function(*args)
    from gevent import get_hub

    result, error = get_hub().threadpool.apply(_outcome, (function, args))
    if error is not None:
        raise error
    return result


def lane(name, width):
    """A semaphore shared by everyone who names this lane: at most `width` of them
    hold it at a time. Made on first use, in the worker, after gevent patched
    threading: a request that waits then yields the loop, not a thread of the pool.
    """
    key = (name, width)
    if key not in _lanes:
        _lanes.setdefault(key, threading.BoundedSemaphore(width))
    return _lanes[key]


def map_large_blocks():
    """Memory of 4 MB and more (a decoded photo) is mapped and unmapped by itself
    instead of kept by glibc. Otherwise a photo freed in one of the pool's
    threads stays in that thread's arena: the worker would grow by a photo for
    every thread that decoded one. Called once when the server starts."""
    try:
        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK)
    except (OSError, AttributeError):
        pass  # not glibc: its allocator keeps its own rules


def _outcome(function, args):
    try:
        return function(*args), None
    except Exception as error:
        return None, error


def _gevent_patched():
    try:
        from gevent import monkey
    except ImportError:
        return False
    return monkey.is_module_patched("threading")
