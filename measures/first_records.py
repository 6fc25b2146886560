"""Counting different young people as rows of the attendance summary.

Each summary row carries the date of the same young person's previous record (of any record or of
an attended one, in any mode or in its own mode: models.tables.YoungPeopleAttendance). Within a
period, exactly one of a young person's records has its previous date before the period's start
(or none): the first. So "how many different young people" is a count of first records, which a
database works out in one pass with no sorting or hashing of young people, and "came back" is a
count of first records whose previous attended date falls in the period before
(docs/decisions.md, "The previous record's date").

This holds for the whole organisation and for a participant group (a young person is in a group
or not, with all their records). With a session filter (programme, activity type, mode) the
previous record may be one the filter leaves out, so the measures count different young people
the usual way then (`by_rows`).
"""

from datetime import date

from sqlalchemy import func, or_

from measures.filters import Filters
from measures.sql import month_start


def by_rows(filters: Filters) -> bool:
    """True when the filters keep every record of each young person they keep (no session filter)."""
    return not (filters.programmes or filters.activity_types or filters.modes)


def by_programme_rows(filters: Filters) -> bool:
    """True when the filters keep, for each young person, every record in each programme they keep
    (no activity type or mode filter): counts within a programme then go by the previous date in
    the same programme."""
    return not (filters.activity_types or filters.modes)


def first_from(previous, start: date):
    """The row is its young person's first (in the sense of the `previous` date column) on or after `start`."""
    return or_(previous.is_(None), previous < start)


def first_in_month(previous, day, start: date):
    """The row is its young person's first in its month (of `day`), counting from `start` (the period's)."""
    return or_(previous.is_(None), previous < start, previous < month_start(day))


def count_where(condition):
    """How many rows meet `condition`: different young people when it picks first records."""
    return func.count().filter(condition)
