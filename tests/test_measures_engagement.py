"""The engagement page's measures against values worked out by hand on tests/small_org.py.

Q1 2024 (2024-01-01 .. 2024-03-31) on the small organisation, young people's attended records:
  January   A (P1, plan, in person, 2 h, led by young people): Y1, Y2, Y4 (Y3 expected, did not come)
  February  B (P1, design, online, 3 h, co-led):              Y1, Y5     (Y6 expected, did not come)
  March     C (P2, deliver, in person, 1.5 h, organisation):  Y2, Y6, Y7
            F (P1, no stage, hybrid, 2 h, organisation):      Y1, Y3
Previous period (2023-10-02 .. 2023-12-31): E (P1, plan, in person): Y1, Y5 (Y7 did not come).
"""

from datetime import date

import pytest

from measures.engagement import (
    ALL_MODES, active_by_month_and_mode, engagement_by_mode, engagement_figures, sessions_by_month_and_mode, stage_grid,
)
from measures.filters import Filters, Period
from measures.reach import reach_by_group
from measures.suppression import SUPPRESSED

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
EMPTY = Period(date(2030, 1, 1), date(2030, 1, 31))
approx = pytest.approx


def cells(frame, column="young_people"):
    return {(row["month"], row["mode"]): row[column] for row in frame.to_dict("records")}


def test_young_people_by_month_and_mode(small_org_any):
    frame = active_by_month_and_mode(small_org_any, Q1, Filters(), k=1)
    assert cells(frame) == {
        ("2024-01", ALL_MODES): 3, ("2024-01", "in_person"): 3,   # Y1, Y2, Y4 at A
        ("2024-02", ALL_MODES): 2, ("2024-02", "online"): 2,      # Y1, Y5 at B
        ("2024-03", ALL_MODES): 5, ("2024-03", "in_person"): 3,   # Y2, Y6, Y7 at C
        ("2024-03", "hybrid"): 2,                                 # Y1, Y3 at F
    }
    assert not frame["suppressed"].any()


def test_young_people_by_month_and_mode_is_suppressed_per_cell(small_org_any):
    frame = active_by_month_and_mode(small_org_any, Q1, Filters(), k=5)
    # Only March as a whole has five young people; every other cell rests on two or three.
    shown = frame[~frame["suppressed"]]
    assert cells(shown) == {("2024-03", ALL_MODES): 5}
    assert frame.loc[frame["suppressed"], "young_people"].isna().all()
    assert "people" not in frame.columns


def test_a_hidden_mode_hides_the_next_smallest_in_its_month(small_org_any):
    frame = active_by_month_and_mode(small_org_any, Q1, Filters(), k=3)
    # k=3: March hybrid (2) is hidden; in person (3) would give it away as 5 - 3, so it goes too.
    # January in person (3) is the only mode that month and is shown; February (2) is hidden.
    assert cells(frame[~frame["suppressed"]]) == {
        ("2024-01", ALL_MODES): 3, ("2024-01", "in_person"): 3, ("2024-03", ALL_MODES): 5}


def test_sessions_by_month_and_mode_with_totals(small_org_any):
    frame = sessions_by_month_and_mode(small_org_any, Q1, Filters())
    assert cells(frame, "sessions") == {
        ("2024-01", ALL_MODES): 1, ("2024-01", "in_person"): 1, ("2024-02", ALL_MODES): 1,
        ("2024-02", "online"): 1, ("2024-03", ALL_MODES): 2, ("2024-03", "hybrid"): 1,
        ("2024-03", "in_person"): 1}


def test_figures_by_mode(small_org_any):
    by_mode = engagement_by_mode(small_org_any, Q1, Filters(), k=1)
    assert list(by_mode) == ["in_person", "online", "hybrid"]
    assert by_mode["in_person"] == {
        "active_young_people": 5,               # Y1, Y2, Y4 (A) and Y2, Y6, Y7 (C)
        "returning_share": approx(1 / 5),       # Y1 also came in person to E last period
        "involvement_hours": approx(10.5),      # 3 x 2 h + 3 x 1.5 h
        "attendance_rate": approx(6 / 7),       # A: 3 of 4, C: 3 of 3
        "sessions_held": 2,
        "youth_led_share": approx(0.5),         # A led by young people, C by the organisation
    }
    assert by_mode["online"] == {"active_young_people": 2, "returning_share": 0.0, "involvement_hours": 6.0,
                                 "attendance_rate": approx(2 / 3), "sessions_held": 1, "youth_led_share": 1.0}
    assert by_mode["hybrid"] == {"active_young_people": 2, "returning_share": 0.0, "involvement_hours": 4.0,
                                 "attendance_rate": 1.0, "sessions_held": 1, "youth_led_share": 0.0}
    # Hours add up across modes to the period's 20.5 (each session has one mode).
    assert sum(f["involvement_hours"] for f in by_mode.values()) == approx(20.5)


def test_figures_by_mode_match_the_mode_filter(small_org_any):
    by_mode = engagement_by_mode(small_org_any, Q1, Filters(), k=1)
    for mode, figures in by_mode.items():
        filtered = engagement_figures(small_org_any, Q1, Filters(modes=(mode,)), k=1)
        assert figures == {key: approx(filtered[key]) for key in figures}


def test_figures_by_mode_are_suppressed_with_a_complement(small_org_any):
    by_mode = engagement_by_mode(small_org_any, Q1, Filters(), k=5)
    assert by_mode["in_person"]["active_young_people"] == 5
    for mode in ("online", "hybrid"):
        for key in ("active_young_people", "returning_share", "involvement_hours", "attendance_rate"):
            assert by_mode[mode][key] is SUPPRESSED
        assert by_mode[mode]["sessions_held"] == 1          # sessions are not young-people figures
    # k=3: expected young people are 6 in person, 3 online, 2 hybrid. Hybrid's attendance rate is
    # hidden, and online's (3 people, enough on its own) goes with it: the rates share one whole.
    at_3 = engagement_by_mode(small_org_any, Q1, Filters(), k=3)
    assert at_3["hybrid"]["attendance_rate"] is SUPPRESSED
    assert at_3["online"]["attendance_rate"] is SUPPRESSED
    assert at_3["in_person"]["attendance_rate"] == approx(6 / 7)


def test_figures_by_mode_follow_the_mode_filter_and_empty_periods(small_org_any):
    assert list(engagement_by_mode(small_org_any, Q1, Filters(modes=("online",)), k=1)) == ["online"]
    empty = engagement_by_mode(small_org_any, EMPTY, Filters(), k=5)
    assert empty["hybrid"] == {"active_young_people": 0, "returning_share": None, "involvement_hours": 0.0,
                               "attendance_rate": None, "sessions_held": 0, "youth_led_share": None}
    assert active_by_month_and_mode(small_org_any, EMPTY, Filters(), k=5).empty
    assert sessions_by_month_and_mode(small_org_any, EMPTY, Filters()).empty


def covered(grid):
    return {(row["name"], row["stage"]): row["covered"] for row in grid.to_dict("records") if row["covered"]}


def test_stage_grid(small_org_any):
    grid = stage_grid(small_org_any, Q1, Filters())
    assert len(grid) == 8                                   # two programmes x four stages
    # Podcast: plan (A) and design (B); F has no stage. Keeping It Social: deliver (C); D is April.
    assert covered(grid) == {("Podcast", "plan"): True, ("Podcast", "design"): True,
                             ("Keeping It Social", "deliver"): True}
    assert dict(zip(grid["name"], grid["stages_covered"], strict=True)) == {"Podcast": 2, "Keeping It Social": 1}


def test_stage_grid_keeps_programmes_no_young_person_reached(small_org_any):
    # Not care-experienced: Y3 (missed A, came to F: no stage), Y4 (A: plan), Y5 (B: design).
    # Keeping It Social held session C, but none of them came: 0 of 4, still listed.
    grid = stage_grid(small_org_any, Q1, Filters(care_experienced=("no",)))
    assert covered(grid) == {("Podcast", "plan"): True, ("Podcast", "design"): True}
    assert dict(zip(grid["name"], grid["stages_covered"], strict=True)) == {"Podcast": 2, "Keeping It Social": 0}
    assert stage_grid(small_org_any, EMPTY, Filters()).empty


def reach_counts(frame):
    return {(r["characteristic"], r["group"]): r["young_people"] for r in frame.to_dict("records")}


def test_reach_by_group(small_org_any):
    reach = reach_by_group(small_org_any, Q1, Filters(), k=1)
    counts = reach_counts(reach)
    assert counts[("age_band", "11_15")] == 3            # Y1, Y2, Y3
    assert counts[("age_band", "16_18")] == 4            # Y4-Y7
    assert counts[("age_band", "under_11")] == 0 and counts[("age_band", "not_recorded")] == 0
    assert counts[("disability", "not_recorded")] == 7   # nobody's disability is recorded
    assert counts[("care_experienced", "yes")] == 2      # Y1, Y2
    assert counts[("care_experienced", "no")] == 3       # Y3, Y4, Y5
    assert counts[("care_experienced", "not_recorded")] == 2   # Y6, Y7
    for name in ("age_band", "disability", "care_experienced"):  # each characteristic adds up to the 7
        assert sum(n for (c, _), n in counts.items() if c == name) == 7
    share = {(r["characteristic"], r["group"]): r["share"] for r in reach.to_dict("records")}
    assert share[("age_band", "16_18")] == approx(4 / 7)
    assert len(reach) == 6 + 4 + 4


def test_reach_is_suppressed_per_group_with_a_complement(small_org_any):
    reach = reach_by_group(small_org_any, Q1, Filters(), k=5)
    shown = reach_counts(reach[~reach["suppressed"]])
    assert shown[("disability", "not_recorded")] == 7
    assert all(n in (0, 7) for n in shown.values())      # every group of 2, 3 or 4 is hidden
    assert reach.loc[reach["suppressed"], ["young_people", "share"]].isna().all().all()
    # k=4: 11-15 (3) is hidden; 16-18 (4) would give it away as 7 - 4, so it is hidden too.
    at_4 = reach_by_group(small_org_any, Q1, Filters(), k=4)
    hidden = {(r["characteristic"], r["group"]) for r in at_4.to_dict("records") if r["suppressed"]}
    assert {("age_band", "11_15"), ("age_band", "16_18")} <= hidden
    assert not any(c == "disability" for c, _ in hidden)


def test_reach_with_a_group_filter_and_an_empty_period(small_org_any):
    reach = reach_by_group(small_org_any, Q1, Filters(care_experienced=("yes",)), k=1)
    counts = reach_counts(reach)
    assert counts[("care_experienced", "yes")] == 2 and counts[("care_experienced", "no")] == 0
    assert counts[("age_band", "11_15")] == 2
    empty = reach_by_group(small_org_any, EMPTY, Filters(), k=5)
    assert (empty["young_people"] == 0).all() and not empty["suppressed"].any()
