"""Cells for spreadsheet programs: CSV that opens with its umlauts, no cell that
a spreadsheet would run as a formula, and none with a character its XML refuses."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.plain_text import clean_text

# A spreadsheet runs a cell that starts like this as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    value = clean_text(value)
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


def workbook_bytes(sheets):
    """An XLSX file; sheets: (title, headers, rows, wide) with wide the columns
    of running text, one bool per header."""
    book = Workbook()
    book.remove(book.active)
    for title, headers, rows, wide in sheets:
        _fill(book.create_sheet(clean_text(title)[:31]), headers, rows, wide)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet, headers, rows, wide):
    """Header row bold and frozen; every text cell stays text, never a formula."""
    sheet.append([clean_text(header) for header in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([clean_text(value) for value in values])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for column, is_wide in enumerate(wide, start=1):
        if is_wide:
            sheet.column_dimensions[get_column_letter(column)].width = 60
