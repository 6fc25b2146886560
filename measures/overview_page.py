"""Every figure the overview page shows, computed side by side: the measures object of this
period and of the one before, and the two monthly charts; its key figures, each with its
definition (`measures.definitions`), and its texts, figures written by `measures.formatting`."""

from measures import formatting
from measures.definitions import definition
from measures.engagement import MONTHLY_KINDS, engagement_and_remuneration, monthly_engagement, sessions_by_month
from measures.engagement_grid import engagement_grid
from measures.engagement_page import KeyFigure, comparable_figures
from measures.filters import Filters, Period
from measures.first_records import by_rows
from measures.parallel import run_side_by_side
from measures.protected_figures import protected_figures, without_basis
from measures.protected_frames import protect_frame
from measures.report import assemble, part_calls

# (part of the measures object, key, label, kind) of the key figures, in the order shown.
FIGURES = (
    ("engagement", "active_young_people", "Young people", "count"),
    ("engagement", "returning_share", "Came back", "share"),
    ("engagement", "attendance_rate", "Attendance", "share"),
    ("engagement", "youth_led_share", "Youth-led sessions", "share"),
    ("engagement", "doing_with_share", "'Doing with' sessions", "share"),
    ("feedback", "told_back_share", "Feedback told back", "share"),
    ("feedback", "open_over_30_days", "Feedback overdue", "count"),
    ("remuneration", "paid_total_gbp", "Paid to young people", "money"),
)
LOWER_IS_BETTER = {"open_over_30_days"}


def overview_page_figures(engine, period: Period, filters: Filters, k: int, comparable: bool,
                          protected: bool = False) -> dict:
    """`now` and `before` (None when `comparable` is false): the measures objects of
    `measures.report.figures`, without what the page does not show (the skills' waiting counts;
    for `before`, all but what the page compares: `part_calls`); `monthly` and `sessions`: the
    frames of the two charts. With
    `protected`, all of them as a protected audience sees them (docs/disclosure.md)."""
    calls = {"monthly": (monthly_engagement, engine, period, filters, k),
             **part_calls(engine, period, filters, k, full=protected, depth_and_stages=False, waiting=False)}
    if comparable:
        calls |= part_calls(engine, period.previous(), filters, k, prefix="before.", full=protected,
                            compared_only=True)
    calls["sessions"] = (sessions_by_month, engine, period, filters, "mode")
    grids = by_rows(filters)
    if grids:  # one reading of each period for its engagement figures (`measures.engagement_grid`)
        periods = {"": period, **({"before.": period.previous()} if comparable else {})}
        for prefix in periods:
            del calls[prefix + "engagement"]
        del calls["monthly"]
        calls |= {prefix + "grid": (engagement_grid, engine, p, filters) for prefix, p in periods.items()}
    parts = run_side_by_side(calls)
    if grids:
        for prefix, p in periods.items():
            parts[prefix + "engagement"] = engagement_and_remuneration(engine, p, filters, k,
                                                                       grid=parts[prefix + "grid"])
        parts["monthly"] = monthly_engagement(engine, period, filters, k, grid=parts["grid"])
    now = assemble(engine, period, k, parts)
    before = assemble(engine, period.previous(), k, parts, prefix="before.") if comparable else None
    if not protected:  # the admin's working view; `now_protected` for what leaves the app
        return {"now": without_basis(now), "before": before and without_basis(before),
                "now_protected": protected_figures(now), "monthly": parts["monthly"], "sessions": parts["sessions"]}
    now = protected_figures(now)
    return {"now": now, "before": before and protected_figures(before), "now_protected": now,
            "monthly": protect_frame(parts["monthly"], MONTHLY_KINDS, k), "sessions": parts["sessions"]}



def empty_figures(like: dict) -> dict:
    """The same shape as `like` with every figure None: nothing to compare against."""
    if isinstance(like, dict):
        return {key: empty_figures(value) for key, value in like.items()}
    return None


def key_figures(now: dict, before: dict | None, k: int, comparable: bool) -> list[KeyFigure]:
    """The overview's key figures (measures objects as `overview_page_figures` gives them; `before`
    None when there is nothing to compare with), each with its definition and, for a share of
    sessions or of feedback, what it is a share of."""
    now = {**now, "engagement": comparable_figures(now["engagement"], comparable)}
    before = before or empty_figures(now)
    held = formatting.figure(now["engagement"]["sessions_held"], "count", k)
    raised = formatting.figure(now["feedback"]["raised"], "count", k)
    context = {"youth_led_share": f"Sessions held in this period: {held}.",
               "told_back_share": f"Items raised in this period: {raised}."}
    return [KeyFigure(label, now[part][key], before[part][key], kind,
                      " ".join(filter(None, [definition(key), context.get(key)])), key not in LOWER_IS_BETTER)
            for part, key, label, kind in FIGURES]


def health_figure(health: dict, before: dict | None) -> KeyFigure:
    """The health index (`measures.health.health_index`), out of 100, against the period before's."""
    return KeyFigure("Health index (out of 100)", health["value"], before and before["value"], "score",
                     definition("health_index"))


def thresholds_text(thresholds: dict) -> str:
    return (f"Green from {formatting.count(thresholds['green'])}, amber from {formatting.count(thresholds['amber'])}, "
            "red below. The dashed lines on the chart mark the same thresholds.")


def alerts_heading(found: list[str]) -> str:
    return f"**Where it is slipping** ({formatting.plural(len(found), 'alert')})"
