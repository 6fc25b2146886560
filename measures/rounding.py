"""Rounding as people do it (2.25 -> 2.3, 74.5 -> 75), not as binary floats do (2.25 -> 2.2):
the one rule for every figure shown on a page, in a chart, a sentence or a board pack."""

from decimal import ROUND_HALF_UP, Decimal


def half_up(value: float, places: int, scale: int = 1) -> Decimal:
    """`value` (times `scale`, e.g. 100 for a share in percent) rounded half away from zero to
    `places` decimals. Worked from the value's shortest decimal form and scaled exactly, so 0.285
    as a percentage is 28.5 and rounds to 29 (in floats, 0.285 * 100 is 28.499999999999996)."""
    exact = Decimal(repr(float(value))) * scale
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
