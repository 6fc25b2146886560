"""Every figure the engagement page shows, computed side by side (the page's queries are
independent, and most of its cold time is waiting on them); its key figures, each with its
definition (`measures.definitions`), and its mode and resourcing tables written out
(`measures.formatting`)."""

from typing import Any, NamedTuple

from measures import formatting
from measures.definitions import definition
from measures.engagement import (
    active_by_month_and_mode, engagement_and_remuneration, engagement_by_mode, sessions_by_month_and_mode, stage_grid,
)
from measures.engagement_grid import engagement_grid
from measures.filters import Filters, Period
from measures.first_records import by_rows
from measures.parallel import run_side_by_side
from measures.protected_figures import protected_remuneration
from measures.reach import reach_by_group
from measures.resourcing import protected_resourcing, resourcing_by_programme
from measures.suppression import is_suppressed


def engagement_page_figures(engine, period: Period, filters: Filters, k: int, comparable: bool,
                            protected: bool = False) -> dict:
    """`now` and (when `comparable`) `before`: the key figures of this period and of the one
    before; `remuneration` and `remuneration_before`: what young people were paid, likewise;
    `people_by_month`, `sessions_by_month`, `by_mode`, `stages`, `reach`, `resourcing` (by
    programme): the page's charts and tables. `before` and `remuneration_before` are None when
    there is nothing to compare with. With `protected`, the payments (the organisation's and by
    programme) as a protected audience sees them (docs/disclosure.md)."""
    from_grid = {"by_mode": engagement_by_mode, "now": engagement_and_remuneration,
                 "people_by_month": active_by_month_and_mode}
    calls = {
        "reach": (reach_by_group, engine, period, filters, k),
        "stages": (stage_grid, engine, period, filters, k),
        "resourcing": (resourcing_by_programme, engine, period, filters, k, protected),
        "sessions_by_month": (sessions_by_month_and_mode, engine, period, filters),
    }
    periods = {"now": period, **({"before": period.previous()} if comparable else {})}
    # One reading of each period gives its engagement figures when the filters allow
    # (`measures.engagement_grid`); else each figure reads the period itself, side by side.
    grids = by_rows(filters)
    if grids:
        calls |= {f"grid {name}": (engagement_grid, engine, p, filters) for name, p in periods.items()}
    else:
        calls |= {name: (function, engine, period, filters, k) for name, function in from_grid.items()}
        if comparable:
            calls["before"] = (engagement_and_remuneration, engine, period.previous(), filters, k)
    figures = run_side_by_side(calls)
    if grids:
        grid_now, grid_before = figures.pop("grid now"), figures.pop("grid before", None)
        figures |= {name: function(engine, period, filters, k, grid=grid_now) for name, function in from_grid.items()}
        if comparable:
            figures["before"] = engagement_and_remuneration(engine, period.previous(), filters, k, grid=grid_before)
    now, before = figures["now"], figures.get("before")
    by_programme = figures["resourcing"]
    return {**figures, "now": now[0], "before": before and before[0],
            "remuneration": _remuneration(now, k, protected),
            "remuneration_before": before and _remuneration(before, k, protected),
            "resourcing": protected_resourcing(by_programme, k) if protected else by_programme}


def _remuneration(parts: tuple, k: int, protected: bool) -> dict:
    """The remuneration figures of `engagement_and_remuneration`'s result, protected or not."""
    engagement, remuneration, counts = parts
    if not protected:
        return remuneration
    return protected_remuneration(remuneration, counts, engagement["involvement_hours"], k)


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


# (key in the remuneration figures, label, kind) of the resourcing figures, in the order shown.
RESOURCING_FIGURES = (
    ("paid_total_gbp", "Paid to young people", "money"),
    ("paid_per_hour_gbp", "Paid per hour", "rate"),
    ("paid_share", "Attendances paid", "share"),
    ("expenses_total_gbp", "Expenses", "money"),
)
RESOURCING_HELP = {
    "paid_per_hour_gbp": ("Paid per hour: what young people were paid for their time, divided by their involvement "
                          "hours (the hours of the sessions they came to). Expenses are not included."),
    "paid_share": "Attendances paid: of young people's attendances at sessions, the share they were paid for.",
    "expenses_total_gbp": ("Expenses: travel and other costs paid back to young people for the sessions they came "
                           "to, in pounds, apart from what they were paid for their time."),
}
# (column of `measures.resourcing.resourcing_by_programme`, heading, kind) of the programme table.
RESOURCING_COLUMNS = (
    ("young_people", "Young people", "count"),
    ("involvement_hours", "Hours", "hours"),
    ("paid_total_gbp", "Paid", "money"),
    ("paid_per_hour_gbp", "Paid per hour", "rate"),
    ("paid_share", "Attendances paid", "share"),
    ("expenses_total_gbp", "Expenses", "money"),
)


def resourcing_figures(now: dict, before: dict | None) -> list[KeyFigure]:
    """The organisation's payments to young people as key figures (remuneration figures of this
    period and of the one before, None when there is nothing to compare with)."""
    before = before or {}
    return [KeyFigure(label, now[key], before.get(key), kind, RESOURCING_HELP.get(key) or definition(key))
            for key, label, kind in RESOURCING_FIGURES]


def resourcing_rows(by_programme, k: int) -> list[dict]:
    """One row per programme (`measures.resourcing.resourcing_by_programme`) of its figures as
    text; HIDDEN where the programme is hidden."""
    return [{"Programme": row["programme_name"],
             **{label: HIDDEN if row["suppressed"] else formatting.figure(row[key], kind, k)
                for key, label, kind in RESOURCING_COLUMNS}}
            for row in by_programme.to_dict("records")]


def resourcing_note(hidden: int, k: int) -> str:
    """What the programme table adds up to, and why `hidden` programmes are hidden."""
    note = ("A young person who came to more than one programme counts in each; hours and pounds are parts of "
            "the organisation's figures above.")
    if not hidden:
        return note
    return (f"{note} {formatting.plural(hidden, 'programme')} {'is' if hidden == 1 else 'are'} '{HIDDEN}': "
            f"{formatting.hidden(k)} young people, or a programme that would let a hidden one be worked out from "
            "the organisation's figures.")
