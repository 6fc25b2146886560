"""The engagement figures of a period from one reading of its young people's attendance.

Counted by first records (`measures.first_records`), young people add up across any split of the
records: each young person's first record of the period (or of a month, or in a mode) lies in
exactly one month and one mode. So one query grouped by month and mode holds what the period's
figures, the figures per mode, per month, and per month and mode add up from, and the engagement
measures take them from it instead of reading the period again for each (docs/decisions.md, 24).

Only for filters that keep every record of each young person they keep (`first_records.by_rows`);
with a session filter the measures count young people one by one, as before.
"""

import pandas as pd
from sqlalchemy import case, func, select

from measures.filters import Filters, Period
from measures.first_records import count_where, first_from, first_in_month
from measures.kept_by_month import rows_by_month
from measures.scope import Y, young_people_attendance
from measures.sql import month_start

# The grid's columns after month and mode. In each pair of young people's counts, `_any` counts a
# young person once in the whole period (or month) and `_in_mode` once per mode.
PEOPLE = ("active_any", "expected_people_any", "came_back_any", "active_in_mode", "expected_people_in_mode",
          "came_back_in_mode", "active_in_month", "expected_people_in_month", "active_in_month_and_mode")
RECORDS = ("expected", "attended", "hours", "paid", "paid_records", "expenses")


def engagement_grid(engine, period: Period, filters: Filters) -> pd.DataFrame:
    """Per month ('YYYY-MM') and mode with records: the young people's counts of `PEOPLE` (first
    records) and the records' sums of `RECORDS` (records expected and attended; hours, pounds paid,
    records paid and expenses of attended records). Each month's rows are kept in the store while
    its records stay the same (`measures.kept_by_month`)."""
    rows = rows_by_month(engine, period, lambda window: _grid_query(period, filters, window))
    grid = pd.DataFrame(rows, columns=["month", "mode", *PEOPLE, *RECORDS])
    grid = grid.sort_values(["month", "mode"], ignore_index=True)
    grid["month"] = grid["month"].map(lambda day: day.strftime("%Y-%m"))
    for column in (*PEOPLE, "expected", "attended", "paid_records"):
        grid[column] = grid[column].astype("int64")
    for column in ("hours", "paid", "expenses"):
        grid[column] = grid[column].astype("float64")
    return grid


def _grid_query(period: Period, filters: Filters, window: Period):
    """The grid's query over the records of `window` (a part of `period`), grouped by the month's
    first day, which PostgreSQL works out faster than the month's name."""
    joined, where = young_people_attendance(window, filters)
    attended = Y.c.attended.is_(True)
    start, before = period.start, period.previous()
    month = month_start(Y.c.date).label("month")

    def when_came(value):
        return func.coalesce(func.sum(value).filter(attended), 0)
    return select(
        month, Y.c.mode,
        count_where(attended & first_from(Y.c.previous_attended_on, start)).label("active_any"),
        count_where(first_from(Y.c.previous_on, start)).label("expected_people_any"),
        count_where(attended & Y.c.previous_attended_on.between(before.start, before.end)).label("came_back_any"),
        count_where(attended & first_from(Y.c.previous_attended_in_mode_on, start)).label("active_in_mode"),
        count_where(first_from(Y.c.previous_in_mode_on, start)).label("expected_people_in_mode"),
        count_where(attended & Y.c.previous_attended_in_mode_on.between(before.start, before.end))
        .label("came_back_in_mode"),
        count_where(attended & first_in_month(Y.c.previous_attended_on, Y.c.date, start)).label("active_in_month"),
        count_where(first_in_month(Y.c.previous_on, Y.c.date, start)).label("expected_people_in_month"),
        count_where(attended & first_in_month(Y.c.previous_attended_in_mode_on, Y.c.date, start))
        .label("active_in_month_and_mode"),
        func.count().label("expected"),
        count_where(attended).label("attended"),
        when_came(Y.c.duration_hours).label("hours"),
        when_came(Y.c.paid_gbp).label("paid"),
        when_came(case((Y.c.paid_gbp > 0, 1), else_=0)).label("paid_records"),
        when_came(Y.c.expenses_gbp).label("expenses"),
    ).select_from(joined).where(where).group_by(month, Y.c.mode)
