"""Figures as a board paper prints them, and their change in the same units.

Plain Python (no Streamlit): the same text goes on the page, into the PDF and into sentences.
Changes are worked out from the figures as shown (rounded half up), so "from 83% to 90%" always
says "up 7 points", whatever the unrounded figures were.
"""

from decimal import Decimal

from measures.rounding import half_up
from measures.suppression import is_suppressed

PLACES = {"count": 0, "share": 0, "mean": 1, "money": 0, "hours": 0, "score": 0, "gain": 1}
NO_DATA = "no data"


def rounded(value, kind: str) -> Decimal | None:
    """The figure as shown: a share in whole percentage points, a mean to one decimal, ..."""
    if value is None or is_suppressed(value) or value != value:  # NaN: no data
        return None
    return half_up(value, PLACES[kind], scale=100 if kind == "share" else 1)


def _signed(number: Decimal) -> str:
    return f"+{number}" if number > 0 else str(number)


def shown(value, kind: str, k: int) -> str:
    """'83%', '3.6', '£90', '+1.0', or 'fewer than k' / 'no data'."""
    if is_suppressed(value):
        return f"fewer than {k}"
    number = rounded(value, kind)
    if number is None:
        return NO_DATA
    number += 0  # no "-0"
    if kind == "share":
        return f"{number}%"
    if kind == "money":
        return f"£{number:,}"
    if kind == "gain":
        return _signed(number)
    return f"{number:,}"


def difference(now, before, kind: str) -> Decimal | None:
    """Now minus before, of the figures as shown; None when either is missing or suppressed."""
    a, b = rounded(now, kind), rounded(before, kind)
    return None if a is None or b is None else a - b


def change_text(diff: Decimal, kind: str) -> str:
    """'+7 points', '-0.5', '+£30', 'no change'."""
    if diff == 0:
        return "no change"
    if kind == "share":
        return f"{_signed(diff)} point{'' if abs(diff) == 1 else 's'}"
    if kind == "money":
        return f"{'+' if diff > 0 else '-'}£{abs(diff):,}"
    return _signed(diff)


def quoted_name(name: str) -> str:
    """A principle or skill inside a sentence: 'Power and inclusion' becomes 'power and inclusion';
    a first word with more capitals ('BAME voices', 'SEND support') keeps them."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        name = name[0].lower() + name[1:]
    return f"'{name}'"
