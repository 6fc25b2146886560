"""A store at the size of a large organisation over ten years (scale L, README's benchmark section), written
straight into the tables in bulk: the point is the size and the shape, not the story.

Scale 1.0 ("L"): 50,000 participants (45,000 young people), 20,000 sessions in 40 programmes,
1,000,000 attendance rows, 400,000 skill ratings, 200,000 principle ratings, 4,000 feedback
items. Scale 0.1 is a tenth of each. Seeded: the same scale and end date give the same rows.

    .venv/bin/python bench/scale_store.py sqlite:////tmp/scale_l.db [--scale 1.0]
"""

import argparse
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.schema import open_store  # noqa: E402
from models.skill_pairs import evaluations_added_in_bulk  # noqa: E402
from models.summaries import attendance_added_in_bulk  # noqa: E402
from models.tables import (  # noqa: E402
    Attendance, Evaluation, FeedbackItem, Participant, Principle, PrincipleRating, Programme, ProgrammeSession, Skill,
)
from models.vocab import ACTIVITY_TYPES, AGE_BANDS, LED_BY, MODES, STAGES, YES_NO_PREFER  # noqa: E402

YEARS = 10
PROGRAMMES = 40
CHUNK = 50_000


def sizes(scale: float) -> dict[str, int]:
    return {"young_people": int(45_000 * scale), "workers": int(5_000 * scale),
            "sessions": int(20_000 * scale), "attendance_per_session": 50,
            "evaluation_sets": int(50_000 * scale), "ratings_per_session": 10,
            "feedback": int(4_000 * scale)}


def build(url: str, scale: float = 1.0, end: date | None = None, seed: int = 2026) -> dict[str, int]:
    """Write a scale store into an empty store at `url`; returns rows written per table."""
    end = end or date.today()
    start = end - timedelta(days=365 * YEARS)
    rng = np.random.default_rng(seed)
    n = sizes(scale)
    engine = open_store(url)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        if conn.execute(select(Participant.id).limit(1)).first():
            raise SystemExit(f"{url} already holds participants; the scale store needs an empty store")
        # In the order SQLite returns them unordered (by its unique indexes), so a store on PostgreSQL
        # holds the same rows as one on SQLite and gives the same figures.
        skill_ids = conn.execute(select(Skill.id).order_by(Skill.code)).scalars().all()
        principle_ids = conn.execute(
            select(Principle.id).order_by(Principle.framework_id, Principle.code)).scalars().all()

        conn.execute(insert(Programme), [{"id": p + 1, "code": f"PL{p:02d}", "name": f"Programme {p:02d}",
                                          "start_date": start} for p in range(PROGRAMMES)])
        counts["programmes"] = PROGRAMMES

        young, workers = n["young_people"], n["workers"]
        people = young + workers
        joined = rng.integers(0, 365 * YEARS, people)
        _bulk(conn, Participant, ({
            "id": i + 1, "code": f"YL{i:06d}" if i < young else f"WL{i:06d}",
            "role": "young_person" if i < young else "staff",
            "joined_on": start + timedelta(days=int(joined[i])),
            "age_band": AGE_BANDS[int(rng.integers(1, 4))] if i < young else "over_25",
            "disability": YES_NO_PREFER[int(rng.choice(3, p=[0.15, 0.8, 0.05]))],
            "care_experienced": YES_NO_PREFER[int(rng.choice(3, p=[0.1, 0.85, 0.05]))],
            "consent_data_use": True} for i in range(people)))
        counts["participants"] = people

        sessions = n["sessions"]
        day = np.sort(rng.integers(0, 365 * YEARS, sessions))
        programme = rng.integers(0, PROGRAMMES, sessions)
        led = rng.choice(3, sessions, p=[0.3, 0.35, 0.35])
        _bulk(conn, ProgrammeSession, ({
            "id": s + 1, "code": f"SL{s:06d}", "programme_id": int(programme[s]) + 1,
            "date": start + timedelta(days=int(day[s])),
            "activity_type": ACTIVITY_TYPES[s % len(ACTIVITY_TYPES)], "stage": STAGES[s % 4],
            "mode": MODES[int(rng.choice(3, p=[0.7, 0.2, 0.1]))], "led_by": LED_BY[int(led[s])],
            "ladder_rung": int(rng.integers(3, 8)), "duration_hours": float(rng.choice([1.0, 1.5, 2.0, 3.0]))}
            for s in range(sessions)))
        counts["sessions"] = sessions

        # Each programme-year has a cohort of young people; a session's register is drawn from its cohort.
        cohort_size = max(60, young // (PROGRAMMES * YEARS) * 2)
        per = n["attendance_per_session"]
        attended = rng.random(sessions * per) < 0.8
        paid = rng.random(sessions * per) < 0.3

        def attendance_rows():
            k = 0
            for s in range(sessions):
                year = int(day[s]) // 365
                base = ((int(programme[s]) * YEARS + year) * cohort_size // 2) % max(1, young - cohort_size)
                for offset in rng.choice(cohort_size, per - 2, replace=False):
                    yield {"session_id": s + 1, "participant_id": base + int(offset) + 1,
                           "attended": bool(attended[k]), "role_in_session": "participant",
                           "paid_gbp": 10.0 if paid[k] else None}
                    k += 1
                for w in range(2):   # two workers run every session
                    yield {"session_id": s + 1, "participant_id": young + (s * 2 + w) % workers + 1,
                           "attended": True, "role_in_session": "lead" if w == 0 else "co_facilitator",
                           "paid_gbp": None}
                    k += 1
        with attendance_added_in_bulk(conn):
            counts["attendance"] = _bulk(conn, Attendance, attendance_rows())

        def evaluation_rows():
            # pre/post pairs; about one in seven post surveys is missing
            pairs = n["evaluation_sets"] * 27 // 50
            who = rng.integers(0, young, pairs)
            prog = rng.integers(1, PROGRAMMES + 1, pairs)
            taken = rng.integers(0, 365 * YEARS - 120, pairs)
            has_post = rng.random(pairs) < 23 / 27
            for e in range(pairs):
                pre_on = start + timedelta(days=int(taken[e]))
                for timepoint, on in (("pre", pre_on), ("post", pre_on + timedelta(days=100))):
                    if timepoint == "post" and not has_post[e]:
                        continue
                    for skill in skill_ids:
                        yield {"participant_id": int(who[e]) + 1, "programme_id": int(prog[e]),
                               "timepoint": timepoint, "completed_on": on, "skill_id": skill,
                               "score": int(rng.integers(1 if timepoint == "pre" else 2, 6))}
        with evaluations_added_in_bulk(conn):
            counts["evaluations"] = _bulk(conn, Evaluation, _unique_evaluations(evaluation_rows()))

        def rating_rows():
            per_session = n["ratings_per_session"]
            for s in range(sessions):
                on = start + timedelta(days=int(day[s]))
                for r in range(per_session):
                    youth = r % 2 == 0
                    yield {"session_id": s + 1, "principle_id": principle_ids[(s + r) % len(principle_ids)],
                           "rater_role": "young_person" if youth else "staff",
                           "score": int(rng.integers(2 if youth else 3, 6)), "rated_on": on}
        counts["principle_ratings"] = _bulk(conn, PrincipleRating, rating_rows())

        def feedback_rows():
            for f in range(n["feedback"]):
                raised = start + timedelta(days=int(rng.integers(0, 365 * YEARS)))
                done = rng.random() < 0.7 and raised + timedelta(days=60) <= end
                yield {"code": f"FL{f:05d}", "programme_id": int(rng.integers(1, PROGRAMMES + 1)),
                       "raised_on": raised, "you_said": f"Suggestion {f}", "status": "done" if done else "raised",
                       "we_did": f"Answer {f}" if done else None,
                       "responded_on": raised + timedelta(days=int(rng.integers(3, 60))) if done else None}
        counts["feedback_items"] = _bulk(conn, FeedbackItem, feedback_rows())
        _sequences_past_ids(conn, (Programme, Participant, ProgrammeSession))
    engine.dispose()
    return counts


def _sequences_past_ids(conn, tables) -> None:
    """On PostgreSQL, each table's next id past the highest written: rows written with their ids
    leave the sequence where it was, and the next import or form would reuse an id."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        sequence = conn.execute(select(func.pg_get_serial_sequence(table.__tablename__, "id"))).scalar()
        following = select(func.coalesce(func.max(table.id), 0) + 1).scalar_subquery()
        conn.execute(select(func.setval(sequence, following, False)))


def _unique_evaluations(rows):
    seen = set()
    for row in rows:
        key = (row["participant_id"], row["programme_id"], row["timepoint"], row["completed_on"], row["skill_id"])
        if key not in seen:
            seen.add(key)
            yield row


def _bulk(conn, table, rows) -> int:
    written, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            conn.execute(insert(table), batch)
            written, batch = written + len(batch), []
    if batch:
        conn.execute(insert(table), batch)
        written += len(batch)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="an empty store, e.g. sqlite:////tmp/scale_l.db")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is scale L; 0.1 a tenth of it")
    args = parser.parse_args()
    started = time.perf_counter()
    counts = build(args.url, args.scale)
    print(", ".join(f"{table} {rows:,}" for table, rows in counts.items()),
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
