"""What the "You said, we did" page says (components/feedback/words.py), worked by hand."""

from datetime import date
from types import SimpleNamespace

import numpy as np

from components.feedback.words import about, card_line, chart_description, headline, showing, waiting, we_did
from measures.filters import Period


def test_the_headline_figures_are_written_as_everywhere_else():
    figures = {"raised": 1234, "told_back_share": 0.285, "median_days_to_tell_back": 12.5}
    assert [value for _, value, _ in headline(figures)] == ["1,234", "29%", "13 days"]  # half up: 28.5 -> 29
    nothing = {"raised": 0, "told_back_share": None, "median_days_to_tell_back": None}
    assert [value for _, value, _ in headline(nothing)] == ["0", "no data", "no data"]
    assert headline({"raised": 1, "told_back_share": 1.0, "median_days_to_tell_back": 1.0})[2][1] == "1 day"


def test_waiting_items_are_counted_in_words():
    assert waiting(0) is None
    assert waiting(1) == "1 thing you raised has waited more than 30 days for an answer."
    assert waiting(2) == "2 things you raised have waited more than 30 days for an answer."


def test_the_period_the_chart_and_the_page_of_cards():
    assert about(Period(date(2024, 1, 1), date(2024, 3, 31))) == (
        "What young people raised from 1 January 2024 to 31 March 2024, and what we did about it.")
    assert chart_description(np.int64(1200), np.int64(7)) == (
        "Bars show things raised each month (1,200 in all); dots show how many of them were told back within "
        "30 days (7 in all).")
    assert showing(40, 5, 45) == "Showing 41 to 45 of 45, newest first."


def test_a_card_says_when_where_and_what_was_done_with_typed_words_escaped():
    item = SimpleNamespace(raised_on=date(2024, 1, 5), programme="Youth *forum*", status="done",
                           we_did="Fixed [it](x)", responded_on=date(2024, 2, 1))
    assert card_line(item) == "Raised on 5 January 2024 · Youth \\*forum\\* · Done"
    assert we_did(item) == "**We did:** Fixed \\[it\\]\\(x\\) (told back on 1 February 2024)"
    waiting_item = SimpleNamespace(raised_on=date(2024, 1, 5), programme=None, status="raised", we_did=None,
                                   responded_on=None)
    assert card_line(waiting_item) == "Raised on 5 January 2024 · Waiting for a response"
    assert we_did(waiting_item) == "**We did:** nothing to report yet."
