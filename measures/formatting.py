"""How every number is written: on pages, in charts and their alt texts, explorer sentences,
alerts, board packs and exports. The one place; nothing else formats a figure itself
(a test reads pages/ and charts/ for format specs).

Rounding is half up, as people round (2.25 -> 2.3, 0.285 -> 29%), from `measures.rounding`.
A change is worked out from the figures as shown, so "from 83% to 90%" always says "+7 points".
A hidden (suppressed) figure is "fewer than k"; a missing one (None, NaN) is "no data".
Negative numbers carry an ASCII minus; "-0" is never written.

    count(1234)              '1,234'
    share(0.285)             '29%'
    mean(2.25)               '2.3'
    signed(0.5)              '+0.5'
    money(1234.5)            '£1,235'
    rate(4.286)              '£4.29': pounds and pence, for pounds per hour
    ratio(0.8)               '0.80': a representation ratio, two decimals
    hours(12.4)              '12'
    days(29)                 '29 days'
    figure(value, kind, k)   any of the above by kind, or 'fewer than k' / 'no data'
    change(now, before, kind)  '+7 points', '-0.5', '+£30', 'no change' (None if not comparable)
    plural(3, 'session')     '3 sessions';  plural(1, 'young person', 'young people')
    date_range(start, end)   '1 September 2025 to 31 August 2026' (short=True: '1 Sep 2025 ...')
    month(date)              'March 2024' (short=True: 'Mar 2024');  clock(datetime) '14:05'
    interval(mean, half)     '-0.4 to +2.4': a mean change plus and minus half an interval's width
"""

from datetime import date, datetime
from decimal import Decimal

from measures.rounding import half_up
from measures.suppression import is_suppressed

NO_DATA = "no data"
NO_CHANGE = "no change"

# Decimal places of each kind of figure as shown.
PLACES = {"count": 0, "share": 0, "mean": 1, "change": 1, "gain": 1, "money": 0, "hours": 0, "score": 0,
          "days": 0, "rate": 2, "ratio": 2}


def hidden(k: int) -> str:
    return f"fewer than {k}"


def missing(value) -> bool:
    """None or NaN: nothing to show."""
    return value is None or value != value


def rounded(value, kind: str) -> Decimal | None:
    """The figure as shown, as an exact decimal (a share in percentage points); None when it is
    missing or suppressed."""
    if missing(value) or is_suppressed(value):
        return None
    return half_up(value, PLACES[kind], scale=100 if kind == "share" else 1) + 0  # + 0: no "-0"


def _number(value: Decimal) -> str:
    value = value + 0
    return f"{value:,}" if value == value.to_integral_value() or abs(value) >= 1000 else str(value)


def count(value) -> str:
    """A count, with thousands separators: '1,234'."""
    return NO_DATA if missing(value) else f"{half_up(value, 0) + 0:,}"


def share(value, places: int = 0) -> str:
    """A share (0..1) as a percentage: 0.285 -> '29%'."""
    return NO_DATA if missing(value) else f"{half_up(value, places, scale=100) + 0}%"


def mean(value, places: int = 1) -> str:
    """A mean or rating to one decimal: 2.25 -> '2.3'."""
    return NO_DATA if missing(value) else _number(half_up(value, places))


def signed(value, places: int = 1) -> str:
    """A change with its sign: '+0.5', '-1.2', '0.0' (never '-0.0')."""
    if missing(value):
        return NO_DATA
    number = half_up(value, places) + 0
    return f"+{number}" if number > 0 else str(number)


def money(value) -> str:
    """Pounds, whole: 1234.5 -> '£1,235'."""
    if missing(value):
        return NO_DATA
    number = half_up(value, 0) + 0
    return f"-£{-number:,}" if number < 0 else f"£{number:,}"


def rate(value) -> str:
    """Pounds and pence, for a rate such as pounds per hour: 4.286 -> '£4.29'."""
    if missing(value):
        return NO_DATA
    number = half_up(value, 2) + 0
    return f"-£{-number:,.2f}" if number < 0 else f"£{number:,.2f}"


def ratio(value) -> str:
    """A ratio such as the representation ratio (1 is even), two decimals: 0.8 -> '0.80'."""
    if missing(value):
        return NO_DATA
    return f"{half_up(value, 2) + 0:,.2f}"


def hours(value) -> str:
    """Hours, whole: '1,234'."""
    return count(value)


def days(value) -> str:
    """Days, whole: '29 days', '1 day'."""
    return NO_DATA if missing(value) else plural(half_up(value, 0), "day")


def figure(value, kind: str, k: int) -> str:
    """A figure of any kind as shown: '83%', '3.6', '£90', '+1.0', '1,234', '12 days', or
    'fewer than k' when suppressed and 'no data' when missing."""
    if is_suppressed(value):
        return hidden(k)
    if missing(value):
        return NO_DATA
    return {"share": share, "mean": mean, "change": signed, "gain": signed, "money": money, "hours": hours,
            "days": days, "score": count, "rate": rate, "ratio": ratio}.get(kind, count)(value)


def difference(now, before, kind: str) -> Decimal | None:
    """Now minus before, of the figures as shown; None when either is missing or suppressed."""
    a, b = rounded(now, kind), rounded(before, kind)
    return None if a is None or b is None else a - b + 0


def change_text(diff: Decimal, kind: str) -> str:
    """A difference of shown figures as words: '+7 points', '-0.5', '+£30', '+1,200', 'no change'."""
    if diff == 0:
        return NO_CHANGE
    if kind == "share":
        return f"{signed_number(diff)} point{'' if abs(diff) == 1 else 's'}"
    if kind == "money":
        return f"{'+' if diff > 0 else '-'}£{abs(diff):,}"
    if kind == "rate":
        return f"{'+' if diff > 0 else '-'}£{abs(diff):,.2f}"
    return signed_number(diff)


def signed_number(number: Decimal) -> str:
    """An already rounded number with its sign and thousands separators: '+1,200', '-0.5'."""
    return f"+{_number(number)}" if number > 0 else _number(number)


def change(now, before, kind: str) -> str | None:
    """The change between two figures, in the figure's unit, as shown; None when not comparable."""
    diff = difference(now, before, kind)
    return None if diff is None else change_text(diff, kind)


def plural(n, word: str, plural_word: str | None = None) -> str:
    """'1 session', '3 sessions', '1,234 young people' (with `plural_word`)."""
    many = plural_word if plural_word is not None else f"{word}s"
    return f"{count(n)} {word if n == 1 else many}"


def noun(n, word: str, plural_word: str | None = None) -> str:
    """Just the word for n things: 'session' or 'sessions'."""
    return word if n == 1 else (plural_word if plural_word is not None else f"{word}s")


def day(when: date, short: bool = False) -> str:
    """'1 September 2025' ('1 Sep 2025' when short)."""
    return f"{when.day} {when:%b %Y}" if short else f"{when.day} {when:%B %Y}"


def month(when: date, short: bool = False) -> str:
    """'March 2024' ('Mar 2024' when short)."""
    return f"{when:%b %Y}" if short else f"{when:%B %Y}"


def clock(when: datetime) -> str:
    """The time of day on a 24-hour clock: '14:05'."""
    return f"{when:%H:%M}"


def interval(centre, half_width, places: int = 1) -> str:
    """A range around a change, each end with its sign: '-0.4 to +2.4'."""
    return f"{signed(centre - half_width, places)} to {signed(centre + half_width, places)}"


def date_range(start: date, end: date, short: bool = False) -> str:
    """'1 September 2025 to 31 August 2026'."""
    return f"{day(start, short)} to {day(end, short)}"


def megabytes(size_bytes: float) -> str:
    """A file size in MB of 1,048,576 bytes: '12.5 MB'."""
    return f"{mean(size_bytes / (1024 * 1024))} MB"
