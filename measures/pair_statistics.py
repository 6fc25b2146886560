"""Honest statistics for before-and-after pairs: the 95% interval of the mean change from the t
distribution, the effect size d_z, and a verdict in plain words (docs/measures.md, "Skills
statistics").

Worked from three sums the database returns: the number of pairs n, the sum of the changes and
the sum of their squares. Scores are whole numbers, so with integer sums the variance
(n * sum_sq - total^2) / (n (n - 1)) is exact: a zero spread is exactly zero, never 1e-16.
"""

import math
from functools import cache

IMPROVED = "improved"
NO_CLEAR_CHANGE = "no clear change"
DECLINED = "declined"
TOO_FEW = "too few to say"
VERDICTS = (IMPROVED, NO_CLEAR_CHANGE, DECLINED, TOO_FEW)
FEWEST_FOR_A_VERDICT = 10


@cache
def t_975(degrees_of_freedom: int) -> float:
    """The 97.5th percentile of Student's t distribution (2.571 for 5 degrees of freedom)."""
    # Imported here: scipy takes a tenth of a second to load, paid by every `manage.py` run and
    # page start otherwise, and most figures never need an interval.
    from scipy.special import stdtrit
    return float(stdtrit(degrees_of_freedom, 0.975))


def verdict(pairs: int, low: float | None, high: float | None) -> str:
    if not pairs or pairs < FEWEST_FOR_A_VERDICT:
        return TOO_FEW
    if low is not None and low > 0:
        return IMPROVED
    if high is not None and high < 0:
        return DECLINED
    return NO_CLEAR_CHANGE


def change_statistics(pairs: int, total, sum_sq) -> dict:
    """`ci95` (the interval's half-width), `ci95_low`, `ci95_high`, `effect_size_dz` and `verdict`
    for `pairs` changes summing to `total`, their squares to `sum_sq`. The interval and d_z are
    None below 2 pairs; d_z is None when every change is the same (no spread)."""
    if not pairs or pairs < 2:
        return {"ci95": None, "ci95_low": None, "ci95_high": None, "effect_size_dz": None,
                "verdict": verdict(pairs, None, None)}
    mean = total / pairs
    spread = pairs * sum_sq - total * total  # n (n - 1) times the variance
    sd = math.sqrt(max(spread, 0) / (pairs * (pairs - 1)))
    half = t_975(pairs - 1) * sd / math.sqrt(pairs)
    low, high = mean - half, mean + half
    return {"ci95": half, "ci95_low": low, "ci95_high": high,
            "effect_size_dz": mean / sd if spread > 0 else None, "verdict": verdict(pairs, low, high)}
