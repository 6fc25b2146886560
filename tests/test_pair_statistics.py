"""The interval, effect size and verdict of before-and-after pairs (measures/pair_statistics.py)
against values worked out by hand, with t quantiles from printed tables."""

import pytest

from measures.pair_statistics import (
    DECLINED, FEWEST_FOR_A_VERDICT, IMPROVED, NO_CLEAR_CHANGE, TOO_FEW, change_statistics, t_975, verdict,
)

approx = pytest.approx
NOTHING = {"ci95": None, "ci95_low": None, "ci95_high": None, "effect_size_dz": None, "verdict": TOO_FEW}


def test_t_quantiles_match_the_tables():
    assert t_975(5) == approx(2.5706, abs=5e-5)
    assert t_975(9) == approx(2.2622, abs=5e-5)
    assert t_975(2) == approx(4.3027, abs=5e-5)
    assert t_975(1000) == approx(1.9623, abs=5e-5)  # towards the normal 1.96


def test_verdict_needs_ten_pairs():
    assert FEWEST_FOR_A_VERDICT == 10
    assert verdict(9, 0.5, 1.5) == TOO_FEW          # a clearly positive interval, but 9 pairs
    assert verdict(10, 0.5, 1.5) == IMPROVED
    assert verdict(0, None, None) == TOO_FEW


def test_verdict_boundaries_are_strict():
    assert verdict(10, 0.0, 1.0) == NO_CLEAR_CHANGE  # low exactly 0 is not "improved"
    assert verdict(10, 1e-9, 1.0) == IMPROVED
    assert verdict(10, -1.0, 0.0) == NO_CLEAR_CHANGE  # high exactly 0 is not "declined"
    assert verdict(10, -1.0, -1e-9) == DECLINED
    assert verdict(10, None, None) == NO_CLEAR_CHANGE


def test_below_two_pairs_there_is_no_interval():
    assert change_statistics(0, 0, 0) == NOTHING
    assert change_statistics(1, 3, 9) == NOTHING


def test_ten_pairs_improved():
    # Changes 2 1 2 1 0 1 1 0 1 1: n 10, sum 10, squares 14. mean 1; variance (140 - 100) / 90
    # = 4/9, sd 2/3; se 0.210819; half-width 2.2622 x 0.210819 = 0.476914; d_z 1 / (2/3) = 1.5.
    stats = change_statistics(10, 10, 14)
    assert round(stats["ci95"], 4) == 0.4769
    assert round(stats["ci95_low"], 4) == 0.5231
    assert round(stats["ci95_high"], 4) == 1.4769
    assert stats["effect_size_dz"] == approx(1.5)
    assert stats["verdict"] == IMPROVED


def test_six_pairs_use_five_degrees_of_freedom():
    # Changes 1 2 3 1 2 3: n 6, sum 12, squares 28. mean 2; variance (168 - 144) / 30 = 0.8,
    # sd 0.894427; se 0.894427 / sqrt(6) = 0.365148; half-width 2.5706 x 0.365148 = 0.938650:
    # 1.0614 .. 2.9387; d_z 2 / 0.894427 = 2.236068. Six pairs: too few to say.
    stats = change_statistics(6, 12, 28)
    assert stats == {"ci95": approx(0.93865, abs=1e-4), "ci95_low": approx(1.06135, abs=1e-4),
                     "ci95_high": approx(2.93865, abs=1e-4), "effect_size_dz": approx(2.236068, abs=1e-6),
                     "verdict": TOO_FEW}


def test_no_spread_collapses_the_interval_and_has_no_effect_size():
    # Ten changes of +3: variance (10 x 90 - 900) / 90 = 0 exactly.
    assert change_statistics(10, 30, 90) == {"ci95": 0.0, "ci95_low": 3.0, "ci95_high": 3.0,
                                             "effect_size_dz": None, "verdict": IMPROVED}
    # Ten changes of 0: the interval is the single point 0, which is not above 0.
    assert change_statistics(10, 0, 0) == {"ci95": 0.0, "ci95_low": 0.0, "ci95_high": 0.0,
                                           "effect_size_dz": None, "verdict": NO_CLEAR_CHANGE}
    # Ten changes of -1: declined.
    assert change_statistics(10, -10, 10)["verdict"] == DECLINED


def test_declined_and_no_clear_change():
    # Mirror of test_ten_pairs_improved: -1.4769 .. -0.5231.
    declined = change_statistics(10, -10, 14)
    assert (round(declined["ci95_low"], 4), round(declined["ci95_high"], 4)) == (-1.4769, -0.5231)
    assert declined["effect_size_dz"] == approx(-1.5) and declined["verdict"] == DECLINED
    # Changes 2 1 0 0 -1 1 0 -1 1 0: n 10, sum 3, squares 9; variance (90 - 9) / 90 = 0.9, se 0.3,
    # half-width 2.2622 x 0.3 = 0.67866: -0.3787 .. 0.9787; d_z 0.3 / sqrt(0.9) = 0.316228.
    unclear = change_statistics(10, 3, 9)
    assert unclear["ci95_low"] == approx(-0.3787, abs=1e-4) and unclear["ci95_high"] == approx(0.9787, abs=1e-4)
    assert unclear["effect_size_dz"] == approx(0.316228, abs=1e-6) and unclear["verdict"] == NO_CLEAR_CHANGE
