"""A dry run of an import: what it would add, update and leave unchanged, with nothing written."""

from sqlalchemy.engine import Engine

from data.importing.importer import import_in_transaction
from data.importing.problems import ImportReport
from data.importing.progress import CHECKED, Progress


def preview_sources(engine: Engine, sources: list[tuple[str, bytes]],
                    progress: Progress | None = None, replace_demo: bool = False) -> ImportReport:
    """The counts `import_sources` would report for these (file name, content) pairs, found by
    running the very same import in a transaction that is then rolled back.

    Raises ImportRejected with every problem, as the import would; nothing is written either way.
    `progress(status line, fraction done)`, when given, hears of each step, ending with 1.0."""
    with engine.connect() as conn:
        transaction = conn.begin()
        try:
            report = import_in_transaction(conn, sources, progress, dry_run=True, replace_demo=replace_demo)
        finally:
            transaction.rollback()
    if progress:
        progress(CHECKED, 1.0)
    return report
