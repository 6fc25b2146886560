"""A principle table worked out by hand, as measures.principles.principle_table gives it: 'A' rated
by 9 people (6 of them 4 or 5; young people 26/7 = 3.714, staff 4.5), 'B' by staff alone, 'C'
hidden (fewer than k young people rated it)."""

import pandas as pd

from measures.suppression import SUPPRESSED


def hand_worked_principles() -> pd.DataFrame:
    return pd.DataFrame({
        "framework": ["core"] * 3, "framework_name": ["Core"] * 3, "principle": ["a", "b", "c"],
        "principle_name": ["A", "B", "C"], "has_ratings": [True] * 3,
        "mean": [35 / 9, 3.0, SUPPRESSED], "share_4_5": [6 / 9, 1 / 3, SUPPRESSED],
        "young_people_mean": [26 / 7, None, SUPPRESSED], "staff_mean": [4.5, 3.0, 4.25],
        "gap": [4.5 - 26 / 7, None, SUPPRESSED], "ratings": [9, 3, SUPPRESSED], "ratings_4_5": [6, 1, SUPPRESSED]})
