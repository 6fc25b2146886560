"""The import as a whole: read, validate everything, then write everything or nothing."""

import gc
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import Connection, Engine

from data.importing.contract import FILES, ORDER
from data.importing.lookup import load_index
from data.importing.problems import ImportRejected, ImportReport, Problem
from data.importing.reading import Sheet, base_name, read_sources
from data.importing.records import build_batches
from data.importing.validation import parse_sheet
from data.importing.writing import write_batches
from models.version import bump_write_counter


def import_sources(engine: Engine, sources: list[tuple[str, bytes]]) -> ImportReport:
    """Import (file name, content) pairs (.csv files or .xlsx workbooks) in one transaction.

    Raises ImportRejected with every problem found, having written nothing."""
    return _import(engine, sources, [])


def import_files(engine: Engine, paths: list[str | Path]) -> ImportReport:
    """Read the files at `paths` and import them as `import_sources` does."""
    sources, problems = [], []
    for path in paths:
        try:
            sources.append((str(path), Path(path).read_bytes()))
        except OSError as error:
            problems.append(Problem(base_name(str(path)), None, None,
                                    f"the file cannot be opened ({error.strerror or error})"))
    return _import(engine, sources, problems)


def _import(engine: Engine, sources: list[tuple[str, bytes]], problems: list[Problem]) -> ImportReport:
    with _cyclic_gc_paused():
        return _checked_then_written(engine, sources, problems)


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


def import_in_transaction(conn: Connection, sources: list[tuple[str, bytes]]) -> ImportReport:
    """What `import_sources` does, inside the caller's transaction, which the caller commits or
    rolls back (a dry run rolls it back). Raises ImportRejected with every problem found."""
    with _cyclic_gc_paused():
        sheets, problems = read_sources(sources)
        return _validated_then_written(conn, sheets, problems)


def _checked_then_written(engine: Engine, sources: list[tuple[str, bytes]],
                          problems: list[Problem]) -> ImportReport:
    sheets, read_problems = read_sources(sources)
    problems.extend(read_problems)
    with engine.begin() as conn:
        return _validated_then_written(conn, sheets, problems)


def _validated_then_written(conn: Connection, sheets: list[Sheet], problems: list[Problem]) -> ImportReport:
    by_table = {sheet.table: sheet for sheet in sheets}
    index = load_index(conn)
    parsed = {name: parse_sheet(by_table[name], FILES[name], problems)
              for name in ORDER if name in by_table}
    batches = build_batches(parsed, index, problems)
    if problems:
        raise ImportRejected(_in_order(problems))
    report = write_batches(conn, batches, index)
    if any(c.added or c.updated for c in report.files.values()):
        bump_write_counter(conn)  # lets the app's caches see updates made in place
    return report


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Grouped by file (in the order files were first named), then by row; stable otherwise."""
    rank: dict[str, int] = {}
    for problem in problems:
        rank.setdefault(problem.file, len(rank))
    return sorted(problems, key=lambda p: (rank[p.file], p.row or 0))
