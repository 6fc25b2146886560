"""The explorer page's own words (measures/explorer/page_text.py): the chart's title, the scope
line under the sentence, the note under the chart and what a click that looks inside says."""

from datetime import date

from measures.explorer.drill import LookInside
from measures.explorer.page_text import CLICK, chart_note, in_force, looked_inside, scope_words, view_title
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


def test_under_a_chart_of_mean_changes_too_few_pairs_is_explained():
    import pandas as pd

    from measures.explorer.page_text import under_chart
    from measures.suppression import SUPPRESSED
    frame = pd.DataFrame({"group": ["1", "2"], "label": ["Leadership", "Teamwork"],
                          "value": pd.Series([None, 1.0], dtype=object),
                          "verdict": pd.Series([SUPPRESSED, "too few to say"], dtype=object),
                          "suppressed": [True, False]})
    note = under_chart(frame, "mean_skill_change", None, 5)
    assert note.startswith("Not shown, to protect small numbers (fewer than 5 young people, or a group that "
                           "would give such a one away): Leadership. 'Too few to say': fewer than 10 before-and-")
    assert note.endswith("The table gives each group's 95% interval and verdict. " + CLICK)
    assert chart_note(None, "Few pairs.") == f"Few pairs. {CLICK}"
    # Who gets to lead and depth: a click cannot look inside their groups, so the note does not offer it.
    assert under_chart(frame.drop(columns="verdict").assign(suppressed=False), "representation", None, 5) == ""
    assert looked_inside(LookInside(whole="depth")) == (
        "The groups of depth of involvement and skills gained are the whole answer: there is nothing inside them "
        "to split. Choose another measure to look inside a group.")


def test_the_title_of_who_leads_and_depth():
    assert view_title("representation", "care_experienced", None) == "Who gets to lead by care experienced"
    assert view_title("depth", "depth_band", None) == "Depth of involvement and skills gained by sessions attended"
