"""Choices that make taking a snapshot quick: the usual periods and a name from the meeting date."""

from datetime import date

from measures.filters import Period
from measures.formatting import day
from measures.periods import preset_period

PERIOD_CHOICES = {
    "last_quarter": "Last full quarter",
    "last_month": "Last full month",
    "last_12_months": "Last 12 full months",
    "custom": "Custom dates",
}


def period_for(choice: str, today: date, start: date | None = None, end: date | None = None) -> Period:
    """The period of a choice; for "custom", `start` to `end` (ValueError if end is before start)."""
    if choice == "custom":
        if start is None or end is None:
            raise ValueError("Choose both dates of the period.")
        if end < start:
            raise ValueError(f"The period ends ({day(end)}) before it starts ({day(start)}).")
        return Period(start, end)
    return preset_period(choice, today)


def default_name(meeting: date, taken: set[str]) -> str:
    """'Board meeting 15 April 2024', with ' (2)', ' (3)' ... when that name is taken already."""
    name = f"Board meeting {day(meeting)}"
    number = 2
    candidate = name
    while candidate in taken:
        candidate = f"{name} ({number})"
        number += 1
    return candidate

