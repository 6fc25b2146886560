"""The importer's fast paths store exactly what the plain ways store (docs/decisions.md, the
importer's fast path): a load into empty tables with their indexes, foreign keys, CHECK
constraints and summary trigger set aside; COPY through a staging table on PostgreSQL. The
summary of young people's attendance equals the one the triggers keep row by row, the schema is
as it was, a refusal found while writing changes nothing, and code-less ratings stay a multiset."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, text

import data.importing.importer as importer
from bench.import_files import USER_ORDER, generate
from data.importing import FileCounts, ImportRejected, bulk_load, import_files, import_sources, inserting
from data.importing.inserting import insert_rows
from models.db import make_engine
from models.schema import open_store
from models.tables import (
    Attendance, Evaluation, FeedbackItem, Participant, PrincipleRating, Programme, ProgrammeSession,
    YoungPeopleAttendance,
)
from tests.store_helpers import row_counts

A, Y = Attendance.__table__, YoungPeopleAttendance.__table__
SCALE = 0.002  # 100 participants, 40 sessions, 2,000 attendance rows, 800 skill ratings, 400 principle ratings
RECORDS = tuple(model.__table__ for model in (Programme, Participant, ProgrammeSession, Attendance, Evaluation,
                                              PrincipleRating, FeedbackItem, YoungPeopleAttendance))


@pytest.fixture
def files(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    generate(folder, SCALE, seed=7)
    return [folder / f"{name}.csv" for name in USER_ORDER]


@pytest.fixture
def bulk_from_100_rows(monkeypatch):
    monkeypatch.setattr(importer, "BULK_ROWS", 100)


def contents(engine) -> dict[str, list]:
    """Every row of the record tables and the summary, ids included, as typed values, sorted."""
    with engine.connect() as conn:
        return {table.name: sorted(map(repr, conn.execute(select(table)).all())) for table in RECORDS}


def schema(engine) -> list:
    """The tables' indexes, constraints and triggers, as the database describes them."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            return sorted(map(tuple, conn.execute(text("SELECT type, name, sql FROM sqlite_master")).all()))
        return sorted(map(tuple, conn.execute(text(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = 'public'::regnamespace UNION ALL "
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' UNION ALL "
            "SELECT tgrelid::regclass::text, tgname, tgenabled::text FROM pg_trigger WHERE NOT tgisinternal")).all()))


def summary(engine) -> list:
    with engine.connect() as conn:
        return sorted(map(tuple, conn.execute(select(Y)).all()))


def test_a_bulk_load_keeps_the_summary_the_triggers_keep_and_the_schema(any_engine, files, bulk_from_100_rows):
    before = schema(any_engine)
    report = import_files(any_engine, files)
    assert report.files["attendance"] == FileCounts(2000, 0, 0)
    assert schema(any_engine) == before
    loaded = summary(any_engine)
    assert len(loaded) == 1920  # 48 young people at each of 40 sessions
    with any_engine.begin() as conn:  # the same records again, one by one, through the triggers
        records = [dict(row._mapping) for row in conn.execute(select(A).order_by(A.c.id))]
        conn.execute(delete(A))
        assert conn.execute(select(Y).limit(1)).first() is None
        for record in records:
            conn.execute(insert(A).values(**record))
    assert summary(any_engine) == loaded


def test_a_bulk_load_stores_what_the_row_by_row_path_stores(tmp_path, files, monkeypatch):
    bulk, plain = (open_store(f"sqlite:///{tmp_path}/{name}.db") for name in ("bulk", "plain"))
    monkeypatch.setattr(importer, "BULK_ROWS", 100)
    loaded = import_files(bulk, files)
    monkeypatch.setattr(importer, "BULK_ROWS", 10**9)
    assert import_files(plain, files).files == loaded.files
    assert contents(bulk) == contents(plain)
    assert all(c.added == 0 and c.updated == 0 for c in import_files(bulk, files).files.values())


def test_a_refusal_found_while_writing_changes_nothing(any_engine, files, bulk_from_100_rows, tmp_path):
    import_sources(any_engine, [
        ("programmes.csv", b"programme_code,name\nPX,Earlier\n"),
        ("feedback.csv", b"item_code,raised_on,you_said,status,we_did,responded_on\n"
                         b"FX,2024-02-01,More snacks,done,Bought snacks,2024-02-20\n")])
    before, shape = row_counts(any_engine), schema(any_engine)
    # The file holds no responded_on: the stored one (2024-02-20) is found to be before the new
    # raised_on only while writing, after every large file went in through the bulk load.
    late = tmp_path / "feedback.csv"
    late.write_text("item_code,raised_on,you_said,status\nFX,2024-03-01,More snacks,done\n")
    with pytest.raises(ImportRejected) as caught:
        import_files(any_engine, [*files[:-1], late])
    assert [str(p) for p in caught.value.problems] == [
        "feedback.csv, row 2, column raised_on: responded_on 2024-02-20 would be before raised_on 2024-03-01 "
        "(the other date is the one already in the store)"]
    assert row_counts(any_engine) == before
    assert schema(any_engine) == shape
    assert summary(any_engine) == []
    import_files(any_engine, files[:-1])  # and the same files, right, go in
    assert len(summary(any_engine)) == 1920


def test_code_less_ratings_stay_a_multiset_on_a_bulk_load(any_engine, bulk_from_100_rows, monkeypatch):
    monkeypatch.setattr(inserting, "COPY_FROM", 1)
    setup = [("programmes.csv", b"programme_code,name\nPR1,Podcast\n"),
             ("sessions.csv", b"session_code,programme_code,date,activity_type\nS1,PR1,2024-02-01,workshop\n")]
    head = "session_code,framework,principle,rater_role,score\n"
    same, other = "S1,lundy,voice,young_person,4\n", "S1,lundy,space,staff,3\n"
    ratings = head + same * 150 + other * 50
    first = import_sources(any_engine, [*setup, ("principle_ratings.csv", ratings.encode())])
    assert first.files["principle_ratings"] == FileCounts(200, 0, 0)
    again = import_sources(any_engine, [("principle_ratings.csv", ratings.encode())])
    assert again.files["principle_ratings"] == FileCounts(0, 0, 200)
    grown = import_sources(any_engine, [("principle_ratings.csv", (ratings + same).encode())])
    assert grown.files["principle_ratings"] == FileCounts(1, 0, 200)
    assert row_counts(any_engine)["principle_ratings"] == 201


def test_check_constraints_tested_after_an_insert_still_refuse(engine, monkeypatch):
    from sqlalchemy.exc import IntegrityError
    monkeypatch.setattr(inserting, "CHECKS_AFTER_FROM", 1)
    table = Participant.__table__
    with engine.begin() as conn:
        insert_rows(conn, table, {"code": ["P1"], "role": ["staff"]})
    with engine.connect() as conn:
        with pytest.raises(IntegrityError, match="CHECK constraint failed: ck_role_values"):
            with conn.begin():
                insert_rows(conn, table, {"code": ["P2", "P3"], "role": ["staff", "wizard"]})
        assert conn.exec_driver_sql("PRAGMA ignore_check_constraints").scalar() == 0
    assert row_counts(engine)["participants"] == 1


def postgres_engine():
    from tests.conftest import fresh_postgres_store
    return fresh_postgres_store()


@pytest.mark.parametrize("bulk", [False, True], ids=["row by row", "bulk"])
def test_copy_on_postgresql_stores_what_sqlite_stores(tmp_path, files, monkeypatch, bulk):
    postgres = postgres_engine()
    sqlite = open_store(f"sqlite:///{tmp_path}/store.db")
    monkeypatch.setattr(inserting, "COPY_FROM", 1)  # every insert through COPY and the staging table
    monkeypatch.setattr(importer, "BULK_ROWS", 100 if bulk else 10**9)
    reports = [import_files(engine, files).files for engine in (sqlite, postgres)]
    assert reports[0] == reports[1]
    assert contents(postgres) == contents(sqlite)
    with postgres.connect() as conn:  # the staging table went with the transaction
        assert conn.exec_driver_sql("SELECT count(*) FROM pg_class WHERE relname = 'import_stage'").scalar() == 0
    again = import_files(postgres, files).files
    assert all(c.added == 0 and c.updated == 0 for c in again.values())


def test_a_busy_table_on_postgresql_is_loaded_row_by_row(files, monkeypatch):
    """A reader holding the table when the import starts is not kept waiting: after LOCK_WAIT the
    import goes the row-by-row way, and stores the same."""
    postgres = postgres_engine()
    monkeypatch.setattr(importer, "BULK_ROWS", 100)
    monkeypatch.setattr(bulk_load, "LOCK_WAIT", "100ms")
    set_aside = []
    real = bulk_load._postgres_set_aside
    monkeypatch.setattr(bulk_load, "_postgres_set_aside", lambda *args: set_aside.append(real(*args)) or set_aside[-1])
    before = schema(postgres)
    with postgres.connect() as reader:
        reader.execute(select(A.c.id).limit(1)).all()  # its transaction holds attendance until it ends
        report = import_files(postgres, files)
    assert [aside.tables for aside in set_aside] == [[]]
    assert report.files["attendance"] == FileCounts(2000, 0, 0)
    assert schema(postgres) == before
    assert len(summary(postgres)) == 1920
    with postgres.connect() as conn:
        assert conn.execute(select(ProgrammeSession.id)).all()


def test_a_bulk_load_killed_part_way_leaves_the_store_as_it_was(tmp_path):
    """SIGKILL as soon as the import writes pages (no rollback by Python): the indexes and the
    trigger set aside come back with the write-ahead log's recovery, and the rows are all there
    only if the import had committed (as in tests/test_import_killed.py)."""
    folder = tmp_path / "files"
    folder.mkdir()
    generate(folder, 0.05, seed=3)  # 50,000 attendance rows: a bulk load at the default BULK_ROWS
    url = f"sqlite:///{tmp_path}/store.db"
    engine = open_store(url)
    before, shape = row_counts(engine), schema(engine)
    engine.dispose()
    wal = tmp_path / "store.db-wal"
    helper = Path(__file__).parent / "helpers" / "import_file.py"
    paths = [str(folder / f"{name}.csv") for name in USER_ORDER]
    process = subprocess.Popen([sys.executable, str(helper), url, *paths],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "importing", process.stderr.read()
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size):
            time.sleep(0.002)
        assert process.poll() is None, "the import ended before it was seen writing"
        process.send_signal(signal.SIGKILL)
        process.wait(60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert row_counts(engine)["attendance"] in (before["attendance"], 50_000)
        if process.returncode == -signal.SIGKILL and row_counts(engine)["attendance"] == 0:
            assert row_counts(engine) == before
        assert schema(engine) == shape
    finally:
        engine.dispose()
