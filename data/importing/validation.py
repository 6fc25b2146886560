"""Sheets -> typed columns: the header is matched to the contract, each cell parsed.

Every problem is collected; a cell that fails holds BAD so later checks can skip it. Rows are
parsed even when the header has problems, so that all problems are reported at once.

Cells are parsed a column at a time, each distinct text once (a column of a large file holds
few distinct dates, amounts or words), in blocks of rows so that progress can be told. Problems
come out column by column within a block; the importer orders them by file and row, and the
order within a row stays that of the contract's columns."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from data.importing import values as v
from data.importing.contract import FileSpec
from data.importing.problems import Problem
from data.importing.reading import Sheet

MISSING_VALUE = "a value is required"


class _Bad:
    """A cell that did not parse (its problem is already reported)."""

    def __repr__(self) -> str:
        return "BAD"


BAD = _Bad()


@dataclass
class ParsedFile:
    spec: FileSpec
    label: str
    present: frozenset[str]  # contract columns the header holds (once)
    numbers: Sequence[int]  # the row number of each row
    columns: dict[str, list]  # contract column -> its value in each row; absent columns are not keys

    def __len__(self) -> int:
        return len(self.numbers)


class _Failed:
    """What a cell's text parsed to when it did not: the reason, said once per text."""

    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason


def parse_sheet(sheet: Sheet, spec: FileSpec, problems: list[Problem],
                on_rows: Callable[[int], None] | None = None, every: int = 5000) -> ParsedFile:
    """`on_rows(rows checked so far)` is called after every `every` rows and at the end (for progress)."""
    index = _match_header(sheet, spec, problems)
    plan = [(c.name, index[c.name], c.required, c.parse, c.default)
            for c in spec.columns if c.name in index]
    columns: dict[str, list] = {name: [] for name, *_ in plan}
    parsed: dict[str, dict] = {name: {} for name, *_ in plan}  # per column: text -> value (or _Failed)
    total = len(sheet.rows)
    for start in range(0, total, every):
        block = sheet.rows[start:start + every]
        numbers = sheet.numbers[start:start + every]
        narrowest = min(map(len, block))
        for name, position, required, parse, default in plan:
            if position < narrowest:
                texts = list(map(str.strip, map(itemgetter(position), block)))
            else:
                texts = [cells[position].strip() if position < len(cells) else "" for cells in block]
            columns[name] += _parsed_column(texts, numbers, name, required, parse, default, parsed[name],
                                            sheet.label, problems)
        if on_rows:
            on_rows(min(start + every, total))
    return ParsedFile(spec, sheet.label, frozenset(index), sheet.numbers, columns)


def _parsed_column(texts: list[str], numbers: Sequence[int], name: str, required: bool, parse, default,
                   parsed: dict, label: str, problems: list[Problem]) -> list:
    """The values of one column's `texts` (stripped cells); problems reported in row order.
    `parsed` remembers what each distinct text parsed to, from block to block."""
    if parse is v.text:  # every cell is its own value; an empty one is the default, or missing
        if "" not in texts:
            return texts
        missing = _Failed(MISSING_VALUE) if required else default
        values = [text or missing for text in texts]
        failed = {""} if required else set()
    else:
        distinct = set(texts)
        for text in distinct.difference(parsed):
            if not text:
                parsed[text] = _Failed(MISSING_VALUE) if required else default
                continue
            try:
                parsed[text] = parse(text)
            except ValueError as error:
                parsed[text] = _Failed(str(error))
        values = list(map(parsed.__getitem__, texts))
        failed = {text for text in distinct if parsed[text].__class__ is _Failed}
    if failed:
        for i, text in enumerate(texts):
            if text in failed:
                reason = MISSING_VALUE if not text else parsed[text].reason
                problems.append(Problem(label, numbers[i], name, reason))
                values[i] = BAD
    return values


def _match_header(sheet: Sheet, spec: FileSpec, problems: list[Problem]) -> dict[str, int]:
    """{contract column: position} for the known columns found exactly once."""
    known = {c.name for c in spec.columns}
    positions: dict[str, list[int]] = {}
    for position, cell in enumerate(sheet.header):
        name = cell.strip().lower()
        if name in known:
            positions.setdefault(name, []).append(position)
    for name, found in positions.items():
        if len(found) > 1:
            numbers = [str(p + 1) for p in found]
            places = ", ".join(numbers[:-1]) + " and " + numbers[-1]
            problems.append(Problem(sheet.label, None, name,
                                    f"the column appears more than once in the header (columns {places})"))
    missing = [name for name in spec.required if name not in positions]
    for name in missing:
        problems.append(Problem(sheet.label, None, name, "a required column is missing"))
    if missing and any(";" in cell for cell in sheet.header):
        problems.append(Problem(sheet.label, None, None,
                                "the header holds ';': values must be separated by commas"))
    return {name: found[0] for name, found in positions.items() if len(found) == 1}
