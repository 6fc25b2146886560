"""Import benchmark: N attendance rows (default 100,000) plus the files they refer to
(1 programme, 10,000 participants, 1,000 sessions), imported into a fresh SQLite store, then
imported again unchanged. Not a unit test; the target is 100,000 attendance rows in at most 10 s.

    .venv/bin/python bench/import_bench.py [--rows N] [--into /tmp/coprod_scale_1.db]

With --into, the files go into a copy of that store (e.g. the scale L store of
bench/scale_store.py) instead of a fresh one.
"""

import argparse
import csv
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.importing import import_files  # noqa: E402
from models.schema import open_store  # noqa: E402

PARTICIPANTS = 10_000
SESSIONS = 1_000


def write_csv(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def generate(folder: Path, rows: int) -> list[Path]:
    """The four files; attendance pairs are distinct (session k % S, participant k // S + s)."""
    if rows > SESSIONS * PARTICIPANTS:
        raise SystemExit(f"--rows is at most {SESSIONS * PARTICIPANTS} (one per session and participant)")
    files = {name: folder / f"{name}.csv" for name in ("programmes", "participants", "sessions", "attendance")}
    write_csv(files["programmes"], ["programme_code", "name", "start_date"], [["PB", "Benchmark", "2024-01-01"]])
    write_csv(files["participants"], ["participant_code", "role", "joined_on", "age_band"],
              ([f"P{i:05d}", "young_person", "2024-01-01", "16_18"] for i in range(PARTICIPANTS)))
    write_csv(files["sessions"], ["session_code", "programme_code", "date", "activity_type", "duration_hours"],
              ([f"S{i:04d}", "PB", f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "workshop", "1.5"]
               for i in range(SESSIONS)))
    write_csv(files["attendance"],
              ["session_code", "participant_code", "attended", "role_in_session", "paid_gbp"],
              ([f"S{k % SESSIONS:04d}", f"P{(k // SESSIONS + k % SESSIONS) % PARTICIPANTS:05d}",
                "yes" if k % 5 else "no", "participant", "10" if k % 3 == 0 else ""]
               for k in range(rows)))
    return list(files.values())


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def timed_import(label: str, engine, files: list[Path], rows: int) -> None:
    start = time.perf_counter()
    report = import_files(engine, files)
    seconds = time.perf_counter() - start
    total = sum(c.added + c.updated + c.unchanged for c in report.files.values())
    print(f"{label}: {seconds:.2f} s, {rows / seconds:,.0f} attendance rows/s "
          f"({total / seconds:,.0f} rows/s over all {total:,} rows), peak RSS so far {peak_rss_mb():.0f} MB")
    print("  " + str(report).replace("\n", "\n  "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="attendance rows (default 100,000)")
    parser.add_argument("--into", type=Path, help="a store to import into (a copy of it; default: a fresh store)")
    args = parser.parse_args()
    rows = args.rows
    with tempfile.TemporaryDirectory() as folder:
        files = generate(Path(folder), rows)
        if args.into:
            shutil.copy(args.into, f"{folder}/bench.db")
            print(f"into a copy of {args.into}")
        engine = open_store(f"sqlite:///{folder}/bench.db")
        print(f"{rows:,} attendance rows, {PARTICIPANTS:,} participants, {SESSIONS:,} sessions; "
              f"peak RSS before importing {peak_rss_mb():.0f} MB")
        timed_import("first import", engine, files, rows)
        timed_import("re-import (unchanged)", engine, files, rows)
        engine.dispose()


if __name__ == "__main__":
    main()
