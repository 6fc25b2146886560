"""Period presets for the filters (pure date arithmetic, no Streamlit)."""

from datetime import date, timedelta

from sqlalchemy import func, select

from measures.filters import Period
from measures.scope import S

PRESETS = {
    "last_month": "Last month",
    "last_quarter": "Last quarter",
    "last_12_months": "Last 12 months",
    "all": "All time",
    "custom": "Custom dates",
}


def _month_start(day: date, back: int = 0) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def preset_period(name: str, today: date, first_day: date | None = None) -> Period:
    """The complete month / quarter / 12 months before `today`, or everything since `first_day`."""
    this_month = _month_start(today)
    if name == "last_month":
        return Period(_month_start(today, 1), this_month - timedelta(days=1))
    if name == "last_quarter":
        quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return Period(_month_start(quarter_start, 3), quarter_start - timedelta(days=1))
    if name == "last_12_months":
        return Period(_month_start(today, 12), this_month - timedelta(days=1))
    if name == "all":
        return Period(min(first_day or today, today), today)
    raise ValueError(f"unknown period preset '{name}'")


def first_session_day(engine) -> date | None:
    with engine.connect() as conn:
        return conn.execute(select(func.min(S.c.date))).scalar()
