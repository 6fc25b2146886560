"""Principles and the ladder: how well the principles are kept, as young people and staff see it,
and where sessions sit on the ladder of co-production."""

import math
from datetime import date

import pandas as pd
import streamlit as st

from charts import ladder as ladder_charts
from charts import principles as charts
from components import cached_measures as cached
from components.audience import admin_note, page_audience, protected_note
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figures import formatted
from components.filters import sidebar_filters
from components.page_guard import page_entry
from components.store import current_engine, suppression_k
from measures.audiences import is_protected
from measures.engagement import session_figures
from measures.principles import (
    ladder_over_time, ladder_rungs, principle_table, programme_principle_means, rating_trend, time_unit,
)
from measures.protected_principles import protect_principle_table, protect_programme_cells, protect_rating_trend
from measures.suppression import is_suppressed

PAGE_ID = "principles"
# The tables under the charts hold figures written out as text ("3.8", "67%", "fewer than 5"). The
# CSV is the same table made from protected frames (measures.protected_principles), so its
# columns go out as they are; a new column still needs a kind here.
SHOWN = "label"
PRINCIPLE_NUMBERS = {"Principle": "label", "Ratings": SHOWN, "Average (everyone)": SHOWN, "Rated 4 or 5": SHOWN,
                     "Young people's average": SHOWN, "Staff average": SHOWN,
                     "Gap (staff minus young people)": SHOWN}
SHARE_NUMBERS = {"Principle": "label", "Ratings of 4 or 5": SHOWN}
CELL_NUMBERS = {"Programme": "label", "Principle": "label", "Ratings": SHOWN, "Average (everyone)": SHOWN,
                "Young people's average": SHOWN, "Staff average": SHOWN}


def trend_kinds(unit: str) -> dict:
    return {unit.capitalize(): "label", "Rated by": "label", "Average rating": SHOWN, "Rated 4 or 5": SHOWN}


def ladder_kinds(first: str) -> dict:
    return {first: "label", "Group": "label", "Sessions": "exact"}  # sessions, not young people


def render() -> None:
    audience = page_audience()
    protected = is_protected(audience)
    period, filters = sidebar_filters(current_engine(), audience=audience)
    k = suppression_k()
    unit = time_unit(period)
    st.title("Principles and the ladder", anchor=False)
    st.caption(f"{period.start:%-d %B %Y} to {period.end:%-d %B %Y}.")
    st.caption(protected_note(k) if protected else admin_note(k))
    _principles(cached.measure(principle_table, period, filters, k), period, filters, k, unit, protected)
    _ladder(period, filters, k, unit, protected)


# --- Principles ------------------------------------------------------------------------------

def _principles(table: pd.DataFrame, period, filters, k: int, unit: str, protected: bool) -> None:
    """`table` as `principle_table` gives it. A protected audience sees every figure, in the charts,
    their words and their tables, from protected frames; the admin sees the exact ones. Either
    way the CSV holds the protected figures."""
    st.header("How well we keep our principles", anchor=False)
    st.markdown("After a session, young people and staff can each rate how well it kept each principle, "
                "from 1 (not at all) to 5 (completely). Putting their ratings side by side shows the "
                "**perception gap**: staff often believe they share power more than young people feel they do.")
    framework = _choose_framework(table)
    rows = table[table["framework"] == framework]
    rated_exact = rows[rows["has_ratings"]].reset_index(drop=True)
    rated_safe = protect_principle_table(rated_exact, k)
    rated = rated_safe if protected else rated_exact
    if rated.empty:
        st.info("Nobody rated these principles in this period. Choose a longer period or other programmes "
                "in the sidebar, or another set of principles in the list above.")
        return
    unrated = list(rows.loc[~rows["has_ratings"], "principle_name"])  # show_chart escapes the note
    note = ("Circles are young people, diamonds are staff; the grey line between them is the gap. "
            "A principle without a circle had no young people's ratings, or too few to show.")
    if unrated:
        note += " Not rated in this period: " + "; ".join(unrated) + "."
    show_chart(built(charts.side_by_side, rated, k), _principle_numbers(rated, k),
               title="Young people and staff, side by side", alt_text=charts.side_by_side_alt(rated, k),
               note=note, key="side-by-side", kinds=PRINCIPLE_NUMBERS, k=k, protected=protected,
               export_data=_principle_numbers(rated_safe, k))

    high = charts.share_high(rated)
    order = list(rated["principle_name"])
    show_chart(built(charts.share_high_chart, high, order), _share_numbers(high),
               title="How often each principle was rated 4 or 5", alt_text=charts.share_high_alt(high),
               note="Everyone's ratings together, young people's and staff's. A principle is left out when "
                    f"fewer than {k} young people rated it.", key="share-4-5", kinds=SHARE_NUMBERS, k=k,
               protected=protected, export_data=_share_numbers(charts.share_high(rated_safe)))

    trend_exact = cached.measure(rating_trend, period, filters, k, framework, unit)
    trend_safe = protect_rating_trend(trend_exact, k)
    trend = trend_safe if protected else trend_exact
    points = charts.trend_points(trend)
    show_chart(built(charts.trend_chart, points, unit), _trend_numbers(trend, k, unit),
               title=f"Ratings each {unit}, young people and staff", alt_text=charts.trend_alt(points, unit),
               note=f"All the principles in this list together. A {unit} where fewer than {k} young people "
                    "rated has no young people's point.", key="trend", kinds=trend_kinds(unit), k=k,
               protected=protected, export_data=_trend_numbers(trend_safe, k, unit))

    # Fuller secondary suppression for what a protected audience sees, and for every CSV.
    cells_safe = protect_programme_cells(cached.measure(programme_principle_means, period, filters, k, framework,
                                                        True), k)
    cells = cells_safe if protected else cached.measure(programme_principle_means, period, filters, k, framework)
    squares = charts.heatmap_cells(cells)
    principles = [p for p in order if p in set(cells["principle_name"])]
    show_chart(built(charts.heatmap, squares, list(dict.fromkeys(cells["programme"])), principles),
               _cell_numbers(cells, k), title="Ratings by programme and principle",
               alt_text=charts.heatmap_alt(squares),
               note="Everyone's average rating, from 1 (dark) to 5 (light), written in each square. An empty square "
                    f"had no ratings, or fewer than {k} young people rated it (or it would give such a one away).",
               key="heatmap", kinds=CELL_NUMBERS, k=k, protected=protected,
               export_data=_cell_numbers(cells_safe, k))


def _choose_framework(table: pd.DataFrame) -> str:
    """The list of principles to show (in the URL); by default the first one rated in the period."""
    names = dict(zip(table["framework"], table["framework_name"], strict=True))
    rated = table.groupby("framework", sort=False)["has_ratings"].any()
    codes = list(names)
    default = next((code for code in codes if rated.get(code, False)), codes[0])
    return st.selectbox("Principles", codes, index=codes.index(default), format_func=names.get, key="framework",
                        bind="query-params",
                        help="The Voice and Influence Charter, the three core principles, the Lundy model, or "
                             "a list of your organisation's own.")


def _number(value, kind: str, k: int) -> str:
    if not is_suppressed(value) and value is not None and math.isnan(float(value)):
        value = None
    return formatted(value, kind, k)


def _gap(value, k: int) -> str:
    text = _number(value, "mean", k)
    return text if text in ("no data", f"fewer than {k}") else f"{value:+.1f}"


def _principle_numbers(rated: pd.DataFrame, k: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Principle": rated["principle_name"],
        "Ratings": [_number(v, "count", k) for v in rated["ratings"]],
        "Average (everyone)": [_number(v, "mean", k) for v in rated["mean"]],
        "Rated 4 or 5": [_number(v, "share", k) for v in rated["share_4_5"]],
        "Young people's average": [_number(v, "mean", k) for v in rated["young_people_mean"]],
        "Staff average": [_number(v, "mean", k) for v in rated["staff_mean"]],
        "Gap (staff minus young people)": [_gap(v, k) for v in rated["gap"]],
    })


def _share_numbers(high: pd.DataFrame) -> pd.DataFrame:
    return high[["principle_name", "label"]].rename(columns={"principle_name": "Principle",
                                                             "label": "Ratings of 4 or 5"})


def _when(start: str, unit: str) -> str:
    first = date.fromisoformat(start + "-01")
    return f"{first:%b %Y}" if unit == "month" else f"Q{(first.month - 1) // 3 + 1} {first.year}"


def _trend_numbers(trend: pd.DataFrame, k: int, unit: str) -> pd.DataFrame:
    hidden = trend["suppressed"]
    return pd.DataFrame({
        unit.capitalize(): [_when(s, unit) for s in trend["start"]],
        "Rated by": trend["rater_role"].map(charts.RATERS),
        "Average rating": [f"fewer than {k} young people" if h else _number(v, "mean", k)
                           for v, h in zip(trend["mean"], hidden, strict=True)],
        "Rated 4 or 5": [f"fewer than {k} young people" if h else _number(v, "share", k)
                         for v, h in zip(trend["share_4_5"], hidden, strict=True)],
    })


def _cell_numbers(cells: pd.DataFrame, k: int) -> pd.DataFrame:
    return pd.DataFrame({
        "Programme": cells["programme"],
        "Principle": cells["principle_name"],
        "Ratings": [_number(v, "count", k) for v in cells["ratings"]],
        "Average (everyone)": [_number(v, "mean", k) for v in cells["mean"]],
        "Young people's average": [_number(v, "mean", k) for v in cells["young_people_mean"]],
        "Staff average": [_number(v, "mean", k) for v in cells["staff_mean"]],
    })


# --- The ladder ------------------------------------------------------------------------------

def _ladder(period, filters, k: int, unit: str, protected: bool) -> None:
    """Counts of sessions, not of young people: the same for every audience."""
    st.header("The ladder of co-production", anchor=False)
    st.markdown('Each session sits on a rung of the ladder. "Doing to" and "doing for" are the organisation '
                'deciding; "doing with" is young people deciding together with staff. The aim is to climb the ladder.')
    sessions = cached.measure(session_figures, period, filters)
    rungs = cached.measure(ladder_rungs, period, filters)
    placed = int(rungs["sessions"].sum())
    cols = st.columns(3)
    with cols[0]:
        st.metric("'Doing with' sessions", formatted(sessions["doing_with_share"], "share", 0), border=True,
                  help="Sessions on the co-design or co-production rungs, out of those placed on the ladder.")
    with cols[1]:
        st.metric("Sessions on the ladder", f"{placed:,}", border=True,
                  help="Sessions in the period that were given a rung of the ladder.")
    with cols[2]:
        st.metric("Sessions not placed", f"{sessions['sessions_held'] - placed:,}", border=True,
                  help="Sessions in the period with no rung given: they are not in the charts below.")
    if not sessions["sessions_held"]:
        st.info("No sessions in this period. Choose a longer period or other programmes in the sidebar.")
        return
    if not placed:
        st.info("No session in this period was placed on the ladder. Give sessions a rung when you record "
                "them to see them here.")
        return
    frame = ladder_charts.rung_frame(rungs)
    show_chart(built(ladder_charts.rungs_chart, frame), frame.rename(columns={"rung": "Rung", "group": "Group",
                                                                       "sessions": "Sessions"}),
               title="Where sessions sat on the ladder", alt_text=ladder_charts.rungs_alt(frame),
               note="The top rung at the top. Counts of sessions, not of young people.", key="ladder-rungs",
               kinds=ladder_kinds("Rung"), k=k, protected=protected)
    over_time = ladder_charts.over_time_frame(cached.measure(ladder_over_time, period, filters, unit))
    table = pd.DataFrame({unit.capitalize(): [_when(s[:7], unit) for s in over_time["start"]],
                          "Group": over_time["group"], "Sessions": over_time["sessions"]})
    show_chart(built(ladder_charts.over_time_chart, over_time, unit), table,
               title=f"Doing to, doing for and doing with, each {unit}",
               alt_text=ladder_charts.over_time_alt(over_time, unit),
               note="One row of bars for each group of the ladder, the top of the ladder first.",
               key="ladder-over-time", kinds=ladder_kinds(unit.capitalize()), k=k, protected=protected)


page_entry(PAGE_ID, render)
