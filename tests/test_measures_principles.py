"""The principles page's measures against values worked out by hand on tests/small_org.py.

Ratings in Q1 2024 (rated_on = the session's date unless said otherwise):
- Lundy 'voice': session A (P1, 10 Jan) young people 3 and 4 (anonymous), staff S1 5; session B (P1,
  15 Feb) young person Y1 2, staff S2 4; session C (P2, 5 Mar) young person Y2 5. (Session D's 1 is
  on 2 April, after the period.)
- Lundy 'influence': staff only: A (P1) 2, C (P2) 3, and E (P1, December) 4 rated on 5 January.
- Core principles 'share responsibility': session C (P2, 5 Mar) young people 4, 4, 5, 3, 2
  (anonymous: five people), staff S1 5.
Young people behind Lundy in Q1: two anonymous ratings + Y1 + Y2 = 4, under k=5.
"""

from datetime import date

import pytest

from measures.filters import Filters, Period
from measures.principles import ladder_over_time, ladder_rungs, programme_principle_means, rating_trend, time_unit
from measures.suppression import SUPPRESSED

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
approx = pytest.approx


def test_time_unit_is_months_up_to_a_year_then_quarters():
    assert time_unit(Q1) == "month"
    assert time_unit(Period(date(2024, 1, 1), date(2024, 12, 31))) == "month"   # 366 days (leap year)
    assert time_unit(Period(date(2023, 1, 1), date(2024, 12, 31))) == "quarter"


def _rows(frame, *columns):
    return [tuple(row) for row in frame[list(columns)].itertuples(index=False)]


def test_monthly_trend_splits_young_people_and_staff(small_org_any):
    trend = rating_trend(small_org_any, Q1, Filters(), 1, "lundy", "month")
    assert _rows(trend, "start", "rater_role") == [
        ("2024-01", "staff"), ("2024-01", "young_person"), ("2024-02", "staff"),
        ("2024-02", "young_person"), ("2024-03", "staff"), ("2024-03", "young_person")]
    assert list(trend["mean"]) == approx([11 / 3, 3.5, 4.0, 2.0, 3.0, 5.0])   # January staff: 5, 2, 4
    assert list(trend["share_4_5"]) == approx([2 / 3, 0.5, 1.0, 0.0, 0.0, 1.0])
    assert not trend["suppressed"].any()


def test_trend_points_of_fewer_than_k_young_people_are_blanked(small_org_any):
    trend = rating_trend(small_org_any, Q1, Filters(), 5, "lundy", "month")
    young = trend[trend["rater_role"] == "young_person"]
    assert young["suppressed"].all()
    assert young[["mean", "share_4_5"]].isna().all().all()
    staff = trend[trend["rater_role"] == "staff"]
    assert list(staff["mean"]) == approx([11 / 3, 4.0, 3.0]) and not staff["suppressed"].any()
    # No counts of people or ratings: they would let the period's totals be rebuilt.
    assert set(trend.columns) == {"start", "rater_role", "mean", "share_4_5", "suppressed"}
    # The five anonymous March ratings of the core principles are enough.
    core = rating_trend(small_org_any, Q1, Filters(), 5, "core_principles", "month")
    assert _rows(core, "start", "rater_role", "suppressed") == [
        ("2024-03", "staff", False), ("2024-03", "young_person", False)]
    assert list(core["mean"]) == approx([5.0, 3.6])


def test_quarterly_trend_groups_in_sql_across_a_year_end(small_org_any):
    q1 = rating_trend(small_org_any, Q1, Filters(), 5, "lundy", "quarter")
    assert _rows(q1, "start", "rater_role", "suppressed") == [("2024-01", "staff", False),
                                                              ("2024-01", "young_person", True)]
    assert q1["mean"][0] == approx(3.6)          # staff 5, 4, 2, 3, 4
    assert q1["share_4_5"][0] == approx(0.6)
    longer = rating_trend(small_org_any, Period(date(2023, 10, 1), date(2024, 6, 30)), Filters(), 1, "lundy",
                          "quarter")
    # Session E's rating counts in January (its own date); session D's 1 on 2 April opens Q2.
    assert _rows(longer, "start", "rater_role") == [
        ("2024-01", "staff"), ("2024-01", "young_person"), ("2024-04", "young_person")]
    assert list(longer["mean"]) == approx([3.6, 3.5, 1.0])


def test_programme_by_principle_means(small_org_any):
    cells = programme_principle_means(small_org_any, Q1, Filters(), 5, "lundy")
    assert _rows(cells, "programme", "principle", "ratings") == [
        ("Keeping It Social", "voice", SUPPRESSED), ("Keeping It Social", "influence", 1),
        ("Podcast", "voice", SUPPRESSED), ("Podcast", "influence", 2)]
    # Podcast voice rests on 3 young people (two anonymous, Y1); Keeping It Social voice on Y2 alone.
    assert cells["mean"][0] is SUPPRESSED and cells["mean"][2] is SUPPRESSED
    assert cells["young_people_mean"][2] is SUPPRESSED
    assert cells["staff_mean"][2] == approx(4.5)
    assert cells["mean"][1] == approx(3.0) and cells["mean"][3] == approx(3.0)   # staff 3; staff 2 and 4
    everything = programme_principle_means(small_org_any, Q1, Filters(), 1, "lundy")
    assert everything["mean"][2] == approx(18 / 5)                             # 3, 4, 2, 5, 4
    core = programme_principle_means(small_org_any, Q1, Filters(programmes=("P2",)), 5, "core_principles")
    assert _rows(core, "programme", "principle") == [("Keeping It Social", "share_responsibility")]
    assert core["mean"][0] == approx(23 / 6)


def test_a_lone_hidden_programme_takes_a_second_one_with_it(small_org_any):
    # k=2: 'voice' as a whole rests on 4 young people and is shown (mean 23/6 over 6 ratings).
    # Keeping It Social's voice rests on Y2 alone and is hidden; were Podcast's shown (18/5 over
    # 5 ratings), Y2's 5 would be 23 - 18. So Podcast's mixed figures go too; its staff mean stays.
    cells = programme_principle_means(small_org_any, Q1, Filters(), 2, "lundy")
    voice = cells[cells["principle"] == "voice"]
    for column in ("mean", "share_4_5", "young_people_mean", "gap", "ratings"):
        assert voice[column].map(lambda v: v is SUPPRESSED).all(), column
    assert voice["staff_mean"].isna().tolist() == [True, False]    # no staff rated voice in Keeping It Social
    assert voice["staff_mean"].iloc[1] == approx(4.5)
    influence = cells[cells["principle"] == "influence"]          # staff only: nothing to hide
    assert list(influence["mean"]) == approx([3.0, 3.0])


def test_ladder_groups_by_month_and_quarter(small_org_any):
    # A rung 7 (January), B rung 4 (February), C rung 6 (March); F has no rung.
    monthly = ladder_over_time(small_org_any, Q1, Filters(), "month")
    assert _rows(monthly, "start", "rung_group", "sessions") == [
        ("2024-01", "doing_with", 1), ("2024-02", "doing_for", 1), ("2024-03", "doing_with", 1)]
    quarterly = ladder_over_time(small_org_any, Period(date(2023, 10, 1), date(2024, 6, 30)), Filters(), "quarter")
    # E (1 Dec, rung 3) in Q4 2023; D (2 Apr, rung 2) in Q2 2024.
    assert _rows(quarterly, "start", "rung_group", "sessions") == [
        ("2023-10", "doing_for", 1), ("2024-01", "doing_for", 1), ("2024-01", "doing_with", 2),
        ("2024-04", "doing_to", 1)]


def test_every_rung_is_listed_even_when_empty(small_org_any):
    rungs = ladder_rungs(small_org_any, Q1, Filters())
    assert list(rungs["position"]) == [1, 2, 3, 4, 5, 6, 7]
    assert list(rungs["sessions"]) == [0, 0, 0, 1, 0, 1, 1]
    assert list(rungs["rung_group"]) == ["doing_to"] * 2 + ["doing_for"] * 3 + ["doing_with"] * 2
    p2 = ladder_rungs(small_org_any, Q1, Filters(programmes=("P2",)))
    assert list(p2["sessions"]) == [0, 0, 0, 0, 0, 1, 0]
