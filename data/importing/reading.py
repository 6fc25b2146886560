"""Bytes -> sheets: a header and numbered data rows per contract file.

A CSV file is one sheet, named by its file name's stem; an .xlsx workbook holds one sheet per
contract file, named after it. Every cell comes back as text (Excel dates as YYYY-MM-DD), not
yet stripped of surrounding spaces.
Row numbers are spreadsheet rows: the header is row 1 and blank rows keep their number."""

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from data.importing.contract import EXPECTED_NAMES, FILES
from data.importing.problems import Problem
from data.importing.workbook_safety import workbook_problems

EMPTY = "the file is empty"
HEADER_ONLY = "the file has a header row but no data rows"
UNREADABLE_BOOK = "the file cannot be read as an .xlsx workbook"
NOTES_SHEET = "Allowed values"  # the example workbook's notes: a sheet of that name is not read


@dataclass
class Sheet:
    label: str  # the file (and sheet) as named in problems
    table: str  # contract file name, e.g. "sessions"
    header: list[str]
    rows: list[list[str]]  # the cells of each data row, blank rows left out
    numbers: Sequence[int]  # the row number of each of `rows`


def base_name(filename: str) -> str:
    return filename.replace("\\", "/").rsplit("/", 1)[-1]


def read_sources(sources: list[tuple[str, bytes]],
                 on_source: Callable[[int, str], None] | None = None) -> tuple[list[Sheet], list[Problem]]:
    """`on_source(position, file name)` is called before each source is read (for progress)."""
    sheets: list[Sheet] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}  # contract file -> label of the first source that held it
    for position, (filename, content) in enumerate(sources):
        name = base_name(filename)
        if on_source:
            on_source(position, name)
        stem, dot, extension = name.rpartition(".")
        extension = extension.lower() if dot else ""
        if extension == "csv":
            table = stem.strip().lower()
            if table not in FILES:
                problems.append(Problem(name, None, None,
                                        f"unknown file name; expected one of {EXPECTED_NAMES}"))
                continue
            if _first(seen, problems, name, table):
                _add(sheets, problems, name, table, _csv_rows(name, content, problems))
        elif extension == "xlsx":
            _read_workbook(name, stem, content, sheets, problems, seen)
        else:
            problems.append(Problem(name, None, None,
                                    "unsupported file type; expected a .csv file or an .xlsx workbook"))
    return sheets, problems


def _first(seen: dict[str, str], problems: list[Problem], label: str, table: str) -> bool:
    """True when `table` comes for the first time in this import."""
    if table in seen:
        problems.append(Problem(label, None, None,
                                f"{table} comes twice in this import (also {seen[table]})"))
        return False
    seen[table] = label
    return True


def _add(sheets, problems, label: str, table: str, rows: list[list[str]] | None) -> None:
    """`rows`: every row of the file, row n at position n - 1."""
    if rows is None:
        return
    # A row is blank when its cells joined are empty or only spaces (what str.strip takes away).
    blank = [position for position, joined in enumerate(map("".join, rows)) if not joined or joined.isspace()]
    if blank:
        skipped = set(blank)
        numbers: Sequence[int] = [n for n in range(1, len(rows) + 1) if n - 1 not in skipped]
        rows = [cells for position, cells in enumerate(rows) if position not in skipped]
    else:
        numbers = range(1, len(rows) + 1)
    if not rows:
        problems.append(Problem(label, None, None, EMPTY))
    elif len(rows) == 1:
        problems.append(Problem(label, None, None, HEADER_ONLY))
    else:
        header = rows[0]
        del rows[0]
        sheets.append(Sheet(label, table, header, rows, numbers[1:]))


def _csv_rows(label: str, content: bytes, problems: list[Problem]):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(Problem(label, None, None,
                                f"the file is not UTF-8 text (byte {error.start + 1} cannot be read); "
                                "save it as 'CSV UTF-8 (comma delimited)'"))
        return None
    if "\x00" in text:
        problems.append(Problem(label, None, None,
                                "the file holds NUL characters: it is not a CSV text file"))
        return None
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        problems.append(Problem(label, None, None, f"the file cannot be read as CSV: {error}"))
        return None


def _read_workbook(name: str, stem: str, content: bytes, sheets, problems, seen) -> None:
    from openpyxl import load_workbook  # imported late: only workbooks need it

    unsafe = workbook_problems(name, content)
    if unsafe:
        problems.extend(unsafe)
        return
    # A damaged workbook can fail in many ways inside openpyxl, zipfile or the XML parser:
    # whatever the failure, it is reported as a problem of that file.
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001
        problems.append(Problem(name, None, None, f"{UNREADABLE_BOOK} ({type(error).__name__})"))
        return
    try:
        worksheets = workbook.worksheets
        if all(w.title.strip().lower() == NOTES_SHEET.lower() for w in worksheets):
            problems.append(Problem(name, None, None, f"the workbook holds no sheet but {NOTES_SHEET}; expected "
                                    f"sheets named {EXPECTED_NAMES}"))
        for worksheet in worksheets:
            title = worksheet.title.strip()
            table = title.lower()
            if table == NOTES_SHEET.lower():
                continue
            if table not in FILES and len(worksheets) == 1 and stem.strip().lower() in FILES:
                table = stem.strip().lower()  # a one-sheet workbook named like a contract file
            label = f"{name}, sheet {title}"
            if table not in FILES:
                problems.append(Problem(label, None, None,
                                        f"unknown sheet name; expected one of {EXPECTED_NAMES}"))
            elif _first(seen, problems, label, table):
                try:
                    rows = _sheet_rows(worksheet)
                except Exception as error:  # noqa: BLE001
                    problems.append(Problem(label, None, None,
                                            f"{UNREADABLE_BOOK} ({type(error).__name__})"))
                    continue
                _add(sheets, problems, label, table, rows)
    finally:
        workbook.close()


def _sheet_rows(worksheet) -> list[list[str]]:
    worksheet.reset_dimensions()  # some writers record wrong sizes; read every cell
    return [[_cell_text(value) for value in values] for values in worksheet.iter_rows(values_only=True)]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
