"""Cells for spreadsheet programs: CSV that opens with its umlauts, and no cell
that a spreadsheet would run as a formula."""

import csv
import io

# A spreadsheet runs a cell that starts like this as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(rows):
    """UTF-8 with a byte-order mark, so spreadsheet programs read the umlauts."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([spreadsheet_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
