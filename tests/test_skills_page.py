"""The skills page's tables (measures/skills_page.py), worked by hand."""

import math
from types import SimpleNamespace

import pandas as pd

from measures.skills_page import (
    NO_PAIRS, NOTHING, ONE_PAIR, any_ratings, likely_range, pair_figures, programme_table, skill_table, with_improved,
)
from measures.suppression import SUPPRESSED


def row(**figures):
    base = {"skill_name": "Confidence", "programme_name": "Podcast", "pairs": 5, "mean_pre": 2.25,
            "mean_post": 3.35, "mean_change": 1.0, "ci95": 1.386, "share_improved": 0.6, "awaiting_post": 3}
    return SimpleNamespace(**{**base, **figures})


def test_paired_figures_are_written_half_up():
    # 2.25 is 2.3 as people round it (not the float's 2.2); 3.35 is 3.4; 1.0 - 1.386 = -0.386 -> -0.4.
    assert pair_figures(row(), 5) == {
        "Pairs": "5", "Before": "2.3", "After": "3.4", "Change": "+1.0", "Likely range": "-0.4 to +2.4",
        "Went up": "60%", "Waiting for 'after'": "3"}
    assert pair_figures(row(pairs=1234, mean_change=-0.25, ci95=None), 5)["Pairs"] == "1,234"
    assert pair_figures(row(mean_change=-0.25, ci95=None), 5)["Change"] == "-0.3"


def test_hidden_and_missing_pairs_show_nothing_beside_them():
    hidden = pair_figures(row(pairs=SUPPRESSED, awaiting_post=SUPPRESSED), 5)
    assert hidden["Pairs"] == "fewer than 5" and hidden["Waiting for 'after'"] == "fewer than 5"
    assert {hidden[c] for c in ("Before", "After", "Change", "Likely range", "Went up")} == {NOTHING}
    none = pair_figures(row(pairs=0, awaiting_post=0), 5)
    assert none["Pairs"] == NO_PAIRS and none["Change"] == NOTHING and none["Waiting for 'after'"] == "0"


def test_the_likely_range_needs_two_pairs():
    # Podcast confidence at k=1: +1.0, half-width 1.789 -> -0.8 to +2.8.
    assert likely_range(1.0, 1.789) == "-0.8 to +2.8"
    assert likely_range(1.0, None) == likely_range(1.0, math.nan) == ONE_PAIR


def test_tables_name_their_skills_and_programmes():
    skills = pd.DataFrame([vars(row()), vars(row(skill_name="Teamwork", pairs=0, awaiting_post=0))])
    assert skill_table(skills, 5)[["Skill", "Pairs"]].values.tolist() == [["Confidence", "5"], ["Teamwork", NO_PAIRS]]
    assert programme_table(skills, 5)[["Programme", "Skill"]].values.tolist() == [["Podcast", "Confidence"],
                                                                                  ["Podcast", "Teamwork"]]


def test_any_ratings_counts_hidden_ones():
    assert not any_ratings(pd.DataFrame({"pairs": [0, None], "awaiting_post": [0, math.nan]}))
    assert any_ratings(pd.DataFrame({"pairs": [0, SUPPRESSED], "awaiting_post": [0, 0]}))
    assert any_ratings(pd.DataFrame({"pairs": [0], "awaiting_post": [2]}))


def test_the_pairs_that_went_up_come_back_from_the_share():
    shown = pd.DataFrame({"pairs": [5, 4, 7], "share_improved": [0.6, 0.5, 0.571]})   # 3, 2, 4 (3.997)
    assert with_improved(shown)["improved"].tolist() == [3, 2, 4]
