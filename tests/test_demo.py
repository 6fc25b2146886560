"""The demo data generator: deterministic, the right size and shape, and safe to load."""

import re
import time
from datetime import date

import pytest
from sqlalchemy import insert, text

from data.demo.organisation import DEMO_SEED, DemoRefused, generate_demo, load_demo
from models.schema import open_store
from models.settings import get_setting
from models.tables import Programme

END = date(2026, 11, 1)
TABLES = ("programmes", "participants", "sessions", "attendance", "evaluations",
          "principle_ratings", "feedback_items")


def new_store(path, name="s.db"):
    return open_store(f"sqlite:///{path}/{name}")


@pytest.fixture
def demo(tmp_path):
    """A fresh store holding the demo up to END."""
    engine = new_store(tmp_path)
    generate_demo(engine, end=END)
    return engine


def rows(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def one(engine, sql: str, **params):
    return rows(engine, sql, **params)[0][0]


def dump(engine) -> dict:
    return {t: rows(engine, f"SELECT * FROM {t} ORDER BY id") for t in TABLES}


def count(engine, table: str) -> int:
    return one(engine, f"SELECT COUNT(*) FROM {table}")


def test_same_seed_same_rows_and_another_seed_differs(tmp_path):
    first, second, other = (new_store(tmp_path, f"{n}.db") for n in ("a", "b", "c"))
    assert generate_demo(first, end=END) == generate_demo(second, seed=DEMO_SEED, end=END)
    assert dump(first) == dump(second)
    generate_demo(other, seed=DEMO_SEED + 1, end=END)
    theirs = dump(other)
    assert all(dump(first)[t] != theirs[t] for t in ("sessions", "attendance", "evaluations",
                                                     "principle_ratings", "feedback_items"))


def test_size_span_and_pseudonymous_codes(tmp_path):
    engine = new_store(tmp_path)
    start = time.perf_counter()
    counts = generate_demo(engine, end=END)
    assert time.perf_counter() - start < 10, "a loose sanity bound, not a benchmark"
    assert counts == {t: count(engine, t) for t in TABLES}

    assert count(engine, "programmes") >= 6
    roles = dict(rows(engine, "SELECT role, COUNT(*) FROM participants GROUP BY role"))
    assert roles["young_person"] >= 300
    assert roles.get("staff", 0) + roles.get("trainer", 0) >= 30
    assert roles["staff"] and roles["trainer"] and roles["volunteer"]
    codes = [c for (c,) in rows(engine, "SELECT code FROM participants")]
    assert all(re.fullmatch(r"(YP\d{4}|ST\d{3}|VL\d{3})", c) for c in codes)

    first, last = rows(engine, "SELECT MIN(date), MAX(date) FROM sessions")[0]
    assert (date.fromisoformat(last) - date.fromisoformat(first)).days >= 3 * 365
    assert last <= END.isoformat()
    assert 1500 <= counts["sessions"] <= 3000
    assert 5000 <= counts["principle_ratings"] <= 15000
    assert 150 <= counts["feedback_items"] <= 250
    # every stage, mode, leader and several rungs appear
    for column, least in (("stage", 4), ("mode", 3), ("led_by", 3), ("ladder_rung", 5)):
        assert one(engine, f"SELECT COUNT(DISTINCT {column}) FROM sessions") >= least


def monthly_sessions(engine, start: str, end: str) -> tuple[float, float]:
    """Sessions per month between two dates (both included), and the share online."""
    n, online = rows(engine, "SELECT COUNT(*), SUM(mode = 'online') FROM sessions "
                             "WHERE date BETWEEN :a AND :b", a=start, b=end)[0]
    months = (date.fromisoformat(end) - date.fromisoformat(start)).days / 30.44
    return n / months, online / n


def test_covid_dip_mostly_online_then_recovery(demo):
    before, _ = monthly_sessions(demo, "2019-09-01", "2019-12-31")
    lockdown, online = monthly_sessions(demo, "2020-04-01", "2021-03-31")
    after, _ = monthly_sessions(demo, "2023-01-01", "2023-12-31")
    assert lockdown < 0.5 * before and lockdown < 0.5 * after
    assert online > 0.7
    recovery, recovery_online = monthly_sessions(demo, "2022-01-01", "2022-12-31")
    assert recovery > 2 * lockdown and recovery_online < 0.5
    assert one(demo, "SELECT MIN(date) FROM sessions WHERE mode = 'hybrid'") >= "2022-01-01"

    def young_people(a, b):
        return one(demo, """SELECT COUNT(DISTINCT a.participant_id) FROM attendance a
            JOIN sessions s ON s.id = a.session_id JOIN participants p ON p.id = a.participant_id
            WHERE a.attended AND p.role = 'young_person' AND s.date BETWEEN :a AND :b""", a=a, b=b)
    assert young_people("2021-01-01", "2021-12-31") < 0.6 * young_people("2023-01-01",
                                                                         "2023-12-31")


def test_youth_led_share_and_ladder_rise(demo):
    def year(y):
        return rows(demo, """SELECT AVG(led_by IN ('young_people', 'co_led')),
            AVG(ladder_rung IN (6, 7)) FROM sessions WHERE date BETWEEN :a AND :b""",
                    a=f"{y}-01-01", b=f"{y}-12-31")[0]
    early, late = year(2020), year(2026)
    assert late[0] > early[0] + 0.2 and late[1] > early[1] + 0.2


def test_attendance_and_pay(demo):
    young = """FROM attendance a JOIN participants p ON p.id = a.participant_id
               WHERE p.role = 'young_person'"""
    rate = one(demo, f"SELECT AVG(a.attended) {young}")
    assert 0.72 <= rate <= 0.88
    paid = one(demo, f"SELECT AVG(a.paid_gbp > 0) {young} AND a.attended")
    assert paid > 0.7
    assert one(demo, f"SELECT COUNT(*) {young} AND NOT a.attended AND a.paid_gbp > 0") == 0
    assert one(demo, f"SELECT COUNT(*) {young} AND a.attended AND a.expenses_gbp > 0") > 0
    staff_per_session = rows(demo, """SELECT MIN(n), MAX(n) FROM (SELECT COUNT(*) n
        FROM attendance a JOIN participants p ON p.id = a.participant_id
        WHERE p.role IN ('staff', 'trainer') GROUP BY a.session_id)""")[0]
    assert staff_per_session == (1, 2)


def test_skills_gain_with_missing_posts(demo):
    pairs = rows(demo, """
        WITH pre AS (SELECT participant_id, programme_id, skill_id, score,
                 ROW_NUMBER() OVER (PARTITION BY participant_id, programme_id, skill_id
                                    ORDER BY completed_on) AS k
                 FROM evaluations WHERE timepoint = 'pre'),
             post AS (SELECT participant_id, programme_id, skill_id, score,
                 ROW_NUMBER() OVER (PARTITION BY participant_id, programme_id, skill_id
                                    ORDER BY completed_on DESC) AS k
                 FROM evaluations WHERE timepoint = 'post')
        SELECT pre.score, post.score FROM pre LEFT JOIN post
          ON post.participant_id = pre.participant_id AND post.programme_id = pre.programme_id
         AND post.skill_id = pre.skill_id AND post.k = 1
        WHERE pre.k = 1""")
    awaiting = [p for p in pairs if p[1] is None]
    changes = [b - a for a, b in pairs if b is not None]
    assert 0.1 < len(awaiting) / len(pairs) < 0.35
    assert 0.5 <= sum(changes) / len(changes) <= 1.1
    assert any(c == 0 for c in changes) and any(c < 0 for c in changes)
    assert one(demo, "SELECT COUNT(*) FROM evaluations WHERE timepoint = 'follow_up'") > 0
    assert one(demo, """SELECT COUNT(*) FROM evaluations e JOIN participants p
                        ON p.id = e.participant_id WHERE p.role != 'young_person'""") == 0


def test_staff_rate_principles_higher_than_young_people(demo):
    means = rows(demo, """SELECT p.code,
        AVG(CASE WHEN r.rater_role = 'staff' THEN r.score END),
        AVG(CASE WHEN r.rater_role = 'young_person' THEN r.score END)
        FROM principle_ratings r JOIN principles p ON p.id = r.principle_id GROUP BY p.code""")
    gaps = {code: staff - young for code, staff, young in means}
    assert max(gaps.values()) >= 0.4
    assert len(gaps) == 12
    assert one(demo, """SELECT COUNT(*) FROM principle_ratings
                        WHERE rater_role = 'young_person' AND rater_id IS NOT NULL""") == 0
    assert one(demo, """SELECT COUNT(*) FROM principle_ratings r JOIN sessions s
                        ON s.id = r.session_id WHERE r.rated_on != s.date""") == 0
    assert one(demo, "SELECT COUNT(*) FROM principle_ratings WHERE comment IS NOT NULL") > 0


def test_feedback_loop(demo):
    assert one(demo, """SELECT COUNT(*) FROM feedback_items WHERE responded_on IS NULL
                        AND julianday(:end) - julianday(raised_on) >= 30""", end=END) >= 1
    statuses = dict(rows(demo, "SELECT status, COUNT(*) FROM feedback_items GROUP BY status"))
    assert set(statuses) == {"raised", "in_progress", "done", "not_possible"}
    assert one(demo, """SELECT COUNT(*) FROM feedback_items WHERE status IN ('done',
        'not_possible') AND (we_did IS NULL OR responded_on IS NULL)""") == 0
    median = one(demo, """SELECT julianday(responded_on) - julianday(raised_on) d
        FROM feedback_items WHERE responded_on IS NOT NULL ORDER BY d
        LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM feedback_items WHERE responded_on IS NOT NULL)""")
    assert 7 <= median <= 40
    codes = [c for (c,) in rows(demo, "SELECT code FROM feedback_items ORDER BY code")]
    assert codes[0] == "FB0001"


def test_load_demo_refuses_real_records_unless_forced(tmp_path):
    engine = new_store(tmp_path)
    with engine.begin() as conn:
        conn.execute(insert(Programme.__table__).values(code="REAL", name="Our real work"))
    with pytest.raises(DemoRefused, match="not demo data"):
        load_demo(engine, end=END)
    assert count(engine, "programmes") == 1 and get_setting(engine, "demo_data") is False
    with pytest.raises(DemoRefused):
        generate_demo(engine, end=END)
    counts = load_demo(engine, force=True, end=END)
    assert one(engine, "SELECT COUNT(*) FROM programmes WHERE code = 'REAL'") == 0
    assert count(engine, "programmes") == counts["programmes"]
    assert get_setting(engine, "demo_data") is True


def test_load_demo_twice_regenerates(tmp_path):
    engine = new_store(tmp_path)
    first = load_demo(engine, end=END)
    assert get_setting(engine, "demo_data") is True
    second = load_demo(engine, end=END)
    assert first == second == {t: count(engine, t) for t in TABLES}
    assert get_setting(engine, "demo_data") is True


def test_end_must_leave_three_years(tmp_path):
    with pytest.raises(ValueError):
        generate_demo(new_store(tmp_path), end=date(2021, 1, 1))
