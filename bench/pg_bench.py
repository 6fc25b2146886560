"""Store benchmark: a scale store's size and `manage.py measures` for its last year, on PostgreSQL
or SQLite (README, Benchmarks).

`manage.py measures --json` for the 365 days up to the store's last session, timed as a whole
process (Python's start and imports included, as a person at a terminal waits), best of `--runs`;
the load average beside it, since the machine may be shared. With `--analyze`, ANALYZE first on
PostgreSQL: after a bulk load it has no statistics until autovacuum gets round to it (never on
SQLite: docs/decisions.md). The figures kept by month (docs/decisions.md, 26) make every run after
the first quicker; with `--forget` each run starts with none kept, as after an import touching
every month.

    .venv/bin/python bench/pg_bench.py URL [--runs 3] [--analyze] [--forget]

Target: <= 2 s. The pages: bench/browser_bench.py --database-url URL.
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import delete, func, make_url, select, text  # noqa: E402

from models.db import make_engine, sqlite_file  # noqa: E402
from models.tables import MonthFigure, ProgrammeSession  # noqa: E402

TARGET_S = 2.0


def last_year(engine) -> tuple[str, str]:
    with engine.connect() as conn:
        last = conn.execute(select(func.max(ProgrammeSession.date))).scalar_one()
    return (last - timedelta(days=364)).isoformat(), last.isoformat()


def size_text(engine, url: str) -> str:
    path = sqlite_file(url)
    if path is not None:
        return f"{path.stat().st_size / 2**20:,.0f} MB (file)"
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")).scalar_one()


def analyze(engine) -> float:
    started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    return time.perf_counter() - started


def measures_seconds(url: str, start: str, end: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "measures", "--from", start, "--to", end, "--json"],
                   env={**os.environ, "DATABASE_URL": url}, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="a scale store (bench/scale_store.py)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE first")
    parser.add_argument("--forget", action="store_true", help="delete the figures kept by month before each run")
    args = parser.parse_args()
    engine = make_engine(args.url)
    shown = make_url(args.url).render_as_string(hide_password=True)
    if args.analyze and sqlite_file(args.url) is not None:
        print("not running ANALYZE on SQLite: with statistics it plans the skills worse (docs/decisions.md)")
    elif args.analyze:
        print(f"ANALYZE: {analyze(engine):.1f} s", flush=True)
    start, end = last_year(engine)
    print(f"{shown}: {size_text(engine, args.url)}; measures {start} to {end}", flush=True)
    times = []
    for _ in range(args.runs):
        if args.forget:
            with engine.begin() as conn:
                conn.execute(delete(MonthFigure))
        times.append(measures_seconds(args.url, start, end))
        print(f"  {times[-1]:.2f} s (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)", flush=True)
    engine.dispose()
    best = min(times)
    print(f"manage.py measures: best {best:.2f} s of {args.runs}; target <= {TARGET_S:g} s: "
          f"{'ok' if best <= TARGET_S else 'SLOW'}")
    return 0 if best <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
