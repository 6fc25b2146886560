"""Young people counted from first records (measures/first_records.py) are the young people counted
one by one: the same figures whichever way, on SQLite and PostgreSQL, for whole and part months,
for the organisation and for a participant group."""

from datetime import date, timedelta

import pandas as pd
import pytest
from sqlalchemy import insert, select

from measures.engagement import (
    active_by_month_and_mode, engagement_and_remuneration, engagement_by_mode, monthly_engagement,
)
from measures.filters import Filters, Period
from measures.first_records import by_programme_rows, by_rows
from measures.reach import reach_by_group
from measures.representation import representation
from measures.resourcing import resourcing_by_programme
from models.tables import Attendance, Participant, ProgrammeSession
from models.vocab import MODES

A, P, S = Attendance.__table__, Participant.__table__, ProgrammeSession.__table__
K = 1  # nothing hidden: the figures themselves are compared


def one_by_one(filters: Filters) -> Filters:
    """The same records, with a filter on every mode, which makes the measures count young people one by one."""
    return Filters(**{**filters.__dict__, "modes": MODES})


def _add(engine, session: str, person: str, attended: bool) -> None:
    with engine.begin() as conn:
        session_id = conn.execute(select(S.c.id).where(S.c.code == session)).scalar_one()
        person_id = conn.execute(select(P.c.id).where(P.c.code == person)).scalar_one()
        conn.execute(insert(A).values(session_id=session_id, participant_id=person_id, attended=attended,
                                      role_in_session="participant"))


def test_the_filters_that_keep_whole_young_people_count_by_rows():
    assert by_rows(Filters()) and by_rows(Filters(age_bands=("16_18",), disability=("yes",)))
    assert not by_rows(Filters(modes=("online",))) and not by_rows(Filters(programmes=("P1",)))
    assert not by_rows(Filters(activity_types=("workshop",)))
    # Within a programme: a programme filter keeps whole programmes; activity and mode filters do not.
    assert by_programme_rows(Filters(programmes=("P1",), age_bands=("16_18",)))
    assert not by_programme_rows(Filters(modes=("online",))) and not by_programme_rows(Filters(activity_types=("x",)))


def test_a_part_month_counts_the_young_person_whose_record_before_it_is_in_the_same_month(small_org_any):
    engine = small_org_any
    _add(engine, "F", "Y2", True)   # Y2: C on 5 March (in person), now F on 20 March (hybrid) as well
    period = Period(date(2024, 3, 6), date(2024, 4, 30))
    # From 6 March: F (20 March) Y1, Y3 and now Y2 came; D (2 April) Y1. March: 3 young people.
    months = monthly_engagement(engine, period, Filters(), K).set_index("month")
    assert months.loc["2024-03", "active_young_people"] == 3 and months.loc["2024-04", "active_young_people"] == 1
    by_mode = active_by_month_and_mode(engine, period, Filters(), K)
    march = by_mode[by_mode["month"] == "2024-03"].set_index("mode")["young_people"]
    assert march["hybrid"] == 3 and march["all"] == 3
    engagement, _, counts = engagement_and_remuneration(engine, period, Filters(), K)
    # The 56 days before (10 Jan - 5 Mar) hold A, B and C: Y1 and Y2 came back; Y3 missed A.
    assert engagement["active_young_people"] == 3 and counts["returning"] == 2


PERIODS = [Period(date(2024, 1, 1), date(2024, 3, 31)), Period(date(2024, 1, 12), date(2024, 3, 10)),
           Period(date(2023, 12, 1), date(2024, 4, 30)), Period(date(2024, 2, 16), date(2024, 2, 16))]
GROUPS = [Filters(), Filters(age_bands=("16_18",)), Filters(disability=("no",))]


@pytest.mark.parametrize("filters", GROUPS, ids=["everyone", "16-18", "not disabled"])
def test_every_figure_is_the_same_counted_by_rows_or_one_by_one(small_org_any, filters):
    engine = small_org_any
    _add(engine, "F", "Y2", True)
    _add(engine, "B", "Y3", False)
    periods = [*PERIODS, *(Period(date(2023, 11, 20) + timedelta(days=d), date(2024, 2, 10) + timedelta(days=d))
                           for d in range(0, 60, 7))]
    for period in periods:
        assert engagement_and_remuneration(engine, period, filters, K) == \
            engagement_and_remuneration(engine, period, one_by_one(filters), K), period
        assert engagement_by_mode(engine, period, filters, K) == \
            engagement_by_mode(engine, period, one_by_one(filters), K), period
        pd.testing.assert_frame_equal(monthly_engagement(engine, period, filters, K),
                                      monthly_engagement(engine, period, one_by_one(filters), K))
        pd.testing.assert_frame_equal(active_by_month_and_mode(engine, period, filters, K),
                                      active_by_month_and_mode(engine, period, one_by_one(filters), K))
        _same_groups(engine, period, filters)


def _same_groups(engine, period: Period, filters: Filters) -> None:
    for full in (False, True):
        assert representation(engine, period, filters, 3, full) == \
            representation(engine, period, one_by_one(filters), 3, full), period
    pd.testing.assert_frame_equal(reach_by_group(engine, period, filters, K),
                                  reach_by_group(engine, period, one_by_one(filters), K))
    for programmes in ((), ("P1",)):  # young people by programme: first records in the programme
        chosen = Filters(**{**filters.__dict__, "programmes": programmes})
        pd.testing.assert_frame_equal(resourcing_by_programme(engine, period, chosen, K),
                                      resourcing_by_programme(engine, period, one_by_one(chosen), K))


@pytest.mark.parametrize("filters", GROUPS[:2], ids=["everyone", "16-18"])
def test_who_gets_to_lead_is_the_same_counted_by_rows_or_one_by_one(any_engine, filters):
    from tests import lead_org
    lead_org.build(any_engine)
    for period in (Period(date(2024, 1, 1), date(2024, 3, 31)), Period(date(2023, 12, 1), date(2024, 2, 14)),
                   Period(date(2024, 2, 1), date(2024, 6, 30))):
        _same_groups(any_engine, period, filters)
