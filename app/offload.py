"""CPU-heavy work off the gevent loop, so every other phone keeps being served."""


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
