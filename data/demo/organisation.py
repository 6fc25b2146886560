"""Demo data: a whole, believable youth organisation from September 2019 to today, so that
the dashboard can be tried without real records.

Six programmes in rounds of work with changing cohorts, 300 young people known only by codes,
30 staff and trainers, a few volunteers; sessions that dip and move online in the Covid years
and recover after; attendance with payments; skill evaluations; principle ratings with a
perception gap between staff and young people; and "you said, we did" items. Everything comes
from one `random.Random(seed)`: the same seed and end date always give the same rows.

    generate_demo(engine)   writes the demo into a store without records
    load_demo(engine)       the app's entry point: replaces earlier demo data, refuses to touch
                            real records unless forced, and marks the store as demo data
"""

import json
import random
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from data.demo.accounts import PASSWORDS_SETTING
from data.demo.build import make_attendance, make_evaluations, make_sessions
from data.demo.people import START, fill_cohorts, make_cycles, make_workers
from data.demo.text import PROGRAMMES
from data.demo.voice import make_feedback, make_ratings
from models.skill_pairs import evaluations_added_in_bulk
from models.summaries import attendance_added_in_bulk
from models.tables import (
    Attendance, Evaluation, FeedbackItem, Framework, Participant, Principle, PrincipleRating, Programme,
    ProgrammeSession, Setting, Skill,
)
from models.version import bump_write_counter

DEMO_SEED = 2026
DEMO_SETTING = "demo_data"   # the setting that marks the store's records as demo data
EARLIEST_END = date(START.year + 3, START.month, START.day)
# Record tables, children first (the order to delete them in).
RECORD_TABLES = (Attendance, PrincipleRating, Evaluation, FeedbackItem, ProgrammeSession,
                 Participant, Programme)


class DemoRefused(Exception):
    """The demo would overwrite records that are not demo data."""


def generate_demo(engine: Engine, seed: int = DEMO_SEED, end: date | None = None) -> dict[str, int]:
    """Write the demo organisation into a store that holds no programmes or participants.
    Returns the number of rows written per table."""
    end = _check_end(end)
    with engine.begin() as conn:
        held = _held_records(conn)
        if any(held.values()):
            raise DemoRefused(f"The store already holds {_describe(held)}; the demo is only "
                              "written into an empty store. Use load_demo to replace demo data.")
        return _generate(conn, seed, end)


def load_demo(engine: Engine, force: bool = False, seed: int = DEMO_SEED,
              end: date | None = None) -> dict[str, int]:
    """Load the demo: into an empty store, or over earlier demo data (deleted first, so loading
    twice never doubles it). Refuses a store with real records unless `force`, which deletes
    them. The check, the deletion, the new rows and the setting `demo_data` = True are one
    transaction, so two app processes starting together cannot catch each other half-way."""
    end = _check_end(end)
    with engine.begin() as conn:
        held = _held_records(conn)
        if any(held.values()) and not _is_demo(conn) and not force:
            raise DemoRefused(
                f"The store holds {_describe(held)} that are not demo data. Loading the demo "
                "would delete them; load it with force=True only if you mean to replace them.")
        for table in RECORD_TABLES:
            conn.execute(delete(table.__table__))
        counts = _generate(conn, seed, end)
        _mark_demo(conn)
    return counts


def remove_demo_records(conn: Connection) -> bool:
    """Inside the caller's transaction: if the store holds the demo organisation, delete it, so
    real data brought in is never mixed with made-up records. Returns whether it did."""
    if not _is_demo(conn):
        return False
    for table in RECORD_TABLES:
        conn.execute(delete(table.__table__))
    # The demo sign-ins' passwords go too (the accounts themselves go with their own audit entry:
    # data.demo.accounts.remove_demo_accounts, in the form's transaction or after an import).
    conn.execute(delete(Setting.__table__).where(Setting.__table__.c.key.in_((DEMO_SETTING, PASSWORDS_SETTING))))
    bump_write_counter(conn)
    return True


def _check_end(end: date | None) -> date:
    end = end or date.today()
    if end < EARLIEST_END:
        raise ValueError(f"the demo runs from {START} and needs at least three years: "
                         f"end must be on or after {EARLIEST_END}, not {end}")
    return end


def _is_demo(conn: Connection) -> bool:
    raw = conn.execute(select(Setting.value).where(Setting.key == DEMO_SETTING)).scalar()
    return raw is not None and json.loads(raw) is True


def _mark_demo(conn: Connection) -> None:
    """What set_setting(engine, "demo_data", True) writes, inside this transaction."""
    table = Setting.__table__
    conn.execute(delete(table).where(table.c.key == DEMO_SETTING))
    conn.execute(insert(table).values(key=DEMO_SETTING, value=json.dumps(True)))
    bump_write_counter(conn)  # the demo may replace earlier rows under the same ids


def _held_records(conn: Connection) -> dict[str, int]:
    return {name: conn.execute(select(func.count()).select_from(table.__table__)).scalar_one()
            for name, table in (("programmes", Programme), ("participants", Participant))}


def _describe(held: dict[str, int]) -> str:
    return " and ".join(f"{n} {name}" for name, n in held.items() if n)


def build_demo(seed: int, end: date, skills, principles: dict[str, list[str]]) -> dict:
    """All demo rows, referring to each other by code. `skills`: the skill codes to use;
    `principles`: framework code -> its principle codes, in order."""
    rng = random.Random(seed)
    cycles = make_cycles(rng, PROGRAMMES, end)
    young_people, propensity = fill_cohorts(rng, cycles)
    worker_rows, workers, volunteers = make_workers(rng, PROGRAMMES, end)
    sessions = make_sessions(rng, cycles, PROGRAMMES, end)
    attendance, attended_by = make_attendance(rng, sessions, propensity, workers, volunteers)
    return dict(
        programmes=[dict(code=p["code"], name=p["name"], description=p["description"],
                         start_date=p["start"],
                         end_date=p["end"] if p["end"] and p["end"] <= end else None)
                    for p in PROGRAMMES],
        participants=young_people + worker_rows,
        sessions=[s for s, _cycle in sessions],
        attendance=attendance,
        evaluations=make_evaluations(rng, cycles, skills, end),
        principle_ratings=make_ratings(rng, sessions, attended_by, principles),
        feedback_items=make_feedback(rng, PROGRAMMES, end),
    )


def _generate(conn: Connection, seed: int, end: date) -> dict[str, int]:
    skill_ids = dict(conn.execute(select(Skill.code, Skill.id).order_by(Skill.id)).all())
    principle_ids, principles = {}, {}
    for fw, code, pid in conn.execute(
            select(Framework.code, Principle.code, Principle.id)
            .join(Framework, Framework.id == Principle.framework_id)
            .order_by(Framework.id, Principle.position, Principle.id)):
        principle_ids[(fw, code)] = pid
        principles.setdefault(fw, []).append(code)
    rows = build_demo(seed, end, list(skill_ids), principles)

    programme_ids = _insert_coded(conn, Programme, rows["programmes"])
    people = _insert_coded(conn, Participant, rows["participants"])
    session_ids = _insert_coded(conn, ProgrammeSession, [
        {**_without(s, "programme"), "programme_id": programme_ids[s["programme"]]}
        for s in rows["sessions"]])
    with attendance_added_in_bulk(conn):
        _insert(conn, Attendance, [
            {**_without(a, "session", "participant"), "session_id": session_ids[a["session"]],
             "participant_id": people[a["participant"]]} for a in rows["attendance"]])
    with evaluations_added_in_bulk(conn):
        _insert(conn, Evaluation, [
            dict(participant_id=people[e["participant"]], programme_id=programme_ids[e["programme"]],
                 timepoint=e["timepoint"], completed_on=e["completed_on"],
                 skill_id=skill_ids[e["skill"]], score=e["score"]) for e in rows["evaluations"]])
    _insert(conn, PrincipleRating, [
        dict(rating_code=None, session_id=session_ids[r["session"]],
             principle_id=principle_ids[(r["framework"], r["principle"])],
             rater_role=r["rater_role"], rater_id=people[r["rater"]] if r["rater"] else None,
             score=r["score"], rated_on=r["rated_on"], comment=r["comment"])
        for r in rows["principle_ratings"]])
    _insert(conn, FeedbackItem, [
        {**_without(f, "programme"),
         "programme_id": programme_ids[f["programme"]] if f["programme"] else None,
         # an item with a response is shown to young people and trustees; the others await approval
         "shown_to_all": f.get("responded_on") is not None or f.get("we_did") is not None}
        for f in rows["feedback_items"]])
    return {name: len(table_rows) for name, table_rows in rows.items()}


def _without(row: dict, *keys: str) -> dict:
    return {k: v for k, v in row.items() if k not in keys}


def _insert(conn: Connection, model, rows: list[dict]) -> None:
    if rows:
        conn.execute(insert(model.__table__), rows)


def _insert_coded(conn: Connection, model, rows: list[dict]) -> dict[str, int]:
    """Insert rows with a `code` and return code -> id (portable: no explicit ids, so
    PostgreSQL sequences stay right)."""
    _insert(conn, model, rows)
    table = model.__table__
    codes = {r["code"] for r in rows}
    return {code: rid for code, rid in conn.execute(select(table.c.code, table.c.id))
            if code in codes}
