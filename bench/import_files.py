"""Import benchmark: the seven import files at scale L, timed through `manage.py import` as a whole.

The files are written, then `manage.py import` is timed as a whole process (start to exit) into an
empty store, on SQLite or PostgreSQL.

Scale 1.0 ("L"): 40 programmes, 50,000 participants (45,000 young people), 20,000 sessions,
1,000,000 attendance rows, 400,000 skill ratings, 200,000 principle ratings (coded, code-less with
a rater, and anonymous, some of them identical) and 5,000 feedback items: 1,675,040 rows. Every
column of the contract is used, optional ones included; dates span ten years up to today. Seeded:
the same scale, seed and day give the same files. Target: at least 50,000 rows/s in all.

    .venv/bin/python bench/import_files.py [--scale 1.0] [--per-file] [--runs 2]
    .venv/bin/python bench/import_files.py --database-url postgresql+psycopg://... --reset

`all` (always): one `manage.py import` of the seven files, as a user would (one transaction, all or
nothing). `--per-file`: before it, one `manage.py import FILE` per file in the same order into
another empty store, for rows/s file by file (each process pays its own start, about 1.5 s).
The store is made and migrated before the clock starts. A PostgreSQL database loses every table
first, so `--reset` must be given to say that may happen.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.vocab import (  # noqa: E402
    ACTIVITY_TYPES, AGE_BANDS, FEEDBACK_STATUSES, FRAMEWORKS, LADDER, LED_BY, MODES, ROLES, SKILLS, STAGES,
    YES_NO_PREFER,
)

USER_ORDER = ("programmes", "participants", "sessions", "attendance", "evaluations", "principle_ratings",
              "feedback")
YEARS = 10
PROGRAMMES = 40
PER_SESSION = 50  # attendance rows per session: 48 young people and 2 workers
RATINGS_PER_SESSION = 10
PRINCIPLES = [(framework, code) for framework, _name, principles in FRAMEWORKS for code, _ in principles]
DROP_ALL_TABLES = """
DO $$ DECLARE t record; BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE 'DROP TABLE IF EXISTS public.' || quote_ident(t.tablename) || ' CASCADE';
  END LOOP;
END $$;
"""


def sizes(scale: float) -> dict[str, int]:
    return {"programmes": max(1, round(PROGRAMMES * scale)) if scale < 1 else PROGRAMMES,
            "young_people": round(45_000 * scale), "workers": max(2, round(5_000 * scale)),
            "sessions": round(20_000 * scale), "evaluation_pairs": round(25_000 * scale),
            "feedback": round(5_000 * scale)}


def _days(start: date, offsets) -> list[str]:
    """ISO dates `offsets` days after `start`, vectorised."""
    return np.datetime_as_string(np.datetime64(start) + np.asarray(offsets, dtype="timedelta64[D]"),
                                 unit="D").tolist()


def _write(path: Path, header: list[str], rows) -> int:
    written = 0
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


def generate(folder: Path, scale: float = 1.0, seed: int = 2026, end: date | None = None) -> dict[str, int]:
    """The seven files in `folder`; returns rows written per file."""
    end = end or date.today()
    start = end - timedelta(days=365 * YEARS)
    span = (end - start).days
    rng = np.random.default_rng(seed)
    n = sizes(scale)
    rows: dict[str, int] = {}

    programmes = n["programmes"]
    p_start = rng.integers(0, span // 2, programmes)
    p_end = p_start + rng.integers(365, span // 2, programmes)
    p_starts, p_ends = _days(start, p_start), _days(start, np.minimum(p_end, span))
    rows["programmes"] = _write(folder / "programmes.csv",
                                ["programme_code", "name", "description", "start_date", "end_date"],
                                ([f"PG{p:03d}", f"Programme {p}", f"What programme {p} is for" if p % 3 else "",
                                  p_starts[p], p_ends[p] if p % 4 else ""] for p in range(programmes)))

    young, workers = n["young_people"], n["workers"]
    people = young + workers
    codes = [f"YP{i:06d}" if i < young else f"WK{i:06d}" for i in range(people)]
    joined = _days(start, rng.integers(0, span, people))
    band = rng.integers(0, 4, people)
    disability = rng.choice(3, people, p=[0.15, 0.8, 0.05])
    care = rng.choice(3, people, p=[0.1, 0.85, 0.05])
    consent = rng.random(people) < 0.97
    rows["participants"] = _write(
        folder / "participants.csv",
        ["participant_code", "role", "joined_on", "age_band", "disability", "care_experienced", "consent_data_use"],
        ([codes[i], "young_person" if i < young else ROLES[1 + i % 4], joined[i] if i % 10 else "",
          AGE_BANDS[band[i]] if i < young else "over_25", YES_NO_PREFER[disability[i]] if i % 7 else "",
          YES_NO_PREFER[care[i]], ("yes" if consent[i] else "no") if i % 5 else ""] for i in range(people)))

    sessions = n["sessions"]
    day = np.sort(rng.integers(0, span + 1, sessions))
    session_dates = _days(start, day)
    programme = rng.integers(0, programmes, sessions)
    mode = rng.choice(3, sessions, p=[0.7, 0.2, 0.1])
    led = rng.choice(3, sessions, p=[0.3, 0.35, 0.35])
    rung = rng.integers(1, 8, sessions)
    hours = rng.choice(["1", "1.5", "2", "3", "6"], sessions)
    rows["sessions"] = _write(
        folder / "sessions.csv",
        ["session_code", "programme_code", "date", "title", "activity_type", "stage", "mode", "led_by",
         "ladder_rung", "duration_hours"],
        ([f"SS{s:06d}", f"PG{programme[s]:03d}", session_dates[s], f"Session {s}" if s % 3 else "",
          ACTIVITY_TYPES[s % len(ACTIVITY_TYPES)], STAGES[s % 4] if s % 5 else "", MODES[mode[s]] if s % 6 else "",
          LED_BY[led[s]], (LADDER[rung[s] - 1][1] if s % 2 else str(rung[s])) if s % 9 else "",
          hours[s] if s % 4 else ""] for s in range(sessions)))

    # A session's register: 48 young people of its programme-year cohort, and two workers.
    cohort = max(60, young // (PROGRAMMES * YEARS) * 2)
    attended = rng.random(sessions * PER_SESSION) < 0.8
    paid = rng.random(sessions * PER_SESSION) < 0.3
    expenses = rng.integers(0, 2000, sessions * PER_SESSION)
    registers: list[list[int]] = []

    def attendance_rows():
        k = 0
        for s in range(sessions):
            base = ((int(programme[s]) * YEARS + int(day[s]) // 365) * cohort // 2) % max(1, young - cohort)
            people_here = [base + int(o) for o in rng.choice(cohort, PER_SESSION - 2, replace=False)]
            people_here += [young + (s * 2 + w) % workers for w in range(2)]
            registers.append(people_here)
            for position, person in enumerate(people_here):
                worker = position >= PER_SESSION - 2
                yield [f"SS{s:06d}", codes[person], "yes" if attended[k] or worker else "no",
                       ("lead" if position == PER_SESSION - 2 else "co_facilitator") if worker
                       else ("participant" if k % 11 else ""),
                       "15" if paid[k] and not worker else "", f"{expenses[k] / 100:.2f}" if k % 4 == 0 else ""]
                k += 1
    rows["attendance"] = _write(folder / "attendance.csv",
                                ["session_code", "participant_code", "attended", "role_in_session", "paid_gbp",
                                 "expenses_gbp"], attendance_rows())

    # Pre and post surveys (every skill each); pair e is young person e % young, so keys are unique.
    pairs = n["evaluation_pairs"]
    taken = rng.integers(0, span - 120, pairs)
    prog = rng.integers(0, programmes, pairs)
    scores = rng.integers(1, 6, (pairs, 2, len(SKILLS)))

    def evaluation_rows():
        for e in range(pairs):
            pre = start + timedelta(days=int(taken[e]))
            for t, (timepoint, on) in enumerate((("pre", pre), ("post", pre + timedelta(days=100)))):
                for s, (skill, _name) in enumerate(SKILLS):
                    yield [codes[e % young], f"PG{prog[e]:03d}", timepoint, on.isoformat(), skill,
                           int(scores[e, t, s])]
    rows["evaluations"] = _write(folder / "evaluations.csv",
                                 ["participant_code", "programme_code", "timepoint", "completed_on", "skill",
                                  "score"], evaluation_rows())

    # Per session: 4 coded ratings, 3 code-less with a rater from the register, 3 anonymous (young
    # people's, few distinct values: identical rows are common, as on paper forms).
    r_score = rng.integers(1, 6, sessions * RATINGS_PER_SESSION)

    def rating_rows():
        k = 0
        for s in range(sessions):
            framework, principle = PRINCIPLES[s % len(PRINCIPLES)]
            for r in range(RATINGS_PER_SESSION):
                coded, anonymous = r < 4, r >= 7
                role = "young_person" if anonymous or r % 2 == 0 else "staff"
                rater = "" if anonymous else codes[registers[s][r if role == "young_person" else -1 - r % 2]]
                score = 4 if anonymous and k % 3 else int(r_score[k])
                rated = session_dates[s] if r in (1, 5) else ""
                comment = f"Comment {k}" if r == 2 else ""
                yield [f"SS{s:06d}", framework, principle, role, rater, score, rated, comment,
                       f"RT{k:07d}" if coded else ""]
                k += 1
    rows["principle_ratings"] = _write(folder / "principle_ratings.csv",
                                       ["session_code", "framework", "principle", "rater_role", "rater_code",
                                        "score", "rated_on", "comment", "rating_code"], rating_rows())

    raised = rng.integers(0, span, n["feedback"])
    status = rng.choice(len(FEEDBACK_STATUSES), n["feedback"])

    def feedback_rows():
        for f in range(n["feedback"]):
            said = start + timedelta(days=int(raised[f]))
            answered = FEEDBACK_STATUSES[status[f]] in ("done", "not_possible")
            told = said + timedelta(days=14 + f % 40)
            yield [f"FB{f:05d}", f"PG{f % programmes:03d}" if f % 6 else "", said.isoformat(),
                   f"You said {f}: more sessions after school", FEEDBACK_STATUSES[status[f]],
                   f"We did {f}" if answered else "", told.isoformat() if answered and told <= end else ""]
    rows["feedback"] = _write(folder / "feedback.csv",
                              ["item_code", "programme_code", "raised_on", "you_said", "status", "we_did",
                               "responded_on"], feedback_rows())
    return rows


def empty_store(url: str, reset: bool) -> None:
    """Make `url` an empty store at the schema's head (PostgreSQL: every table dropped first)."""
    from models.db import engine_for
    from models.schema import open_store
    if not url.startswith("sqlite"):
        if not reset:
            raise SystemExit("--reset is required with --database-url: every table of that database is dropped")
        engine = engine_for(url)
        with engine.begin() as conn:
            conn.exec_driver_sql(DROP_ALL_TABLES)
    open_store(url).dispose()


def timed_import(url: str, paths: list[Path]) -> tuple[float, float, str]:
    """(seconds, peak memory in MB, output) of one `manage.py import` process, start to exit."""
    env = {**os.environ, "DATABASE_URL": url}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "manage.py", "import", *map(str, paths)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"manage.py import failed ({process.returncode}):\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def _line(name: str, rows: int, seconds: float, peak: float | None = None) -> str:
    memory = f"  {peak:6.0f} MB" if peak is not None else ""
    return f"  {name:<18} {rows:>10,} rows {seconds:8.2f} s {rows / seconds:>10,.0f} rows/s{memory}"


def run(url_for, files: dict[str, Path], rows: dict[str, int], per_file: bool, reset: bool) -> float:
    """One measurement; returns the seconds of the all-files import."""
    if per_file:
        url = url_for("per_file")
        empty_store(url, reset)
        print("file by file (one process each):")
        for name in USER_ORDER:
            seconds, peak, _output = timed_import(url, [files[name]])
            print(_line(name, rows[name], seconds, peak), flush=True)
    url = url_for("all")
    empty_store(url, reset)
    seconds, peak, output = timed_import(url, [files[name] for name in USER_ORDER])
    total = sum(rows.values())
    print("all seven files in one import:")
    print(_line("total", total, seconds, peak), flush=True)
    print("  " + output.strip().replace("\n", "\n  "))
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is scale L (1,675,040 rows); 0.1 a tenth")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", help="a PostgreSQL database to import into (default: a new SQLite file)")
    parser.add_argument("--reset", action="store_true", help="allow dropping every table of --database-url")
    parser.add_argument("--per-file", action="store_true", help="also import file by file, one process each")
    parser.add_argument("--runs", type=int, default=1, help="measurements; the best is reported (default 1)")
    parser.add_argument("--files", type=Path, help="a folder to write the files to and keep (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.files or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        rows = generate(folder, args.scale, args.seed)
        files = {name: folder / f"{name}.csv" for name in USER_ORDER}
        total = sum(rows.values())
        print(f"scale {args.scale:g}: {total:,} rows in 7 files written in {time.perf_counter() - started:.1f} s "
              f"({sum(p.stat().st_size for p in files.values()) / 2**20:.0f} MB)")

        def url_for(purpose: str) -> str:
            if args.database_url:
                return args.database_url
            path = Path(temporary) / f"store_{purpose}.db"
            for name in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                name.unlink(missing_ok=True)
            return f"sqlite:///{path}"

        print(f"into {'PostgreSQL' if args.database_url else 'SQLite'}")
        best = min(run(url_for, files, rows, args.per_file, args.reset) for _ in range(args.runs))
        print(f"best of {args.runs}: {best:.1f} s, {total / best:,.0f} rows/s (target 50,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
