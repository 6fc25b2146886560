"""A dry run of an import: what it would add, update and leave unchanged, with nothing written."""

from sqlalchemy.engine import Engine

from data.importing.importer import import_in_transaction
from data.importing.problems import ImportReport


def preview_sources(engine: Engine, sources: list[tuple[str, bytes]]) -> ImportReport:
    """The counts `import_sources` would report for these (file name, content) pairs, found by
    running the very same import in a transaction that is then rolled back.

    Raises ImportRejected with every problem, as the import would; nothing is written either way."""
    with engine.connect() as conn:
        transaction = conn.begin()
        try:
            return import_in_transaction(conn, sources)
        finally:
            transaction.rollback()
