"""The engagement page's key figures, mode table and notes (measures/engagement_page.py,
components/engagement/reach.py), worked by hand on the small organisation's Q1 2024
(tests/test_page_engagement.py)."""

import pandas as pd

from components.engagement.reach import hidden_groups_note, reach_table, stage_table
from measures.definitions import DEFINITIONS
from measures.engagement_page import (
    FIGURES, HIDDEN, KeyFigure, comparable_figures, hidden_bars_note, key_figures, mode_rows,
)
from measures.suppression import SUPPRESSED

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
