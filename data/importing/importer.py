"""The import as a whole: read, validate everything, then write everything or nothing."""

import gc
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Connection, Engine

from data.demo.organisation import remove_demo_records
from data.importing.bulk_load import BULK_ROWS, loading_in_bulk
from data.importing.contract import FILES, ORDER
from data.importing.lookup import load_index
from data.importing.problems import ImportRejected, ImportReport, Problem
from data.importing.progress import EVERY_ROWS, Progress, Tracker
from data.importing.reading import Sheet, base_name, read_sources
from data.importing.records import build_batches
from data.importing.validation import ParsedFile, parse_sheet
from data.importing.writing import write_batches
from models.db import larger_page_cache
from models.skill_pairs import evaluations_added_in_bulk
from models.summaries import attendance_added_in_bulk
from models.tables import Attendance, YoungPeopleAttendance
from models.version import bump_write_counter


def import_sources(engine: Engine, sources: list[tuple[str, bytes]],
                   progress: Progress | None = None, replace_demo: bool = False) -> ImportReport:
    """Import (file name, content) pairs (.csv files or .xlsx workbooks) in one transaction.

    Raises ImportRejected with every problem found, having written nothing. `progress(status line,
    fraction done)`, when given, hears of each step (data.importing.progress); it ends with 1.0.
    `replace_demo`: real data is coming, so the demo organisation, if loaded, is deleted in the
    same transaction (and stays if the import is refused)."""
    return _import(engine, sources, [], progress, replace_demo)


def import_files(engine: Engine, paths: list[str | Path], progress: Progress | None = None,
                 replace_demo: bool = False) -> ImportReport:
    """Read the files at `paths` and import them as `import_sources` does."""
    sources, problems = [], []
    for path in paths:
        try:
            sources.append((str(path), Path(path).read_bytes()))
        except OSError as error:
            problems.append(Problem(base_name(str(path)), None, None,
                                    f"the file cannot be opened ({error.strerror or error})"))
    return _import(engine, sources, problems, progress, replace_demo)


def _import(engine: Engine, sources: list[tuple[str, bytes]], problems: list[Problem],
            progress: Progress | None, replace_demo: bool) -> ImportReport:
    tracker = Tracker(progress, sources) if progress else None
    with _cyclic_gc_paused():
        report = _checked_then_written(engine, sources, problems, tracker, replace_demo)
    if tracker:
        tracker.finished()  # after the commit
    return report


@contextmanager
def _cyclic_gc_paused():
    """An import builds several objects per cell, none of them cyclic; the cyclic collector
    would rescan them all again and again (about half the time of a large import)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_in_transaction(conn: Connection, sources: list[tuple[str, bytes]], progress: Progress | None = None,
                          dry_run: bool = False, replace_demo: bool = False) -> ImportReport:
    """What `import_sources` does, inside the caller's transaction, which the caller commits or
    rolls back (a dry run rolls it back, and says 'Comparing' rather than 'Saving' in progress).
    Raises ImportRejected with every problem found. `progress` hears of each step but the last
    (1.0 is for the caller to say, once the transaction is over)."""
    tracker = Tracker(progress, sources, dry_run) if progress else None
    with _cyclic_gc_paused():
        sheets, problems = read_sources(sources, tracker.reading if tracker else None)
        if replace_demo:
            remove_demo_records(conn)
        return _validated_then_written(conn, sheets, problems, tracker)


def _checked_then_written(engine: Engine, sources: list[tuple[str, bytes]], problems: list[Problem],
                          tracker: Tracker | None, replace_demo: bool) -> ImportReport:
    sheets, read_problems = read_sources(sources, tracker.reading if tracker else None)
    problems.extend(read_problems)
    with engine.begin() as conn:
        if replace_demo:
            remove_demo_records(conn)
        return _validated_then_written(conn, sheets, problems, tracker)


def _validated_then_written(conn: Connection, sheets: list[Sheet], problems: list[Problem],
                            tracker: Tracker | None = None) -> ImportReport:
    index = load_index(conn)
    parsed = _parsed(sheets, problems, tracker)
    if tracker:
        tracker.cross_checking()
    batches = build_batches(parsed, index, problems)
    if problems:
        raise ImportRejected(_in_order(problems))
    on_rows = None
    if tracker:
        tracker.writing_starts([len(batch) for batch in batches])
        on_rows = lambda batch, added: tracker.writing(batch.name, len(batch), added)  # noqa: E731
    bulk = [batch.table for batch in batches if len(batch) >= BULK_ROWS]
    if Attendance.__table__ in bulk:
        bulk.append(YoungPeopleAttendance.__table__)  # its rows come in one statement at the end
    with larger_page_cache(conn), \
            loading_in_bulk(conn, bulk, triggers_done_here=("attendance", "evaluations")) as set_aside, \
            attendance_added_in_bulk(conn), evaluations_added_in_bulk(conn):
        report = write_batches(conn, batches, index, on_rows, set_aside)
    if any(c.added or c.updated for c in report.files.values()):
        bump_write_counter(conn)  # lets the app's caches see updates made in place
    return report


def _parsed(sheets: list[Sheet], problems: list[Problem], tracker: Tracker | None) -> dict[str, ParsedFile]:
    """Each sheet's rows parsed, in contract order (files refer only to files above them). A
    sheet's cells are let go once parsed: a large import holds one copy of its data, not two."""
    by_table = {sheet.table: sheet for sheet in sheets}
    ordered = [by_table[name] for name in ORDER if name in by_table]
    if tracker:
        tracker.sheets_read([len(sheet.rows) for sheet in ordered])
    parsed = {}
    for sheet in ordered:
        on_rows = tracker.checking(sheet.label, len(sheet.rows)) if tracker else None
        parsed[sheet.table] = parse_sheet(sheet, FILES[sheet.table], problems, on_rows, EVERY_ROWS)
        sheet.rows = []
    return parsed


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Grouped by file (in the order files were first named), then by row; stable otherwise."""
    rank: dict[str, int] = {}
    for problem in problems:
        rank.setdefault(problem.file, len(rank))
    return sorted(problems, key=lambda p: (rank[p.file], p.row or 0))
