"""Progress of an import, for people waiting on a large file: a status line and a fraction 0..1.

The import calls the hooks below at each step (reading each file, checking each file every
EVERY_ROWS rows, checking codes across files, writing each table, every 5,000 rows added); they turn the step into one
fraction that only goes up, weighted by how long each step takes (writing is most of it), and
pass it to the caller's callback. Without a callback the import passes no hooks at all."""

from collections.abc import Callable

from measures.formatting import count, plural

Progress = Callable[[str, float], None]

EVERY_ROWS = 5000  # rows checked between two reports: often enough to move, rarely enough to cost nothing
# Where each step ends, as a fraction of the whole import (measured on 100,000 attendance rows).
READ_END, CHECK_END, CROSS_END, WRITE_END = 0.05, 0.20, 0.35, 0.97
SAVED = "Saved"
CHECKED = "Checked: nothing was saved"


class Tracker:
    """Turns the import's steps into (status line, fraction) calls of `report`."""

    def __init__(self, report: Progress, sources: list[tuple[str, bytes]], dry_run: bool = False):
        self._report = report
        self._sizes = [max(len(content), 1) for _name, content in sources]
        self._dry_run = dry_run
        self._done = 0.0
        self._rows_total = 1
        self._rows_before = 0  # rows of the files checked before the current one
        self._records_total = 1
        self._records_before = 0
        self._table_start = 0

    def _say(self, message: str, fraction: float) -> None:
        self._done = max(self._done, min(fraction, 1.0))
        self._report(message, self._done)

    def reading(self, position: int, name: str) -> None:
        before = sum(self._sizes[:position]) / sum(self._sizes)
        self._say(f"Reading {name}", READ_END * before)

    def sheets_read(self, row_counts: list[int]) -> None:
        self._rows_total = max(sum(row_counts), 1)

    def checking(self, label: str, total: int) -> Callable[[int], None]:
        """The callback for one file's rows: called with the number of rows checked so far."""
        before = self._rows_before
        self._rows_before += total

        def checked(done: int) -> None:
            share = (before + done) / self._rows_total
            self._say(f"Checking {label}: {count(done)} of {_rows(total)}", READ_END + (CHECK_END - READ_END) * share)

        checked(0)
        return checked

    def cross_checking(self) -> None:
        self._say("Checking the codes that files refer to", CHECK_END)

    def writing_starts(self, record_counts: list[int]) -> None:
        self._records_total = max(sum(record_counts), 1)

    def writing(self, table: str, records: int, added: int) -> None:
        """Writing `table` (of `records` rows) has begun (added == 0), or added that many rows so far."""
        if added == 0:
            self._table_start = self._records_before
            self._records_before += records
        share = (self._table_start + added) / self._records_total
        step = f"Comparing {table} with the store" if self._dry_run else f"Saving {table}"
        if added == 0:
            done = _rows(records)
        else:  # in a dry run, the rows that would be added
            done = f"{count(added)} of {_rows(records)}" + ("" if self._dry_run else " added")
        self._say(f"{step}: {done}", CROSS_END + (WRITE_END - CROSS_END) * share)

    def finished(self) -> None:
        self._say(CHECKED if self._dry_run else SAVED, 1.0)


def _rows(n: int) -> str:
    return plural(n, "row")
