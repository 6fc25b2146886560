"""An import killed part-way (SIGKILL: no exception handler, no rollback by Python) leaves the
store as it was: SQLite recovers from the write-ahead log and the import's rows are not there.

The kill lands at different moments of the import: as soon as the WAL file shows uncommitted
pages (the import is writing), and after fixed delays. Whenever it lands, the store holds either
none of the import's rows or, if the import had already committed, all of them."""

import csv
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from data.importing import import_sources
from models.db import make_engine
from models.schema import open_store

HELPER = Path(__file__).parent / "helpers" / "import_file.py"
NEW_SESSIONS, PARTICIPANTS = 100, 2_000  # the killed import: 100 x 2,000 = 200,000 attendance rows
KEPT_SESSION = f"S{NEW_SESSIONS}"  # the attendance already stored is all in this session
KEPT_ROWS = 500
TIMEOUT = 60


def csv_bytes(header: list[str], rows) -> bytes:
    lines = [",".join(header), *(",".join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def prepared(tmp_path) -> tuple[str, Path]:
    """A store holding participants, sessions and some attendance; a large attendance file."""
    url = f"sqlite:///{tmp_path}/store.db"
    engine = open_store(url)
    participants = [f"P{i}" for i in range(PARTICIPANTS)]
    sessions = [f"S{i}" for i in range(NEW_SESSIONS + 1)]
    import_sources(engine, [
        ("programmes.csv", b"programme_code,name\nPB,Bench\n"),
        ("participants.csv", csv_bytes(["participant_code", "role"], ([p, "young_person"] for p in participants))),
        ("sessions.csv", csv_bytes(["session_code", "programme_code", "date", "activity_type"],
                                   ([s, "PB", "2024-03-01", "workshop"] for s in sessions))),
        ("attendance.csv", csv_bytes(["session_code", "participant_code", "attended"],
                                     ([KEPT_SESSION, p, "yes"] for p in participants[:KEPT_ROWS]))),
    ])
    engine.dispose()  # the last connection closes: the WAL is checkpointed and removed
    big = tmp_path / "attendance.csv"
    with big.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["session_code", "participant_code", "attended", "paid_gbp"])
        writer.writerows([s, p, "yes", "5"] for s in sessions[:NEW_SESSIONS] for p in participants)
    return url, big


def state(url: str) -> tuple[str, int]:
    """(integrity check, attendance rows), read by a fresh engine as a restarted app would."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
            count = conn.execute(text("SELECT COUNT(*) FROM attendance")).scalar()
        return integrity, count
    finally:
        engine.dispose()


def wait_until_writing(process: subprocess.Popen, wal: Path) -> None:
    """Returns once the WAL holds pages of the open transaction (or the process has ended)."""
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 0:
            return
        time.sleep(0.005)


@pytest.mark.parametrize("moment", ["while writing", 0.3, 1.5])
def test_killed_import_leaves_the_store_as_it_was(prepared, moment):
    url, big = prepared
    integrity, before = state(url)
    assert (integrity, before) == ("ok", KEPT_ROWS)
    wal = Path(url.split("///", 1)[1] + "-wal")
    process = subprocess.Popen([sys.executable, str(HELPER), url, str(big)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "importing", process.stderr.read()
        if moment == "while writing":
            wait_until_writing(process, wal)
            assert process.poll() is None, "the import ended before it was seen writing"
        else:
            time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.wait(TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    integrity, after = state(url)
    assert integrity == "ok"
    # All or nothing: the import's rows are all there only if it committed before the kill.
    assert after in (before, before + NEW_SESSIONS * PARTICIPANTS)
    if moment == "while writing":  # seen with uncommitted pages, seconds before its commit
        assert process.returncode == -signal.SIGKILL
        assert after == before
