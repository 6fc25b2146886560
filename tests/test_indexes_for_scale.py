"""The partial indexes of migration 0019 are read where they were made to be, on both databases,
and the figures that read them stay as worked out by hand (tests/small_org.py, tests/lead_org.py)."""

from datetime import date

from sqlalchemy import inspect, select, update

from data.participant_rights import find_mentions
from measures.data_quality import odd_values
from measures.depth import depth
from measures.filters import Filters, Period
from models.tables import Evaluation, Participant, PrincipleRating, ProgrammeSession
from tests import lead_org
from tests.plan_helpers import plan_of

S, E, R, P = ProgrammeSession.__table__, Evaluation.__table__, PrincipleRating.__table__, Participant.__table__
Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))


def test_depth_counts_attended_sessions_from_the_index_alone_on_postgresql(any_engine):
    lead_org.build(any_engine)
    bands, plan = plan_of(any_engine, lambda: depth(any_engine, Q1, Filters(), 1), "young_people_attendance")
    # As in tests/lead_org.py: band 1 Y09-Y12, 2-4 Y04-Y08, 5-9 Y01-Y03; absences do not count.
    assert {band: figures["young_people"] for band, figures in bands.items()} == {"1": 4, "2-4": 5, "5-9": 3,
                                                                                   "10+": 0}
    postgres = any_engine.dialect.name == "postgresql"
    assert ("ix_young_people_attended" in plan) == postgres, plan
    with any_engine.connect() as conn:  # SQLite has no such index (models.tables.postgresql_only)
        names = {index["name"] for index in inspect(conn).get_indexes("young_people_attendance")}
    assert ("ix_young_people_attended" in names) == postgres


def test_long_sessions_are_read_from_their_partial_index(small_org_any):
    engine = small_org_any
    with engine.begin() as conn:
        conn.execute(update(S).where(S.c.code == "B").values(duration_hours=13))
        conn.execute(update(S).where(S.c.code == "C").values(duration_hours=12))  # 12 is not over 12
        if engine.dialect.name == "postgresql":  # without statistics it walks the codes' index, for the order
            conn.exec_driver_sql("ANALYZE sessions")
    found, plan = plan_of(engine, lambda: odd_values(engine, today=date(2024, 6, 1)), "duration_hours >")
    long = found.rows[found.rows["Column"] == "duration_hours"]
    assert list(zip(long["Code"], long["Value"], strict=True)) == [("B", "13.0")]
    assert "ix_sessions_over_12_hours" in plan, plan


def test_evaluations_dated_to_come_are_read_from_the_by_date_index(small_org_any):
    engine = small_org_any
    with engine.begin() as conn:
        y1 = conn.execute(select(P.c.id).where(P.c.code == "Y1")).scalar_one()
        conn.execute(update(E).where(E.c.participant_id == y1, E.c.timepoint == "post",
                                     E.c.completed_on == date(2024, 3, 25)).values(completed_on=date(2024, 7, 1)))
    found, plan = plan_of(engine, lambda: odd_values(engine, today=date(2024, 6, 1)), "completed_on >")
    future = found.rows[found.rows["Column"] == "completed_on"]
    assert list(zip(future["Code"], future["Value"], strict=True)) == [("Y1 / confidence / post", "2024-07-01")]
    assert "ix_evaluations_by_date" in plan, plan


def test_only_ratings_with_a_comment_are_searched_for_a_code(small_org_any):
    engine = small_org_any
    with engine.begin() as conn:
        first, second = conn.execute(select(R.c.id).order_by(R.c.id).limit(2)).scalars()
        conn.execute(update(R).where(R.c.id == first).values(comment="y2 spoke first"))
        conn.execute(update(R).where(R.c.id == second).values(comment="Y20 spoke"))  # another code
    found, plan = plan_of(engine, lambda: find_mentions(engine, "Y2"), "principle_ratings.comment")
    assert [(m.field, m.text) for m in found if m.field == "Comment"] == [("Comment", "y2 spoke first")]
    assert "ix_ratings_commented" in plan, plan
