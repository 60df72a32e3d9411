"""Where a `next` parameter may send the browser: only to a page of this site.

Browsers drop tabs and line breaks from a URL and read a backslash as a slash,
so "/\t/evil.example" and "/\\evil.example" both lead to evil.example."""

import re
from urllib.parse import urlsplit

# Control characters, spaces and backslashes: a path of ours holds none of them.
UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def local_target(target, fallback):
    """target when it is a path on this site ("/me", "/j/abc?change=1"), else
    fallback."""
    if not isinstance(target, str) or UNSAFE.search(target):
        return fallback
    parts = urlsplit(target)
    # "///evil.example" has no netloc here, but a browser goes to evil.example.
    one_slash = target.startswith("/") and not target.startswith("//")
    return target if one_slash and not (parts.scheme or parts.netloc) else fallback
