"""Every figure the overview page shows, computed side by side: the measures object of this
period and of the one before, and the two monthly charts."""

from measures.engagement import MONTHLY_KINDS, monthly_engagement, sessions_by_month
from measures.filters import Filters, Period
from measures.report import assemble, part_calls
from measures.protected_figures import protected_figures, without_basis
from measures.protected_frames import protect_frame
from measures.side_by_side import side_by_side


def overview_page_figures(engine, period: Period, filters: Filters, k: int, comparable: bool,
                          protected: bool = False) -> dict:
    """`now` and `before` (None when `comparable` is false): the measures objects of
    `measures.report.figures`; `monthly` and `sessions`: the frames of the two charts. With
    `protected`, all of them as a protected audience sees them (docs/disclosure.md)."""
    calls = {"monthly": (monthly_engagement, engine, period, filters, k),
             **part_calls(engine, period, filters, k, full=protected)}
    if comparable:
        calls |= part_calls(engine, period.previous(), filters, k, prefix="before.", full=protected)
    calls["sessions"] = (sessions_by_month, engine, period, filters, "mode")
    parts = side_by_side(calls)
    now = assemble(engine, period, k, parts)
    before = assemble(engine, period.previous(), k, parts, prefix="before.") if comparable else None
    if not protected:  # the admin's working view; `now_protected` for what leaves the app
        return {"now": without_basis(now), "before": before and without_basis(before),
                "now_protected": protected_figures(now), "monthly": parts["monthly"], "sessions": parts["sessions"]}
    now = protected_figures(now)
    return {"now": now, "before": before and protected_figures(before), "now_protected": now,
            "monthly": protect_frame(parts["monthly"], MONTHLY_KINDS, k), "sessions": parts["sessions"]}

