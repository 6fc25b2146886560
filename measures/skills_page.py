"""The skills page's tables and texts: each row of paired figures written out by
`measures.formatting` ('fewer than k', 'no pairs yet' or the value), with the verdict in plain
words and never a bare average change from fewer than 10 pairs (docs/measures.md, "Skills
statistics"); the kind of every column of a chart's table for its protected CSV; and whether a
period has any ratings at all."""

import pandas as pd

from measures import formatting
from measures.pair_statistics import FEWEST_FOR_A_VERDICT, TOO_FEW
from measures.suppression import is_suppressed

NO_PAIRS = "no pairs yet"
NOTHING = "\u2014"  # beside "fewer than k" or "no pairs yet": nothing to show
ONE_PAIR = "one pair: no range"
NO_SPREAD = "every change the same"
PAIR_COLUMNS = ["Pairs", "Change", "Likely range", "Verdict", "Size of change", "Went up", "Before", "After"]
OUTCOMES = {"improved": "Up", "same": "Same", "worse": "Down"}
WAITING = "Waiting for 'after'"
# The kind of every column a chart's table may hold, for its protected CSV (measures.protected_frames):
# pairs are young people's; averages and their likely range are means; the share that went up is made
# from the protected pairs that went up and the protected pairs; the verdict is words.
CHART_KINDS = {"programme_name": "label", "skill_name": "label", "pairs": "count", "improved": "count",
               "mean_pre": "mean", "mean_post": "mean", "mean_change": "mean", "ci_low": "mean", "ci_high": "mean",
               "share_improved": ("share_of", "improved", "pairs"), "verdict": "label"}


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


def verdict_words(verdict: str) -> str:
    """'Improved', 'No clear change', 'Declined' or 'Too few to say'."""
    return verdict.capitalize()


def likely_range(low, high) -> str:
    """The 95% interval of the average change as text ('-1.0 to +3.0'); ONE_PAIR without one."""
    if formatting.missing(low) or formatting.missing(high):
        return ONE_PAIR
    return f"{formatting.signed(low)} to {formatting.signed(high)}"


def change_text(mean, low, high, pairs: int) -> str:
    """The average change; from fewer than 10 pairs never alone, but with its likely range and
    'too few to say' ('+1.0 (likely -1.0 to +3.0); too few to say'): so few pairs cannot tell a
    real change from chance."""
    change = formatting.signed(mean)
    if pairs >= FEWEST_FOR_A_VERDICT:
        return change
    interval = likely_range(low, high)
    return f"{change} ({interval if interval == ONE_PAIR else 'likely ' + interval}); {TOO_FEW}"


def size_text(effect_size, pairs: int) -> str:
    """The effect size d_z to one decimal with its sign, from 10 pairs on ('too few to say' below);
    NO_SPREAD when every change is the same (no d_z)."""
    if pairs < FEWEST_FOR_A_VERDICT:
        return TOO_FEW
    return NO_SPREAD if formatting.missing(effect_size) else formatting.signed(effect_size)


def pair_figures(row, k: int) -> dict:
    """The figures of one row of `measures.skills` (a skill, or a programme's skill) as text."""
    waiting = {WAITING: formatting.figure(row.awaiting_post, "count", k)}
    if is_suppressed(row.pairs):
        return {"Pairs": formatting.hidden(k), **dict.fromkeys(PAIR_COLUMNS[1:], NOTHING), **waiting}
    if not row.pairs:
        return {"Pairs": NO_PAIRS, **dict.fromkeys(PAIR_COLUMNS[1:], NOTHING), **waiting}
    return {"Pairs": formatting.count(row.pairs),
            "Change": change_text(row.mean_change, row.ci95_low, row.ci95_high, row.pairs),
            "Likely range": likely_range(row.ci95_low, row.ci95_high), "Verdict": verdict_words(row.verdict),
            "Size of change": size_text(row.effect_size_dz, row.pairs),
            "Went up": formatting.figure(row.share_improved, "share", k),
            "Before": formatting.mean(row.mean_pre), "After": formatting.mean(row.mean_post), **waiting}


def outcome_figures(row, k: int) -> dict:
    """The pairs whose rating went up, stayed the same and went down ('fewer than k' each on its
    own young people); nothing beside a hidden skill or one without pairs."""
    if is_suppressed(row.pairs) or not row.pairs:
        return dict.fromkeys(OUTCOMES.values(), NOTHING)
    return {column: formatting.figure(getattr(row, outcome), "count", k) for outcome, column in OUTCOMES.items()}


def skill_table(skills: pd.DataFrame, k: int) -> pd.DataFrame:
    """One row per skill: its name, its figures and the pairs up, same and down, as text."""
    rows = []
    for row in skills.itertuples():
        figures = pair_figures(row, k)
        rows.append({"Skill": row.skill_name, **{c: figures[c] for c in PAIR_COLUMNS[:6]},
                     **outcome_figures(row, k), **{c: figures[c] for c in (WAITING, *PAIR_COLUMNS[6:])}})
    return pd.DataFrame(rows)


def programme_table(cells: pd.DataFrame, k: int) -> pd.DataFrame:
    """One row per programme and skill: their names and the figures as text."""
    return pd.DataFrame([{"Programme": row.programme_name, "Skill": row.skill_name, **pair_figures(row, k)}
                         for row in cells.itertuples()])
