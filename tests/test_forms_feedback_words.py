"""How the "you said, we did" form names things (data/forms/feedback_words.py): an item's line in
the picker and the participant codes an item's words name."""

from data.forms.feedback_words import codes_named, item_line, shortened


def test_a_long_text_is_put_on_one_line_and_cut_with_an_ellipsis():
    assert shortened("More trips\n  in the   summer") == "More trips in the summer"
    assert shortened("x" * 60) == "x" * 60
    assert shortened("x" * 61) == "x" * 59 + "…"
    assert shortened("abcdef", limit=4) == "abc…"


def test_an_items_line_has_its_code_status_in_words_and_the_start_of_what_was_said():
    assert item_line("FB4", "in_progress", "More trips in the summer") == (
        "FB4 · In progress · More trips in the summer")


def test_each_code_named_is_listed_once_text_by_text():
    codes = ["Y1", "Y2", "Y10", "S1"]
    assert codes_named(["Asked S1 and y2", "Y2 again, and Y1", None], codes) == ["Y2", "S1", "Y1"]
    assert codes_named(["Y100 is not Y10's code"], codes) == ["Y10"]
    assert codes_named([None, ""], codes) == []
