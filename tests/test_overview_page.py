"""The overview's key figures and texts (measures/overview_page.py) and the period caption of
every page of figures (components/figure_page.py), worked by hand on the small organisation's
Q1 2024 (tests/test_app_overview.py)."""

from datetime import date

from components.figure_page import period_caption
from measures.definitions import definition
from measures.filters import Period
from measures.overview_page import alerts_heading, empty_figures, health_figure, key_figures, thresholds_text
from measures.suppression import SUPPRESSED

ENGAGEMENT = {"active_young_people": 7, "returning_share": 2 / 7, "attendance_rate": 10 / 12,
              "youth_led_share": 0.5, "doing_with_share": 2 / 3, "sessions_held": 4}
NOW = {"engagement": ENGAGEMENT, "feedback": {"told_back_share": 0.4, "open_over_30_days": 2, "raised": 5},
       "remuneration": {"paid_total_gbp": 90.0},
       "health_index": {"value": 56.2, "status": "amber", "thresholds": {"green": 70, "amber": 50}}}


def test_key_figures_in_order_with_their_definitions():
    figures = key_figures(NOW, None, 5, True)
    assert [(f.label, f.now, f.kind) for f in figures] == [
        ("Young people", 7, "count"), ("Came back", 2 / 7, "share"), ("Attendance", 10 / 12, "share"),
        ("Youth-led sessions", 0.5, "share"), ("'Doing with' sessions", 2 / 3, "share"),
        ("Feedback told back", 0.4, "share"), ("Feedback overdue", 2, "count"),
        ("Paid to young people", 90.0, "money")]
    assert {f.before for f in figures} == {None}
    assert figures[0].help == definition("active_young_people")
    assert figures[3].help == definition("youth_led_share") + " Sessions held in this period: 4."
    assert figures[5].help == definition("told_back_share") + " Items raised in this period: 5."
    assert figures[6].help == definition("open_over_30_days") and not figures[6].higher_is_better
    assert figures[7].help == definition("paid_total_gbp")


def test_without_a_period_before_nobody_came_back():
    before = {**NOW, "engagement": {**ENGAGEMENT, "active_young_people": SUPPRESSED}}
    figures = key_figures(NOW, before, 5, False)
    assert figures[1].now is None
    assert figures[0].before is SUPPRESSED
    assert key_figures({**NOW, "feedback": {**NOW["feedback"], "raised": SUPPRESSED}}, None, 5, True)[5].help \
        .endswith("Items raised in this period: fewer than 5.")


def test_empty_figures_keep_the_shape():
    assert empty_figures({"a": {"b": 1, "c": {"d": 2}}, "e": 3}) == {"a": {"b": None, "c": {"d": None}}, "e": None}


def test_the_health_index_and_its_texts():
    index = health_figure(NOW["health_index"], {"value": 50.0})
    assert (index.label, index.now, index.before, index.kind) == ("Health index (out of 100)", 56.2, 50.0, "score")
    assert index.help == definition("health_index")
    assert health_figure(NOW["health_index"], None).before is None
    assert thresholds_text({"green": 70, "amber": 50}).startswith("Green from 70, amber from 50, red below.")
    assert alerts_heading(["a"]) == "**Where it is slipping** (1 alert)"
    assert alerts_heading(["a", "b"]) == "**Where it is slipping** (2 alerts)"


def test_the_period_and_what_changes_are_against():
    q1 = Period(date(2024, 1, 1), date(2024, 3, 31))
    assert period_caption(q1) == "1 January 2024 to 31 March 2024."
    assert period_caption(q1, True) == "1 January 2024 to 31 March 2024. Changes are against the 91 days before."
    assert period_caption(q1, False) == ("1 January 2024 to 31 March 2024. No comparison: there are no records "
                                         "before this period.")
