"""The skills page's tables and texts: each row of paired figures written out by
`measures.formatting` ('fewer than k', 'no pairs yet' or the value), the kind of every column of
a chart's table for its protected CSV, and whether a period has any ratings at all."""

import pandas as pd

from measures import formatting
from measures.suppression import is_suppressed

NO_PAIRS = "no pairs yet"
NOTHING = "\u2014"  # beside "fewer than k" or "no pairs yet": nothing to show
ONE_PAIR = "one pair: no range"
PAIR_COLUMNS = ["Pairs", "Before", "After", "Change", "Likely range", "Went up"]
WAITING = "Waiting for 'after'"
# The kind of every column a chart's table may hold, for its protected CSV (measures.protected_frames):
# pairs are young people's; averages and their likely range are means; the share that went up is made
# from the protected pairs that went up and the protected pairs.
CHART_KINDS = {"programme_name": "label", "skill_name": "label", "pairs": "count", "improved": "count",
               "mean_pre": "mean", "mean_post": "mean", "mean_change": "mean", "ci_low": "mean", "ci_high": "mean",
               "share_improved": ("share_of", "improved", "pairs")}


def any_ratings(skills: pd.DataFrame) -> bool:
    """Whether any skill has a pair or a 'before' rating waiting, hidden or not."""
    def some(value) -> bool:
        return is_suppressed(value) or (value is not None and not pd.isna(value) and value > 0)
    return bool(skills["pairs"].map(some).any() or skills["awaiting_post"].map(some).any())


def with_improved(shown: pd.DataFrame) -> pd.DataFrame:
    """`shown` with the pairs that went up (`improved`) beside the share, so the CSV's share can be
    made from protected parts. The share is to three decimals, so the product gives the exact count
    for fewer than 1,000 pairs (at most one off beyond)."""
    return shown.assign(improved=(shown["share_improved"] * shown["pairs"]).round().astype(int))


def likely_range(mean: float, ci: float | None) -> str:
    """The 95% interval around the average change as text ('-0.4 to +2.4'); ONE_PAIR without one."""
    if formatting.missing(ci):
        return ONE_PAIR
    return formatting.interval(mean, ci)


def pair_figures(row, k: int) -> dict:
    """The figures of one row of `measures.skills` (a skill, or a programme's skill) as text."""
    waiting = {WAITING: formatting.figure(row.awaiting_post, "count", k)}
    if is_suppressed(row.pairs):
        return {"Pairs": formatting.hidden(k), **dict.fromkeys(PAIR_COLUMNS[1:], NOTHING), **waiting}
    if not row.pairs:
        return {"Pairs": NO_PAIRS, **dict.fromkeys(PAIR_COLUMNS[1:], NOTHING), **waiting}
    return {"Pairs": formatting.count(row.pairs), "Before": formatting.mean(row.mean_pre),
            "After": formatting.mean(row.mean_post), "Change": formatting.signed(row.mean_change),
            "Likely range": likely_range(row.mean_change, row.ci95),
            "Went up": formatting.figure(row.share_improved, "share", k), **waiting}


def skill_table(skills: pd.DataFrame, k: int) -> pd.DataFrame:
    """One row per skill: its name and its figures as text."""
    return pd.DataFrame([{"Skill": row.skill_name, **pair_figures(row, k)} for row in skills.itertuples()])


def programme_table(cells: pd.DataFrame, k: int) -> pd.DataFrame:
    """One row per programme and skill: their names and the figures as text."""
    return pd.DataFrame([{"Programme": row.programme_name, "Skill": row.skill_name, **pair_figures(row, k)}
                         for row in cells.itertuples()])
