"""The principles page's tables and texts (measures/principles_page.py), worked by hand."""

import math

import pandas as pd

from measures.principles_page import (
    PRINCIPLE_KINDS, cell_numbers, framework_choice, heatmap_note, ladder_numbers, principle_numbers,
    share_numbers, side_by_side_note, trend_numbers, when,
)
from measures.suppression import SUPPRESSED

RATERS = {"young_person": "Young people", "staff": "Staff"}


def test_the_first_list_rated_is_offered_first():
    table = pd.DataFrame({"framework": ["charter", "charter", "lundy", "core"],
                          "framework_name": ["Charter", "Charter", "Lundy", "Core"],
                          "has_ratings": [False, False, True, True]})
    assert framework_choice(table) == (["charter", "lundy", "core"],
                                       {"charter": "Charter", "lundy": "Lundy", "core": "Core"}, 1)
    nothing_rated = table.assign(has_ratings=False)
    assert framework_choice(nothing_rated)[2] == 0


def test_the_side_by_side_note_names_the_principles_nobody_rated():
    assert side_by_side_note([]).endswith("or too few to show.")
    assert side_by_side_note(["Space", "Audience"]).endswith(" Not rated in this period: Space; Audience.")


def test_months_and_quarters_in_words():
    assert when("2024-03", "month") == "Mar 2024"
    assert when("2024-03-01", "month") == "Mar 2024"      # the ladder's starts carry their day
    assert when("2024-01", "quarter") == "Q1 2024" and when("2023-10-01", "quarter") == "Q4 2023"


def test_principle_figures_are_written_half_up_with_hidden_and_missing_ones_said():
    rated = pd.DataFrame({
        "principle_name": ["Recognise", "Voice", "Influence"],
        "ratings": [9, SUPPRESSED, 1234],
        "mean": [35 / 9, SUPPRESSED, 3.0],          # 3.889 -> 3.9
        "share_4_5": [0.285, SUPPRESSED, 1 / 3],    # 28.5% -> 29%, not 28%
        "young_people_mean": [2.25, SUPPRESSED, None],   # 2.3, not the binary float's 2.2
        "staff_mean": [4.5, 4.5, math.nan],
        "gap": [4.5 - 26 / 7, SUPPRESSED, None],    # 0.786 -> +0.8
    })
    assert principle_numbers(rated, 5).values.tolist() == [
        ["Recognise", "9", "3.9", "29%", "2.3", "4.5", "+0.8"],
        ["Voice", "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5", "4.5", "fewer than 5"],
        ["Influence", "1,234", "3.0", "33%", "no data", "no data", "no data"]]
    assert list(principle_numbers(rated, 5).columns) == list(PRINCIPLE_KINDS)
    negative = principle_numbers(rated.assign(gap=[-0.25, -0.04, 0.0]), 5)["Gap (staff minus young people)"]
    assert negative.tolist() == ["-0.3", "0.0", "0.0"]     # half away from zero; never "-0.0"


def test_the_share_table_keeps_the_charts_labels():
    high = pd.DataFrame({"principle_name": ["A"], "share": [0.5], "label": ["50%"]})
    assert share_numbers(high).to_dict("records") == [{"Principle": "A", "Ratings of 4 or 5": "50%"}]


def test_a_trend_point_on_too_few_young_people_says_so():
    trend = pd.DataFrame({"start": ["2024-01", "2024-01", "2024-02"], "rater_role": ["staff", "young_person",
                                                                                    "young_person"],
                          "mean": [11 / 3, 2.25, None], "share_4_5": [2 / 3, 4 / 7, None],
                          "suppressed": [False, False, True]})
    assert trend_numbers(trend, 5, "month", RATERS).values.tolist() == [
        ["Jan 2024", "Staff", "3.7", "67%"],
        ["Jan 2024", "Young people", "2.3", "57%"],
        ["Feb 2024", "Young people", "fewer than 5 young people", "fewer than 5 young people"]]
    assert list(trend_numbers(trend, 5, "quarter", RATERS).columns)[0] == "Quarter"


def test_programme_cells_and_the_ladder_table():
    cells = pd.DataFrame({"programme": ["Podcast"], "principle_name": ["A"], "ratings": [6], "mean": [23 / 6],
                          "young_people_mean": [SUPPRESSED], "staff_mean": [5.0]})
    assert cell_numbers(cells, 5).values.tolist() == [["Podcast", "A", "6", "3.8", "fewer than 5", "5.0"]]
    over_time = pd.DataFrame({"start": ["2024-01-01", "2024-04-01"], "group": ["Doing with", "Doing to"],
                              "sessions": [2, 1]})
    assert ladder_numbers(over_time, "quarter").values.tolist() == [["Q1 2024", "Doing with", 2],
                                                                    ["Q2 2024", "Doing to", 1]]


def test_the_heatmap_note_says_where_the_values_are():
    assert heatmap_note(5) == (
        "Everyone's average rating, from 1 (dark) to 5 (light), written in each square. An empty square had no "
        "ratings, or fewer than 5 young people rated it (or it would give such a one away).")
    assert heatmap_note(5, written=False).startswith(
        "Everyone's average rating, from 1 (dark) to 5 (light), shown when you point at a square, and in the table "
        "of numbers below. An empty square")
