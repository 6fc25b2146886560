"""The importer's larger SQLite page cache is for the import's own block only: the connection
goes back to the cache it had (SQLite's default is 2,000 KiB, written as -2000)."""

from models.db import larger_page_cache


def test_the_page_cache_is_larger_inside_the_block_and_as_before_after_it(engine):
    with engine.connect() as conn:
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        with larger_page_cache(conn, mebibytes=64):
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -64 * 1024
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before == -2000
