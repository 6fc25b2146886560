"""How every form saves: its rows go through the importer as in-memory contract CSV files, so a
form gets exactly the import's validation, all-or-nothing writing, update by natural key and
cache refresh; the importer's problems (file, row, column) come back in the form's own words.

A form saves real records: into a store holding the demo organisation, it first clears the demo
records and removes the demo accounts, in the same transaction as the save (a refused save clears
nothing). Every save is audited in the same transaction."""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from auth.accounts import remove_demo_accounts
from data.demo.organisation import remove_demo_records
from data.forms.words import FIELDS
from data.importing import ImportRejected, ImportReport
from data.importing.contract import FILES
from data.importing.importer import import_in_transaction
from data.importing.validation import MISSING_VALUE
from models.audit import record

AUDIT_ACTION = "form saved"
_UNKNOWN_TAIL = re.compile(r": not in the store nor in \w+ of this import")


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong with what was filled in: the field (as labelled on the form) and why."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class FormRejected(ValueError):
    """Nothing was saved; `problems` says every reason, in the form's words."""

    def __init__(self, problems: list[FormProblem]):
        self.problems = list(dict.fromkeys(problems))  # the same problem once, first order kept
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass
class Rows:
    """The rows one form writes to one contract file: {contract column: value} each.

    `row_names` name each row in messages about the columns in `per_row` (e.g. the participant
    of a register line); a problem in any other column is the same for every row and said once."""

    table: str
    rows: list[dict[str, object]]
    row_names: list[str] = field(default_factory=list)
    per_row: frozenset[str] = frozenset()

    @property
    def file_name(self) -> str:
        return f"{self.table}.csv"

    def as_csv(self) -> bytes:
        order = [c.name for c in FILES[self.table].columns]
        columns = [name for name in order if any(name in row for row in self.rows)]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in self.rows:
            writer.writerow([cell_text(row.get(name)) for name in columns])
        return out.getvalue().encode("utf-8")


def cell_text(value: object) -> str:
    """A typed form value as the contract writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    return str(value)


def save(engine: Engine, actor: str | None, form: str, parts: list[Rows],
         checks: Callable[[Connection], list[FormProblem]] | None = None,
         then: Callable[[Connection], object] | None = None, **audit) -> ImportReport:
    """Write `parts` in one transaction after `checks` (the form's own rules, e.g. "this code is
    new"), then `then(conn)` (what a form writes beyond the import files) in the same
    transaction, and audit it; in demo mode the demo records and accounts are cleared first, in
    the same transaction. Raises FormRejected with every problem, having written (and cleared)
    nothing."""
    with engine.begin() as conn:
        if remove_demo_records(conn):  # real data now: checked and written against a store without the demo
            remove_demo_accounts(conn, actor or "form")
        problems = list(checks(conn)) if checks else []
        report = None
        try:
            report = import_in_transaction(conn, [(part.file_name, part.as_csv()) for part in parts if part.rows])
        except ImportRejected as rejected:
            problems.extend(in_form_words(rejected.problems, parts))
        if problems:
            raise FormRejected(problems)  # leaving the block rolls everything back
        if then is not None:
            then(conn)
        counts = {name: vars(c) for name, c in report.files.items()}
        record(conn, actor, AUDIT_ACTION, form=form, counts=counts, **audit)
    return report


def in_form_words(problems, parts: list[Rows]) -> list[FormProblem]:
    by_file = {part.file_name: part for part in parts}
    return [_translated(problem, by_file.get(problem.file)) for problem in problems]


def _translated(problem, part: Rows | None) -> FormProblem:
    if part is None:
        return FormProblem("", problem.reason)
    labels = FIELDS[part.table]
    label = labels.get(problem.column, "") if problem.column else ""
    index = (problem.row or 0) - 2  # the header is row 1
    if problem.column in part.per_row and 0 <= index < len(part.row_names):
        label = f"{label} ({part.row_names[index]})" if label else part.row_names[index]
    return FormProblem(label, _reason(problem.reason, labels))


def _reason(reason: str, labels: dict[str, str]) -> str:
    if reason == MISSING_VALUE:
        return "please fill this in"
    reason = _UNKNOWN_TAIL.sub(": there is no such code in the store", reason)
    for column, label in labels.items():
        if "_" in column:  # only contract names like raised_on, never plain words like "date"
            reason = re.sub(rf"\b{column}\b", label.lower(), reason)
    return reason


def exists(conn: Connection, column, value) -> bool:
    """Whether a stored row holds `value` in `column` (e.g. a code already used)."""
    return conn.execute(select(column).where(column == value).limit(1)).first() is not None
