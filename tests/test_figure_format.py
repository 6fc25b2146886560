from components.figures import NO_CHANGE, change, formatted, half_up
from measures.suppression import SUPPRESSED


def test_rounding_is_half_up_as_people_expect():
    assert half_up(2.25, 1) == "2.3" and half_up(2.35, 1) == "2.4" and half_up(0.125 * 100, 0) == "13"
    assert formatted(2.25, "mean", 5) == "2.3"
    assert formatted(0.125, "share", 5) == "13%"
    assert formatted(5 / 6, "share", 5) == "83%"


def test_suppressed_and_missing_figures_say_so():
    assert formatted(SUPPRESSED, "share", 5) == "fewer than 5"
    assert formatted(None, "mean", 5) == "no data"
    assert change(SUPPRESSED, 0.5, "share") is None


def test_a_change_is_shown_as_people_read_it():
    assert change(0.80, 0.75, "share") == "+5 points"
    assert change(0.70, 0.755, "share") == "-6 points"   # -5.5 rounds half away from zero
    assert change(0.66, 0.65, "share") == "+1 point"
    assert change(3.25, 3.0, "mean") == "+0.3"
    assert change(7, 12, "count") == "-5"
    assert change(12_345, 10_000, "count") == "+2,345"
    # A change that rounds to nothing is "no change", never a red "-0 points".
    assert change(0.801, 0.803, "share") == NO_CHANGE
    assert change(3.02, 3.04, "mean") == NO_CHANGE
    assert change(5, 5, "count") == NO_CHANGE
