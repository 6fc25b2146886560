"""Every figure the overview page shows, computed side by side: the measures object of this
period and of the one before, and the two monthly charts."""

from measures.engagement import monthly_engagement, sessions_by_month
from measures.filters import Filters, Period
from measures.report import assemble, part_calls
from measures.side_by_side import side_by_side


def overview_page_figures(engine, period: Period, filters: Filters, k: int, comparable: bool) -> dict:
    """`now` and `before` (None when `comparable` is false): the measures objects of
    `measures.report.figures`; `monthly` and `sessions`: the frames of the two charts."""
    calls = {"monthly": (monthly_engagement, engine, period, filters, k), **part_calls(engine, period, filters, k)}
    if comparable:
        calls |= part_calls(engine, period.previous(), filters, k, prefix="before.")
    calls["sessions"] = (sessions_by_month, engine, period, filters, "mode")
    parts = side_by_side(calls)
    return {"now": assemble(engine, period, k, parts),
            "before": assemble(engine, period.previous(), k, parts, prefix="before.") if comparable else None,
            "monthly": parts["monthly"], "sessions": parts["sessions"]}
