"""Every figure the engagement page shows, computed side by side (the page's queries are
independent, and most of its cold time is waiting on them)."""

from measures.engagement import (
    active_by_month_and_mode, engagement_by_mode, engagement_figures, sessions_by_month_and_mode, stage_grid,
)
from measures.filters import Filters, Period
from measures.reach import reach_by_group
from measures.side_by_side import side_by_side


def engagement_page_figures(engine, period: Period, filters: Filters, k: int, comparable: bool) -> dict:
    """`now` and (when `comparable`) `before`: the key figures of this period and of the one
    before; `people_by_month`, `sessions_by_month`, `by_mode`, `stages`, `reach`: the page's
    charts and table. `before` is None when there is nothing to compare with."""
    calls = {
        "by_mode": (engagement_by_mode, engine, period, filters, k),
        "now": (engagement_figures, engine, period, filters, k),
        "reach": (reach_by_group, engine, period, filters, k),
        "people_by_month": (active_by_month_and_mode, engine, period, filters, k),
        "stages": (stage_grid, engine, period, filters),
        "sessions_by_month": (sessions_by_month_and_mode, engine, period, filters),
    }
    if comparable:
        calls["before"] = (engagement_figures, engine, period.previous(), filters, k)
    figures = side_by_side(calls)
    return {**figures, "before": figures.get("before")}
