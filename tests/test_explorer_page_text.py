"""The explorer page's own words (measures/explorer/page_text.py): the chart's title, the scope
line under the sentence, the note under the chart and what a click that looks inside says."""

from datetime import date

from measures.explorer.drill import LookInside
from measures.explorer.page_text import chart_note, in_force, looked_inside, scope_words, view_title
from measures.filters import Filters


def test_the_title_names_the_measure_and_its_splits():
    assert view_title("attendance_rate", "mode", None) == "Attendance rate by mode"
    assert view_title("attendance_rate", "mode", "programme") == "Attendance rate by mode and programme"


def test_the_filters_in_force_are_the_sidebars_in_order_then_only_these_groups():
    filters = Filters(modes=("online",), programmes=("P1",), care_experienced=("yes",))
    focus = (("stage", ("deliver", "review")),)
    assert in_force(filters, focus) == [("programme", ("P1",)), ("mode", ("online",)),
                                        ("care_experienced", ("yes",)), ("stage", ("deliver", "review"))]
    assert in_force(Filters()) == []


def test_the_scope_line_says_the_period_short_and_every_filter_in_words():
    chosen = [("programme", ("PODCAST", "NEW")), ("mode", ("in_person", "online")), ("stage", ("deliver",))]
    names = {"programme": {"PODCAST": "Home Truths podcast"}}
    assert scope_words(date(2025, 4, 1), date(2025, 6, 30), chosen, names, "Lundy model") == (
        "1 Apr 2025 to 30 Jun 2025 · Programme: Home Truths podcast, NEW · Mode: In person, Online · "
        "Stage of the work: Deliver · Lundy model")
    assert scope_words(date(2024, 1, 1), date(2024, 12, 31), [], {}) == "1 Jan 2024 to 31 Dec 2024"


def test_the_note_under_the_chart_says_what_is_hidden_then_how_to_click():
    click = "Click a bar, point or square to look inside that group."
    assert chart_note(None) == click
    assert chart_note("Not shown, to protect small numbers: Online.") == f"Not shown, to protect small numbers: " \
                                                                          f"Online. {click}"


def test_a_click_says_what_it_split_by_or_why_it_could_not_look_inside():
    assert looked_inside(LookInside(groups={"mode": "online"}, split="month")) == (
        "Looking inside, split by month: the filters on the left say what is shown. Clear them to go back.")
    assert looked_inside(LookInside(not_filterable=["age_band"])) == (
        "A group that was not recorded cannot be looked inside.")
    assert looked_inside(LookInside()) is None
