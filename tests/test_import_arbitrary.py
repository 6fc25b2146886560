"""Arbitrary bytes, mangled CSV files and damaged workbooks: a refusal listing problems, never a
crash and never a partial write (hypothesis)."""

import shutil
import tempfile
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.importing import ImportRejected
from models.schema import open_store
from tests.import_helpers import PROGRAMMES, run, workbook_bytes
from tests.store_helpers import row_counts

STORE: dict = {}  # one store for every generated example (each checks its own before/after)


@pytest.fixture(scope="module", autouse=True)
def hypothesis_store():
    folder = tempfile.mkdtemp()
    STORE["engine"] = open_store(f"sqlite:///{folder}/h.db")
    yield
    STORE["engine"].dispose()
    shutil.rmtree(folder, ignore_errors=True)


TOKENS = ["session_code", "programme_code", "date", "activity_type", "title", "mode", "ladder_rung",
          "duration_hours", "PR1", "S1", "S2", "2024-02-01", "2024-02-30", "workshop", "online", "7",
          "0", "24.5", "co_design", "", " ", '"', '"a,b"', "\ufeff", "é", "\r", "\x00"]


def structured() -> st.SearchStrategy[bytes]:
    cell = st.sampled_from(TOKENS)
    line = st.lists(cell, max_size=8).map(",".join)
    return st.lists(line, max_size=6).map(lambda lines: "\n".join(lines).encode())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=st.one_of(st.binary(max_size=400), structured()))
def test_arbitrary_bytes_never_crash_nor_write_partly(content):
    engine = STORE["engine"]
    before = row_counts(engine)
    try:
        report = run(engine, [("sessions.csv", content), ("programmes.csv", PROGRAMMES)])
    except ImportRejected as error:
        assert error.problems
        assert row_counts(engine) == before
    else:
        after = row_counts(engine)
        assert after["sessions"] == before["sessions"] + report.files["sessions"].added
        assert {k: v for k, v in after.items() if k not in ("sessions", "programmes")} == \
            {k: v for k, v in before.items() if k not in ("sessions", "programmes")}


@cache
def small_book() -> bytes:  # built once: the bytes of a workbook vary with the time it is saved
    return workbook_bytes({"programmes": [["programme_code", "name"], ["PX", "X"]]})


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_damaged_workbooks_are_problems(data):
    book = bytearray(small_book())
    for _ in range(data.draw(st.integers(1, 4))):
        book[data.draw(st.integers(0, len(book) - 1))] = data.draw(st.integers(0, 255))
    engine = STORE["engine"]
    before = row_counts(engine)
    try:
        run(engine, [("book.xlsx", bytes(book))])
    except ImportRejected:
        assert row_counts(engine) == before
