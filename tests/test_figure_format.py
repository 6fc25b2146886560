"""Figures as every screen writes them (measures/formatting.py): half-up rounding, hidden and
missing figures, changes between the figures as shown."""

from measures.formatting import NO_CHANGE, change
from measures.formatting import figure as formatted
from measures.rounding import half_up as exact_half_up
from measures.suppression import SUPPRESSED


def half_up(value, places):
    return str(exact_half_up(value, places))


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


def test_one_rounding_rule_for_pages_charts_and_board_packs():
    from charts.health import components_frame
    from measures.rounding import half_up as exact
    assert str(exact(0.285, 0, scale=100)) == "29"   # 28.5% as people read it, not 28.4999...
    assert formatted(0.285, "share", 5) == "29%"
    assert formatted(74.479, "score", 5) == "74" and formatted(74.5, "score", 5) == "75"
    # The health chart's bar labels are the scores as the page shows them: rounded once (74.479
    # was rounded to 74.5 first, and its label then said 75 while the table said 74).
    health = {"components": {"principle_adherence": {"value": 74.479, "weight": 0.25},
                             "attendance_rate": {"value": 80.5, "weight": 0.25}}}
    frame = components_frame(health, {"principle_adherence": "Principles kept", "attendance_rate": "Attendance"})
    assert frame["value"].tolist() == [74, 81]
