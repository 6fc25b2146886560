"""The principles page's tables and texts: the tables under its charts with every figure written
out by `measures.formatting` ('3.8', '67%', '+1.4', 'fewer than 5', 'no data'), the kind of every
column for its protected CSV, the lists of principles offered, the notes under the charts, and
months and quarters in words (easy read's texts: measures/easy_read.py)."""

from datetime import date

import pandas as pd

from measures import formatting

# The tables under the charts hold figures written out as text. The CSV is the same table made from
# protected frames (measures.protected_principles), so its columns go out as they are; a new column
# still needs a kind here.
SHOWN = "label"
PRINCIPLE_KINDS = {"Principle": "label", "Ratings": SHOWN, "Average (everyone)": SHOWN, "Rated 4 or 5": SHOWN,
                   "Young people's average": SHOWN, "Staff average": SHOWN, "Gap (staff minus young people)": SHOWN}
SHARE_KINDS = {"Principle": "label", "Ratings of 4 or 5": SHOWN}
CELL_KINDS = {"Programme": "label", "Principle": "label", "Ratings": SHOWN, "Average (everyone)": SHOWN,
              "Young people's average": SHOWN, "Staff average": SHOWN}


def trend_kinds(unit: str) -> dict:
    return {unit.capitalize(): "label", "Rated by": "label", "Average rating": SHOWN, "Rated 4 or 5": SHOWN}


def ladder_kinds(first: str) -> dict:
    return {first: "label", "Group": "label", "Sessions": "exact"}  # sessions, not young people


def framework_choice(table: pd.DataFrame) -> tuple[list[str], dict, int]:
    """The lists of principles (codes), their names, and the one shown first: the first rated in
    the period, else the first of all."""
    names = dict(zip(table["framework"], table["framework_name"], strict=True))
    rated = table.groupby("framework", sort=False)["has_ratings"].any()
    codes = list(names)
    default = next((code for code in codes if rated.get(code, False)), codes[0])
    return codes, names, codes.index(default)


def side_by_side_note(unrated: list[str]) -> str:
    """How to read the side-by-side chart, and the principles nobody rated."""
    note = ("Circles are young people, diamonds are staff; the grey line between them is the gap. "
            "A principle without a circle had no young people's ratings, or too few to show.")
    return note + (" Not rated in this period: " + "; ".join(unrated) + "." if unrated else "")


def share_note(k: int) -> str:
    return ("Everyone's ratings together, young people's and staff's. A principle is left out when "
            f"{formatting.hidden(k)} young people rated it.")


def trend_note(k: int, unit: str) -> str:
    return (f"All the principles in this list together. A {unit} where {formatting.hidden(k)} young people rated "
            "has no young people's point.")


def heatmap_note(k: int, written: bool = True) -> str:
    """How to read the heatmap; `written`: whether each square has its value written in it (only
    when there are few squares, `charts.principles.written`)."""
    where = ("written in each square" if written else
             "shown when you point at a square, and in the table of numbers below")
    return (f"Everyone's average rating, from 1 (dark) to 5 (light), {where}. An empty square had "
            f"no ratings, or {formatting.hidden(k)} young people rated it (or it would give such a one away).")


def when(start: str, unit: str) -> str:
    """A month ('2024-03') or the quarter it starts as words: 'Mar 2024', 'Q1 2024'."""
    first = date.fromisoformat(start[:7] + "-01")
    if unit == "month":
        return formatting.month(first, short=True)
    return f"Q{(first.month - 1) // 3 + 1} {first.year}"


def principle_numbers(rated: pd.DataFrame, k: int) -> pd.DataFrame:
    """The side-by-side chart's table: one row per principle rated."""
    return pd.DataFrame({
        "Principle": rated["principle_name"],
        "Ratings": [formatting.figure(v, "count", k) for v in rated["ratings"]],
        "Average (everyone)": [formatting.figure(v, "mean", k) for v in rated["mean"]],
        "Rated 4 or 5": [formatting.figure(v, "share", k) for v in rated["share_4_5"]],
        "Young people's average": [formatting.figure(v, "mean", k) for v in rated["young_people_mean"]],
        "Staff average": [formatting.figure(v, "mean", k) for v in rated["staff_mean"]],
        "Gap (staff minus young people)": [formatting.figure(v, "change", k) for v in rated["gap"]],
    })


def share_numbers(high: pd.DataFrame) -> pd.DataFrame:
    """The table of the share rated 4 or 5 (`charts.principles.share_high`, labels written already)."""
    return high[["principle_name", "label"]].rename(columns={"principle_name": "Principle",
                                                             "label": "Ratings of 4 or 5"})


def trend_numbers(trend: pd.DataFrame, k: int, unit: str, raters: dict) -> pd.DataFrame:
    """The ratings each month or quarter, by who rated (named by `raters`); a young people's point
    resting on fewer than k young people says so."""
    def figure(value, kind: str, hidden: bool) -> str:
        return f"{formatting.hidden(k)} young people" if hidden else formatting.figure(value, kind, k)
    return pd.DataFrame({
        unit.capitalize(): [when(s, unit) for s in trend["start"]],
        "Rated by": trend["rater_role"].map(raters),
        "Average rating": [figure(v, "mean", h) for v, h in zip(trend["mean"], trend["suppressed"], strict=True)],
        "Rated 4 or 5": [figure(v, "share", h) for v, h in zip(trend["share_4_5"], trend["suppressed"], strict=True)],
    })


def cell_numbers(cells: pd.DataFrame, k: int) -> pd.DataFrame:
    """The heatmap's table: one row per programme and principle."""
    return pd.DataFrame({
        "Programme": cells["programme"],
        "Principle": cells["principle_name"],
        "Ratings": [formatting.figure(v, "count", k) for v in cells["ratings"]],
        "Average (everyone)": [formatting.figure(v, "mean", k) for v in cells["mean"]],
        "Young people's average": [formatting.figure(v, "mean", k) for v in cells["young_people_mean"]],
        "Staff average": [formatting.figure(v, "mean", k) for v in cells["staff_mean"]],
    })


def ladder_numbers(over_time: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The table of sessions in each group of the ladder each month or quarter
    (`charts.ladder.over_time_frame`)."""
    return pd.DataFrame({unit.capitalize(): [when(s, unit) for s in over_time["start"]],
                         "Group": over_time["group"], "Sessions": over_time["sessions"]})
