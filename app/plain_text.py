"""Text as people type it. No keyboard makes a NUL, an escape or a form feed, but a
crafted request can send one, and the XML inside XLSX and PDF files cannot hold
it: one such card would break an event's export. So these characters are removed
where text comes in (every text column of a model, app/models/base.py) and again
where text goes out (exports, PDFs), for what was stored before. Tabs and line
breaks stay."""

import re

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls;
# lone surrogates (they have no UTF-8) and the two non-characters XML refuses.
UNWRITABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)


def clean_text(value):
    """The text without the characters above; anything but a str as it is."""
    if isinstance(value, str):
        return UNWRITABLE.sub("", value)
    return value


def clean_data(value):
    """clean_text on every string in nested dicts and lists, as JSON holds them."""
    if isinstance(value, dict):
        return {clean_text(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(item) for item in value]
    return clean_text(value)
