from components.figures import change, formatted, half_up
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
