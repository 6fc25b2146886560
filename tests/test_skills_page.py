"""The skills page's tables (measures/skills_page.py) and its depth of involvement
(measures/depth_page.py), worked by hand."""

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from measures.depth_page import band_frame, band_table
from measures.pair_statistics import change_statistics
from measures.skills_page import (
    NO_PAIRS, NO_SPREAD, NOTHING, ONE_PAIR, any_ratings, change_text, likely_range, outcome_figures, pair_figures,
    programme_table, skill_table, with_improved,
)
from measures.suppression import SUPPRESSED

# Five pairs with changes +3, -1, 0, +2, +1: mean +1.0, variance 10/4, half-width
# t(0.975, 4) * sqrt(2.5 / 5) = 2.7764 * 0.7071 = 1.9632: likely -0.96 to +2.96; d_z = 1 / 1.5811 = 0.63.
FIVE = {"pairs": 5, "mean_change": 1.0, "ci95": 1.9632, "ci95_low": -0.9632, "ci95_high": 2.9632,
        "effect_size_dz": 0.6325, "verdict": "too few to say", "improved": 3, "same": 1, "worse": 1}
# Ten pairs, seven +1 and three 0: mean +0.7, variance (10 * 7 - 49) / 90 = 0.2333, sd 0.4830,
# half-width t(0.975, 9) * 0.4830 / sqrt(10) = 2.2622 * 0.1528 = 0.3456: likely +0.35 to +1.05,
# all above 0, so improved; d_z = 0.7 / 0.4830 = 1.45.
TEN = {"pairs": 10, "mean_change": 0.7, "ci95": 0.3456, "ci95_low": 0.3544, "ci95_high": 1.0456,
       "effect_size_dz": 1.4491, "verdict": "improved", "improved": 7, "same": 3, "worse": 0}


def row(**figures):
    base = {"skill_name": "Confidence", "programme_name": "Podcast", **FIVE, "mean_pre": 2.25, "mean_post": 3.35,
            "share_improved": 0.6, "awaiting_post": 3}
    return SimpleNamespace(**{**base, **figures})


def test_the_hand_worked_statistics_are_the_measures():
    five, ten = change_statistics(5, 5, 15), change_statistics(10, 7, 7)
    assert five["ci95_low"] == pytest.approx(FIVE["ci95_low"], abs=1e-4) and five["verdict"] == FIVE["verdict"]
    assert ten["ci95_high"] == pytest.approx(TEN["ci95_high"], abs=1e-4) and ten["verdict"] == TEN["verdict"]
    assert ten["effect_size_dz"] == pytest.approx(TEN["effect_size_dz"], abs=1e-4)


def test_paired_figures_are_written_half_up():
    # 2.25 is 2.3 as people round it (not the float's 2.2); 3.35 is 3.4; -0.9632 -> -1.0; 2.9632 -> +3.0.
    assert pair_figures(row(), 5) == {
        "Pairs": "5", "Change": "+1.0 (likely -1.0 to +3.0); too few to say", "Likely range": "-1.0 to +3.0",
        "Verdict": "Too few to say", "Size of change": "too few to say", "Went up": "60%", "Before": "2.3",
        "After": "3.4", "Waiting for 'after'": "3"}
    assert pair_figures(row(**{**TEN, "pairs": 1234}), 5)["Pairs"] == "1,234"
    assert pair_figures(row(**{**TEN, "mean_change": -0.25}), 5)["Change"] == "-0.3"


def test_from_ten_pairs_the_change_stands_with_its_verdict_and_size():
    figures = pair_figures(row(**TEN, share_improved=0.7), 5)
    assert (figures["Change"], figures["Likely range"], figures["Verdict"], figures["Size of change"]) == (
        "+0.7", "+0.4 to +1.0", "Improved", "+1.4")
    declined = pair_figures(row(**{**TEN, "mean_change": -0.7, "ci95_low": -1.0456, "ci95_high": -0.3544,
                                   "effect_size_dz": -1.4491, "verdict": "declined"}), 5)
    assert (declined["Verdict"], declined["Size of change"]) == ("Declined", "-1.4")
    assert pair_figures(row(**{**TEN, "verdict": "no clear change"}), 5)["Verdict"] == "No clear change"
    # Ten pairs that all changed alike have no spread, so no effect size.
    assert pair_figures(row(**{**TEN, "effect_size_dz": None}), 5)["Size of change"] == NO_SPREAD


@pytest.mark.parametrize("pairs", range(1, 10))
def test_fewer_than_ten_pairs_never_show_a_bare_average_change(pairs):
    low, high = (None, None) if pairs == 1 else (-0.9632, 2.9632)
    figures = pair_figures(row(pairs=pairs, ci95_low=low, ci95_high=high), 5)
    assert figures["Change"].startswith("+1.0 (") and figures["Change"].endswith("); too few to say")
    assert figures["Verdict"] == "Too few to say" and figures["Size of change"] == "too few to say"
    assert change_text(1.0, low, high, pairs) == ("+1.0 (one pair: no range); too few to say" if pairs == 1 else
                                                  "+1.0 (likely -1.0 to +3.0); too few to say")
    assert change_text(1.0, -0.9632, 2.9632, 10) == "+1.0"


def test_hidden_and_missing_pairs_show_nothing_beside_them():
    hidden = pair_figures(row(pairs=SUPPRESSED, awaiting_post=SUPPRESSED), 5)
    assert hidden["Pairs"] == "fewer than 5" and hidden["Waiting for 'after'"] == "fewer than 5"
    assert {hidden[c] for c in ("Before", "After", "Change", "Likely range", "Verdict", "Size of change",
                                "Went up")} == {NOTHING}
    none = pair_figures(row(pairs=0, awaiting_post=0), 5)
    assert none["Pairs"] == NO_PAIRS and none["Change"] == NOTHING and none["Verdict"] == NOTHING
    assert none["Waiting for 'after'"] == "0"
    assert set(outcome_figures(row(pairs=SUPPRESSED), 5).values()) == set(outcome_figures(row(pairs=0), 5).values()) \
        == {NOTHING}


def test_pairs_up_same_and_down_are_each_hidden_on_their_own():
    assert outcome_figures(row(), 1) == {"Up": "3", "Same": "1", "Down": "1"}
    assert outcome_figures(row(same=SUPPRESSED, worse=SUPPRESSED), 2) == {
        "Up": "3", "Same": "fewer than 2", "Down": "fewer than 2"}


def test_the_likely_range_needs_two_pairs():
    # Podcast confidence at k=1: +1.0, half-width 2.9052 -> -1.9 to +3.9.
    assert likely_range(-1.9052, 3.9052) == "-1.9 to +3.9"
    assert likely_range(None, None) == likely_range(math.nan, math.nan) == ONE_PAIR


def test_tables_name_their_skills_and_programmes():
    skills = pd.DataFrame([vars(row()), vars(row(skill_name="Teamwork", pairs=0, awaiting_post=0))])
    table = skill_table(skills, 5)
    assert list(table.columns) == ["Skill", "Pairs", "Change", "Likely range", "Verdict", "Size of change", "Went up",
                                   "Up", "Same", "Down", "Waiting for 'after'", "Before", "After"]
    assert table[["Skill", "Pairs"]].values.tolist() == [["Confidence", "5"], ["Teamwork", NO_PAIRS]]
    assert table.loc[0, ["Up", "Same", "Down"]].tolist() == ["3", "1", "1"]
    assert table.loc[1, ["Up", "Same", "Down"]].tolist() == [NOTHING] * 3
    assert programme_table(skills, 5)[["Programme", "Skill"]].values.tolist() == [["Podcast", "Confidence"],
                                                                                  ["Podcast", "Teamwork"]]


def test_any_ratings_counts_hidden_ones():
    assert not any_ratings(pd.DataFrame({"pairs": [0, None], "awaiting_post": [0, math.nan]}))
    assert any_ratings(pd.DataFrame({"pairs": [0, SUPPRESSED], "awaiting_post": [0, 0]}))
    assert any_ratings(pd.DataFrame({"pairs": [0], "awaiting_post": [2]}))


def test_the_pairs_that_went_up_come_back_from_the_share():
    shown = pd.DataFrame({"pairs": [5, 4, 7], "share_improved": [0.6, 0.5, 0.571]})   # 3, 2, 4 (3.997)
    assert with_improved(shown)["improved"].tolist() == [3, 2, 4]


NO_BAND_PAIRS = {"pairs": 0, "mean_change": None, "share_improved": None, "ci95_low": None, "ci95_high": None,
                 "verdict": "too few to say", "improved_pairs": 0}


def bands() -> dict:
    """Like measures.depth.depth at k=5: 7 young people came once, with 13 pairs (8 went up, mean
    +0.6333); 3 came 2 to 4 times (hidden); nobody came more often."""
    return {"1": {"young_people": 7, "pairs": 13, "mean_change": 0.6333, "share_improved": 8 / 13, "ci95_low": 0.1,
                  "ci95_high": 1.1667, "verdict": "improved", "improved_pairs": 8},
            "2-4": {"young_people": SUPPRESSED, **dict.fromkeys(NO_BAND_PAIRS, SUPPRESSED)},
            "5-9": {"young_people": 0, **NO_BAND_PAIRS}, "10+": {"young_people": 0, **NO_BAND_PAIRS}}


def test_depth_bands_are_written_out_band_by_band():
    table = band_table(band_frame(bands(), 5, protected=False), 5)
    assert table.to_dict("records") == [
        {"Sessions attended": "1 session", "Young people": "7", "Pairs": "13", "Change": "+0.6",
         "Likely range": "+0.1 to +1.2", "Went up": "62%", "Verdict": "Improved"},
        {"Sessions attended": "2 to 4 sessions", "Young people": "fewer than 5", "Pairs": "fewer than 5",
         **dict.fromkeys(["Change", "Likely range", "Went up", "Verdict"], NOTHING)},
        {"Sessions attended": "5 to 9 sessions", "Young people": "0", "Pairs": "no pairs",
         **dict.fromkeys(["Change", "Likely range", "Went up", "Verdict"], NOTHING)},
        {"Sessions attended": "10 or more sessions", "Young people": "0", "Pairs": "no pairs",
         **dict.fromkeys(["Change", "Likely range", "Went up", "Verdict"], NOTHING)}]


def test_depth_bands_for_a_protected_audience_are_protected_figures():
    # k=5: 7 -> 5 young people, 13 -> 15 pairs, 8 -> 10 that went up, so 10 / 15 = 67% (not 8 / 13 = 62%);
    # the average and the range to one decimal.
    frame = band_frame(bands(), 5, protected=True)
    first = frame.iloc[0]
    assert (first["young_people"], first["pairs"], first["improved_pairs"]) == (5, 15, 10)
    assert (first["mean_change"], first["ci95_low"], first["ci95_high"]) == (0.6, 0.1, 1.2)
    assert first["share_improved"] == pytest.approx(10 / 15)
    assert frame.iloc[1]["pairs"] is SUPPRESSED and frame.iloc[2]["pairs"] == 0
    table = band_table(frame, 5).set_index("Sessions attended")
    assert table.loc["1 session"].to_dict() == {"Young people": "5", "Pairs": "15", "Change": "+0.6",
                                                "Likely range": "+0.1 to +1.2", "Went up": "67%",
                                                "Verdict": "Improved"}
    assert table.loc["2 to 4 sessions", "Pairs"] == "fewer than 5"
