"""Sheets -> typed rows: the header is matched to the contract, each cell parsed.

Every problem is collected; a cell that fails holds BAD so later checks can skip it. Rows are
parsed even when the header has problems, so that all problems are reported at once."""

from collections.abc import Callable
from dataclasses import dataclass

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
    rows: list[tuple[int, dict]]  # (row number, {column: value}); absent columns are not keys


def parse_sheet(sheet: Sheet, spec: FileSpec, problems: list[Problem],
                on_rows: Callable[[int], None] | None = None, every: int = 5000) -> ParsedFile:
    """`on_rows(rows checked so far)` is called after every `every` rows and at the end (for progress)."""
    index = _match_header(sheet, spec, problems)
    plan = [(c.name, index[c.name], c.required, c.parse, c.default)
            for c in spec.columns if c.name in index]
    label = sheet.label
    rows = []
    total = len(sheet.rows)
    for start in range(0, total, every):
        for number, cells in sheet.rows[start:start + every]:
            width = len(cells)
            values = {}
            for name, position, required, parse, default in plan:
                raw = cells[position].strip() if position < width else ""
                if raw:
                    try:
                        values[name] = parse(raw)
                    except ValueError as error:
                        problems.append(Problem(label, number, name, str(error)))
                        values[name] = BAD
                elif required:
                    problems.append(Problem(label, number, name, MISSING_VALUE))
                    values[name] = BAD
                else:
                    values[name] = default
            rows.append((number, values))
        if on_rows:
            on_rows(min(start + every, total))
    return ParsedFile(spec, label, frozenset(index), rows)


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
