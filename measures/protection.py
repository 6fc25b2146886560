"""Protected figures: what every audience but `admin` sees (docs/disclosure.md).

The admin figures are exact, with small numbers suppressed. A protected audience gets figures
made from them here, and only here:
- a count behind young people (young people, pairs, ratings, records) is rounded half up to a
  multiple of k, after 1..k-1 has been suppressed. Every sum or difference of such figures is a
  multiple of k, so no union, complement, period difference or split against its headline can
  give back a hidden group of 1..k-1 exactly;
- hours and pounds are rounded to a multiple of k hours (10k pounds), coarser for large totals
  (about four significant figures), so a difference of two totals says little about a few
  young people's share of them;
- a share is worked out from the protected numerator and denominator (never rounded from the
  exact share, whose decimals with a known denominator would give the numerator back);
- a mean is rounded to one decimal place;
- figures not about young people (sessions, staff ratings, feedback items) stay as they are.
Rounding is deterministic: the same group always shows the same figure, so asking again,
reordering or averaging gains nothing.
"""

import math

from measures.rounding import half_up
from measures.suppression import SUPPRESSED, is_suppressed


def missing(value) -> bool:
    return value is None or is_suppressed(value) or (isinstance(value, float) and math.isnan(value))


def _to_multiple(value: float, base: float) -> float:
    return base * math.floor(value / base + 0.5)


def rounded_count(value: int, k: int) -> int:
    """`value` rounded half up to a multiple of k, with no suppression (a share's numerator:
    0 to k/2 becomes 0)."""
    return int(_to_multiple(value, k))


def count(value, k: int):
    """A count behind young people: 0 stays 0, 1..k-1 is suppressed, the rest a multiple of k."""
    if missing(value):
        return value
    if 0 < value < k:
        return SUPPRESSED
    return rounded_count(value, k)


def _magnitude_base(value: float, smallest: float) -> float:
    """`smallest`, times ten for each digit beyond four (12,345 hours at k=5 -> a base of 50)."""
    digits = len(str(int(abs(value))))
    return smallest * 10 ** max(0, digits - 4)


def hours(value, k: int):
    if missing(value):
        return value
    return float(_to_multiple(value, _magnitude_base(value, k)))


def money(value, k: int):
    if missing(value):
        return value
    return float(_to_multiple(value, _magnitude_base(value, 10 * k)))


def share(admin_share, numerator: int, denominator: int, k: int):
    """A share from its protected numerator and denominator. A share suppressed or missing in
    the admin figures stays so."""
    if missing(admin_share):
        return admin_share
    whole = count(denominator, k)
    if missing(whole):
        return whole
    return rounded_count(numerator, k) / whole if whole else None


def mean(value):
    if missing(value):
        return value
    return float(half_up(value, 1))


def exact(value):
    """Not about young people: shown as it is."""
    return value
