"""Spreadsheets the product writes, safe to open (no formula injection): the one rule for all of them.

Text cells starting with = + - @ tab or carriage return are prefixed with a single quote, so
Excel/LibreOffice/Sheets show them as text instead of running them as formulas (OWASP "CSV
injection"). Only text is touched: a negative number stays a number. `data.exports.safe_csv`
uses `neutralise` for CSV files; `safe_xlsx` writes Excel workbooks. No Streamlit here.
"""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime, time, timezone
from decimal import Decimal

import numpy as np
import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_TEXT = 32_767  # Excel's limit; longer text makes Excel "repair" the file
MAX_SHEET_TITLE = 31
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
# Control characters the XML of a workbook cannot hold (tab, line feed and carriage return can).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # its media type
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def neutralise(value: object) -> object:
    """``value`` with a leading single quote if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def excel_value(value: object) -> object:
    """A value as an Excel cell holds it: numbers, booleans and dates as such, text neutralised.

    Missing values (None, NaN, NA, NaT) become empty cells; anything else becomes text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    elif isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (bool, int)):
        return value
    if isinstance(value, (float, Decimal)):
        number = float(value)
        if math.isnan(number):
            return None
        return number if math.isfinite(number) else str(number)
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # Excel has no time zones: written in UTC
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value
    if isinstance(value, (date, time)):
        return value
    text = value if isinstance(value, str) else str(value)
    return neutralise(_ILLEGAL_XML.sub("\ufffd", text)[:MAX_CELL_TEXT - 1])


def safe_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx workbook with one sheet per frame (named by its key), header row in bold and frozen.

    Text cells that a spreadsheet would run as formulas are neutralised as in `neutralise`;
    numbers stay numbers and dates are dates shown as YYYY-MM-DD."""
    from openpyxl import Workbook  # imported late: only Excel downloads need it

    book = Workbook()
    book.remove(book.active)
    titles: set[str] = set()
    for name, frame in sheets.items():
        sheet = book.create_sheet(sheet_title(name, titles))
        titles.add(sheet.title.lower())
        write_frame(sheet, frame)
    if not book.worksheets:
        book.create_sheet("Empty")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_frame(sheet, frame: pd.DataFrame) -> None:
    """Write `frame` (header row, then its rows) into an openpyxl worksheet, safely."""
    from openpyxl.styles import Font

    if len(frame.columns):
        sheet.append([excel_value(str(column)) for column in frame.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for row in frame.itertuples(index=False, name=None):
        sheet.append([excel_value(value) for value in row])
    for column_cells in sheet.iter_cols(min_row=1, max_row=sheet.max_row):
        for cell in column_cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, nor an error code such as '#N/A'
            elif isinstance(cell.value, datetime):
                cell.number_format = DATE_FORMAT if cell.value.time() == time() else DATETIME_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    _fit_widths(sheet)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unused sheet title: no []:*?/\\ characters, at most 31 characters."""
    base = _BAD_TITLE.sub("_", _ILLEGAL_XML.sub("", str(name))).strip().strip("'") or "Sheet"
    base = base[:MAX_SHEET_TITLE]
    title, n = base, 1
    while title.lower() in taken:
        n += 1
        suffix = f" ({n})"
        title = base[:MAX_SHEET_TITLE - len(suffix)] + suffix
    return title


def _fit_widths(sheet) -> None:
    from openpyxl.utils import get_column_letter

    for position, column_cells in enumerate(sheet.iter_cols(min_row=1, max_row=min(sheet.max_row, 200)), start=1):
        longest = max((len(str(c.value)) for c in column_cells if c.value is not None), default=8)
        sheet.column_dimensions[get_column_letter(position)].width = min(60, max(10, longest + 2))


def records_xlsx(tables: dict[str, list[dict] | dict], empty: str = "Nothing held") -> bytes:
    """`safe_xlsx` of JSON-like tables: a list of records (or one record) per sheet. An empty table
    gets a sheet whose only column is named `empty`, so that no sheet is left blank."""
    frames = {}
    for name, rows in tables.items():
        records = [rows] if isinstance(rows, dict) else list(rows)
        frames[name] = pd.DataFrame(records) if records else pd.DataFrame({empty: []})
    return safe_xlsx(frames)
