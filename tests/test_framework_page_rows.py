"""The frameworks page's tables and texts (data/frameworks/page_rows.py), worked by hand."""

import pandas as pd

from data.frameworks.page_rows import (
    frameworks_table, principle_use, rated_framework, skill_use, skills_table, typed_principles,
)


def test_listings_are_shown_in_words():
    listing = pd.DataFrame({"code": ["lundy", "ours"], "name": ["Lundy", "Ours"], "builtin": [True, False],
                            "principles": [4, 0], "ratings": [10, 0]})
    assert frameworks_table(listing).values.tolist() == [["Lundy", "lundy", "Built in", 4, 10],
                                                         ["Ours", "ours", "Your own", 0, 0]]
    skills = pd.DataFrame({"code": ["confidence"], "name": ["Confidence"], "builtin": [True], "retired": [True],
                           "evaluations": [18]})
    assert skills_table(skills).values.tolist() == [["Confidence", "confidence", "Built in", "No (retired)", 18]]


def test_how_often_something_was_used_is_counted_in_words():
    assert principle_use(1, False) == "1 rating given against this principle."
    assert principle_use(1234, True) == ("1,234 ratings given against this principle. Retired: forms no longer "
                                         "offer it.")
    assert skill_use(0, False) == "0 evaluations of this skill."
    assert rated_framework(1).startswith("Its principles have 1 rating, so it cannot be deleted")


def test_typed_principles_are_trimmed_and_empty_rows_left_out():
    rows = pd.DataFrame({"code": [" paid ", None, "", "x"], "name": ["Paid fairly ", None, "", None]})
    assert typed_principles(rows) == [("paid", "Paid fairly"), ("x", "")]
