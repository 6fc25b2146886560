"""Figures of the attendance summary worked out month by month, each month's kept in the store
while the month's summary rows stay unchanged (docs/decisions.md, "Figures kept by month").

A query that reads summary rows and groups them by month (every row of its result belongs to one
month, and each month's rows depend only on that month's summary rows) gives the same rows for a
period as the rows of each month's part of it put together. So each month's rows are kept
(models.tables.MonthFigure) with the number of changes the summary's triggers had counted for
that month when they were read (models.tables.SummaryMonthChange), and read again only where that
number has moved. After new attendance only its month is read again, not the whole year.

The figure is named by a hash of the whole query, its period and parameters included: a figure
kept for one period or filter is never taken for another.
"""

import hashlib
import json
import logging
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Select, delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from measures.filters import Period
from models.clock import utcnow
from models.db import BUSY_TIMEOUT_MS
from models.tables import MonthFigure, SummaryMonthChange

F, C = MonthFigure.__table__, SummaryMonthChange.__table__
KEPT_DAYS = 40  # figures worked out longer ago are deleted when others are kept
WAIT_MS = 100  # how long keeping figures waits for another writer before giving up on it

log = logging.getLogger(__name__)


def rows_by_month(engine, period: Period, query_for: Callable[[Period], Select]) -> list[dict]:
    """The rows of `query_for(period)`: a query over the summary whose rows each carry their
    month's first day as `month` (a date) and depend on that month's summary rows only. Months
    whose kept rows are still current are read from the store; the others from the summary, in one
    query per run of consecutive months, and kept. Plain reading when `engine` is not an Engine
    (one connection lent by a caller, as a copy's checks do: nothing is written there)."""
    whole = query_for(period)
    if not isinstance(engine, Engine):
        with engine.connect() as conn:
            return [{**row, "month": _day(row["month"])} for row in conn.execute(whole).mappings()]
    key = figure_key(whole, engine)
    windows = month_windows(period)
    first, last = windows[0].start.replace(day=1), windows[-1].start.replace(day=1)
    rows, fresh = [], {}
    with engine.connect() as conn:
        # The counts first: rows read after them are at least as new, so a figure is never kept
        # under a count newer than its rows (at worst it is read again next time).
        changes = dict(conn.execute(select(C.c.month, C.c.changes).where(C.c.month.between(first, last))).all())
        kept = {month: (counted, payload) for month, counted, payload in conn.execute(
            select(F.c.month, F.c.changes, F.c.payload).where(F.c.figure == key, F.c.month.between(first, last)))}
        stale = []
        for window in windows:
            month = window.start.replace(day=1)
            held = kept.get(month)
            if held is not None and held[0] == changes.get(month, 0):
                rows.extend(_loaded(held[1]))
            else:
                stale.append(window)
        for run in _runs(stale):
            found = [dict(row) for row in conn.execute(query_for(Period(run[0].start, run[-1].end))).mappings()]
            for window in run:
                fresh[window.start.replace(day=1)] = []
            for row in found:
                row["month"] = _day(row["month"])
                fresh[row["month"]].append(row)
            rows.extend(found)
    if fresh:
        _keep(engine, key, {month: (changes.get(month, 0), found) for month, found in fresh.items()})
    return rows


def month_windows(period: Period) -> list[Period]:
    """Each month's part of `period`, in order."""
    windows, first = [], period.start.replace(day=1)
    while first <= period.end:
        following = (first + timedelta(days=32)).replace(day=1)
        windows.append(Period(max(first, period.start), min(following - timedelta(days=1), period.end)))
        first = following
    return windows


def figure_key(query: Select, engine: Engine) -> str:
    """A figure's name: the hash of its SQL and parameters, as this database runs them."""
    compiled = query.compile(dialect=engine.dialect)
    text = f"{engine.dialect.name}\n{compiled}\n{sorted(compiled.params.items())!r}"
    return hashlib.sha256(text.encode()).hexdigest()


def _runs(windows: list[Period]) -> list[list[Period]]:
    """Consecutive windows together."""
    runs = []
    for window in windows:
        if runs and runs[-1][-1].end + timedelta(days=1) == window.start:
            runs[-1].append(window)
        else:
            runs.append([window])
    return runs


def _day(value) -> date:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"cannot keep a {type(value).__name__} in a month's figure")


def _loaded(payload: str) -> list[dict]:
    rows = json.loads(payload)
    for row in rows:
        row["month"] = _day(row["month"])
    return rows


def _keep(engine: Engine, key: str, months: dict[date, tuple[int, list[dict]]]) -> None:
    """Keep the months' rows, with the counts they were read at; old figures go. Only if the store
    takes a write at once: another writer (an import) is never waited for, and a figure not kept
    is worked out again next time."""
    today = utcnow().date()
    try:
        with engine.begin() as conn, _short_wait(conn):
            conn.execute(delete(F).where(F.c.figure == key, F.c.month.in_(sorted(months))))
            conn.execute(delete(F).where(F.c.computed_on < today - timedelta(days=KEPT_DAYS)))
            conn.execute(insert(F), [{"figure": key, "month": month, "changes": counted, "computed_on": today,
                                      "payload": json.dumps(found, default=_plain)}
                                     for month, (counted, found) in sorted(months.items())])
    except DBAPIError as problem:
        log.info("Figures by month not kept (%s); they are worked out again next time.",
                 str(problem.orig).splitlines()[0] if problem.orig else problem)


@contextmanager
def _short_wait(conn):
    """While the block runs, this connection waits at most WAIT_MS for another writer's lock."""
    sqlite = conn.dialect.name == "sqlite"
    conn.exec_driver_sql(f"PRAGMA busy_timeout={WAIT_MS}" if sqlite else f"SET LOCAL lock_timeout = '{WAIT_MS}ms'")
    try:
        yield conn
    finally:
        if sqlite:  # the connection goes back to the pool: as it came
            conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
