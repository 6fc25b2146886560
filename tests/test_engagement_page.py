"""The engagement page's key figures, mode table, resourcing and notes (measures/engagement_page.py,
components/engagement/reach.py), worked by hand on the small organisation's Q1 2024
(tests/test_page_engagement.py, tests/test_resourcing.py)."""

from datetime import date

import pandas as pd
import pytest

from components.engagement.reach import hidden_groups_note, reach_table, stage_table
from measures.definitions import DEFINITIONS, definition
from measures.engagement_page import (
    FIGURES, HIDDEN, KeyFigure, comparable_figures, engagement_page_figures, hidden_bars_note, key_figures, mode_rows,
    resourcing_figures, resourcing_note, resourcing_rows,
)
from measures.filters import Filters, Period
from measures.suppression import SUPPRESSED

Q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
approx = pytest.approx

NOW = {"active_young_people": 7, "sessions_held": 4, "attendance_rate": 10 / 12, "returning_share": 2 / 7,
       "involvement_hours": 20.5, "youth_led_share": 0.5}
BEFORE = {"active_young_people": SUPPRESSED, "sessions_held": 1, "attendance_rate": SUPPRESSED,
          "returning_share": SUPPRESSED, "involvement_hours": SUPPRESSED, "youth_led_share": 0.0}


def test_key_figures_carry_their_definitions():
    figures = key_figures(NOW, BEFORE)
    assert [f.label for f in figures] == ["Young people", "Sessions held", "Attendance", "Came back",
                                          "Involvement hours", "Youth-led sessions"]
    assert figures[1] == KeyFigure("Sessions held", 4, 1, "count", DEFINITIONS["sessions_held"])
    assert all(f.help == DEFINITIONS[key] for f, (key, _, _) in zip(figures, FIGURES, strict=True))
    assert {f.before for f in key_figures(NOW, None)} == {None}      # nothing to compare with


def test_without_a_period_before_nobody_came_back():
    assert comparable_figures(NOW, True) is NOW
    assert comparable_figures(NOW, False) == {**NOW, "returning_share": None}


def test_the_mode_table_hides_small_modes_and_rounds_half_up():
    # In person: 5 young people, 2 sessions, 6 of 7 places (86%), 1 of 5 came back (20%), 10.5 hours (11).
    in_person = {"active_young_people": 5, "sessions_held": 2, "attendance_rate": 6 / 7, "returning_share": 0.2,
                 "involvement_hours": 10.5, "youth_led_share": 0.5}
    online = {**dict.fromkeys(in_person, SUPPRESSED), "sessions_held": 1, "youth_led_share": 1.0}
    rows = mode_rows({"in_person": in_person, "online": online}, 5, True, {"in_person": "In person",
                                                                         "online": "Online"}.get)
    assert [list(r.values()) for r in rows] == [["In person", "5", "2", "86%", "20%", "11", "50%"],
                                               ["Online", HIDDEN, "1", HIDDEN, HIDDEN, HIDDEN, "100%"]]
    assert mode_rows({"in_person": in_person}, 5, False)[0]["Came back"] == "no data"
    assert mode_rows({}, 5, True) == []


def test_the_hidden_bars_are_counted_in_words():
    assert hidden_bars_note(0, 5) is None
    assert hidden_bars_note(1, 5).startswith("1 bar is left out")
    assert hidden_bars_note(3, 5).startswith("3 bars are left out")
    assert "when fewer than 5 young people stand behind it" in hidden_bars_note(3, 5)


def test_stages_reach_and_hidden_groups():
    grid = pd.DataFrame({"programme": ["P1"] * 4, "name": ["Podcast"] * 4,
                         "stage": ["plan", "design", "deliver", "review"], "covered": [True, True, False, False],
                         "stages_covered": [2] * 4})
    assert stage_table(grid).values.tolist() == [["Podcast", 2, "yes", "yes", "no", "no"]]
    reach = pd.DataFrame({"characteristic": ["age_band", "age_band", "disability", "care_experienced"],
                          "group": ["11_15", "16_18", "not_recorded", "yes"],
                          "young_people": [SUPPRESSED, SUPPRESSED, 7, 0], "share": [SUPPRESSED, SUPPRESSED, 1.0, 0.0],
                          "suppressed": [True, True, False, False]})
    assert hidden_groups_note(reach, 5) == ("Hidden to protect small groups (fewer than 5 young people, or a group "
                                            "that would give one away): Age band: 11 to 15, 16 to 18.")
    assert hidden_groups_note(reach.assign(suppressed=False), 5) is None
    assert reach_table(reach)["Share (%)"].tolist()[2:] == [100, 0]
    assert reach_table(reach.assign(share=[None, None, 0.285, 0.715]))["Share (%)"].tolist()[2:] == [29, 72]


# Q1 2024: £90 paid for 20.5 hours (£4.39 an hour), 7 of 10 attendances paid, £5 expenses.
PAID = {"paid_total_gbp": 90.0, "paid_share": 0.7, "expenses_total_gbp": 5.0, "paid_per_hour_gbp": 90 / 20.5}


def test_resourcing_key_figures_in_pounds_and_per_hour_in_pence():
    figures = resourcing_figures(PAID, None)
    assert [f.label for f in figures] == ["Paid to young people", "Paid per hour", "Attendances paid", "Expenses"]
    assert [f.kind for f in figures] == ["money", "rate", "share", "money"]
    assert {f.before for f in figures} == {None}
    assert figures[0].help == definition("paid_total_gbp") and all(f.help for f in figures)
    before = {**PAID, "paid_per_hour_gbp": SUPPRESSED}
    assert resourcing_figures(PAID, before)[1].before is SUPPRESSED


def test_the_programme_table_hides_small_programmes():
    by_programme = pd.DataFrame({
        "programme": ["P2", "P1"], "programme_name": ["Keeping It Social", "Podcast"],
        "young_people": [None, 5], "involvement_hours": [None, 16.0], "paid_total_gbp": [None, 60.0],
        "paid_per_hour_gbp": [None, 3.75], "expenses_total_gbp": [None, 5.0], "paid_share": [None, 4 / 7],
        "suppressed": [True, False]})
    # £3.75 an hour is shown in whole pounds, half up; 4 of 7 paid is 57%.
    assert resourcing_rows(by_programme, 5) == [
        {"Programme": "Keeping It Social", **dict.fromkeys(
            ["Young people", "Hours", "Paid", "Paid per hour", "Attendances paid", "Expenses"], HIDDEN)},
        {"Programme": "Podcast", "Young people": "5", "Hours": "16", "Paid": "£60", "Paid per hour": "£3.75",
         "Attendances paid": "57%", "Expenses": "£5"}]
    assert "is 'hidden'" not in resourcing_note(0, 5)
    assert resourcing_note(1, 5).endswith("1 programme is 'hidden': fewer than 5 young people, or a programme that "
                                          "would let a hidden one be worked out from the organisation's figures.")
    assert "2 programmes are 'hidden'" in resourcing_note(2, 5)


def test_the_page_gets_protected_payments_for_a_protected_audience(small_org_any):
    """k = 3. Exact: £90, 20.5 h, £4.39 an hour, £5 expenses, 7 of 10 paid. Protected: £90 (a
    multiple of £30), 21 h (a multiple of 3), so £90 / 21 = £4.29 an hour; £5 -> £0; 7 -> 6 of
    10 -> 9 paid = 67%; the programmes as in tests/test_resourcing.py."""
    exact = engagement_page_figures(small_org_any, Q1, Filters(), 3, comparable=True)
    assert exact["remuneration"]["paid_per_hour_gbp"] == approx(90 / 20.5)
    assert exact["remuneration"]["expenses_total_gbp"] == approx(5.0)
    assert exact["remuneration_before"]["paid_total_gbp"] is SUPPRESSED  # Y1 and Y5 in December
    assert exact["now"]["involvement_hours"] == approx(20.5) and "paid_records" in exact["resourcing"].columns
    shown = engagement_page_figures(small_org_any, Q1, Filters(), 3, comparable=False, protected=True)
    assert shown["remuneration"] == {"paid_total_gbp": 90.0, "paid_share": approx(6 / 9), "expenses_total_gbp": 0.0,
                                     "paid_per_hour_gbp": approx(4.29)}
    assert shown["before"] is None and shown["remuneration_before"] is None
    assert list(shown["resourcing"]["paid_per_hour_gbp"]) == [5.0, 4.0]
    assert "paid_records" not in shown["resourcing"].columns
