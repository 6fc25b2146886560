"""Every figure the engagement page shows, computed side by side (the page's queries are
independent, and most of its cold time is waiting on them); its key figures, each with its
definition (`measures.definitions`), and its mode table written out (`measures.formatting`)."""

from typing import Any, NamedTuple

from measures import formatting
from measures.definitions import definition
from measures.engagement import (
    active_by_month_and_mode, engagement_by_mode, engagement_figures, sessions_by_month_and_mode, stage_grid,
)
from measures.filters import Filters, Period
from measures.parallel import run_side_by_side
from measures.reach import reach_by_group
from measures.suppression import is_suppressed


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
    figures = run_side_by_side(calls)
    return {**figures, "before": figures.get("before")}


class KeyFigure(NamedTuple):
    """One key figure as a page shows it: this period's value, the period before's (None: nothing
    to compare with), its kind (`measures.formatting.figure`) and its definition."""
    label: str
    now: Any
    before: Any
    kind: str
    help: str
    higher_is_better: bool = True


# (key in the engagement figures, label, kind) in the order the page shows them.
FIGURES = (
    ("active_young_people", "Young people", "count"),
    ("sessions_held", "Sessions held", "count"),
    ("attendance_rate", "Attendance", "share"),
    ("returning_share", "Came back", "share"),
    ("involvement_hours", "Involvement hours", "hours"),
    ("youth_led_share", "Youth-led sessions", "share"),
)
HIDDEN = "hidden"  # in the mode table, for a suppressed figure
# The kind of every column of each chart's table, for its protected CSV (measures.protected_frames).
PEOPLE_KINDS = {"month": "label", "mode": "label", "young_people": "count", "suppressed": "label"}
SESSION_KINDS = {"month": "label", "mode": "label", "sessions": "exact"}


def comparable_figures(figures: dict, comparable: bool) -> dict:
    """`figures` as shown: nobody can have come back from a period with no records at all, so
    without a period to compare with, 'came back' is missing."""
    return figures if comparable else {**figures, "returning_share": None}


def key_figures(now: dict, before: dict | None) -> list[KeyFigure]:
    """The page's key figures, each defined by `measures.definitions`."""
    before = before or {}
    return [KeyFigure(label, now[key], before.get(key), kind, definition(key)) for key, label, kind in FIGURES]


def mode_rows(by_mode: dict, k: int, comparable: bool, mode_name=str) -> list[dict]:
    """One row per mode (named by `mode_name`) of the key figures as text; HIDDEN where a figure
    is suppressed."""
    def shown(value, kind: str) -> str:
        return HIDDEN if is_suppressed(value) else formatting.figure(value, kind, k)
    return [{"Mode": mode_name(mode), **{label: shown(comparable_figures(figures, comparable)[key], kind)
                                         for key, label, kind in FIGURES}}
            for mode, figures in by_mode.items()]


def hidden_bars_note(hidden: int, k: int) -> str | None:
    """Why the young people's chart leaves `hidden` bars out (None when it leaves none out)."""
    if not hidden:
        return None
    return (f"{formatting.plural(hidden, 'bar')} {'is' if hidden == 1 else 'are'} left out (a gap is not always a "
            f"zero): a bar is hidden when {formatting.hidden(k)} young people stand behind it, or when it would let "
            "a hidden one be worked out from the month's total. 'Show the numbers' lists them; the sessions chart "
            "below has every month.")
