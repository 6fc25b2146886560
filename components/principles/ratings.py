"""The principles page's ratings: how well each principle is kept as young people and staff see
it, how often it is rated 4 or 5, each month or quarter, and by programme.

A protected audience sees every figure, in the charts, their words and their tables, from
protected frames; the admin sees the exact ones. Either way the CSV holds the protected figures
(docs/disclosure.md). In easy read each chart has a one-line summary made from the frame it is
drawn from, so it says no hidden figure either."""

import pandas as pd
import streamlit as st

from charts import principles as charts
from components import cached_measures as cached
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figure_page import FigurePage
from measures import easy_read as easy_words
from measures.principles import programme_principle_cells, rating_trend
from measures.principles_page import (
    CELL_KINDS, PRINCIPLE_KINDS, SHARE_KINDS, cell_numbers, framework_choice, heatmap_note, principle_numbers,
    share_note, share_numbers, side_by_side_note, trend_kinds, trend_note, trend_numbers,
)
from measures.protected_principles import protect_principle_table, protect_programme_cells, protect_rating_trend


def principles_section(table: pd.DataFrame, page: FigurePage, unit: str, easy: bool = False) -> None:
    """`table` as `measures.principles.principle_table` gives it; `unit`: month or quarter."""
    st.header("How well we keep our principles", anchor=False)
    st.markdown(easy_words.PRINCIPLES_ABOUT if easy else
                "After a session, young people and staff can each rate how well it kept each principle, "
                "from 1 (not at all) to 5 (completely). Putting their ratings side by side shows the "
                "**perception gap**: staff often believe they share power more than young people feel they do.")
    framework = _choose_framework(table, easy)
    rows = table[table["framework"] == framework]
    rated_exact = rows[rows["has_ratings"]].reset_index(drop=True)
    rated_safe = protect_principle_table(rated_exact, page.k)
    rated = rated_safe if page.protected else rated_exact
    if rated.empty:
        st.info(easy_words.NOBODY_RATED if easy else
                "Nobody rated these principles in this period. Choose a longer period or other programmes "
                "in the sidebar, or another set of principles in the list above.")
        return
    k, protected = page.k, page.protected
    unrated = list(rows.loc[~rows["has_ratings"], "principle_name"])
    show_chart(built(charts.side_by_side, rated, k), principle_numbers(rated, k),
               title="Young people and staff, side by side", alt_text=charts.side_by_side_alt(rated, k),
               note=(easy_words.side_by_side_note if easy else side_by_side_note)(unrated),  # show_chart escapes it
               key="side-by-side", kinds=PRINCIPLE_KINDS, k=k, protected=protected,
               export_data=principle_numbers(rated_safe, k),
               summary=easy_words.ratings_summary(rated) if easy else None)
    high = charts.share_high(rated)
    show_chart(built(charts.share_high_chart, high, list(rated["principle_name"])), share_numbers(high),
               title="How often each principle was rated 4 or 5", alt_text=charts.share_high_alt(high),
               note=(easy_words.share_note if easy else share_note)(k), key="share-4-5", kinds=SHARE_KINDS, k=k,
               protected=protected, export_data=share_numbers(charts.share_high(rated_safe)),
               summary=easy_words.share_summary(rated) if easy else None)
    _trend(page, framework, unit, easy)
    _by_programme(page, framework, list(rated["principle_name"]), easy)


def _choose_framework(table: pd.DataFrame, easy: bool) -> str:
    """The list of principles to show (in the URL); by default the first one rated in the period."""
    codes, names, first = framework_choice(table)
    return st.selectbox("Principles", codes, index=first, format_func=names.get, key="framework",
                        bind="query-params",
                        help=easy_words.FRAMEWORK_HELP if easy else
                        "The Voice and Influence Charter, the three core principles, the Lundy model, or "
                        "a list of your organisation's own.")


def _trend(page: FigurePage, framework: str, unit: str, easy: bool) -> None:
    k = page.k
    trend_exact = cached.measure(rating_trend, page.period, page.filters, k, framework, unit)
    trend_safe = protect_rating_trend(trend_exact, k)
    trend = trend_safe if page.protected else trend_exact
    points = charts.trend_points(trend)
    show_chart(built(charts.trend_chart, points, unit), trend_numbers(trend, k, unit, charts.RATERS),
               title=f"Ratings each {unit}, young people and staff", alt_text=charts.trend_alt(points, unit),
               note=(easy_words.trend_note if easy else trend_note)(k, unit), key="trend", kinds=trend_kinds(unit),
               k=k, protected=page.protected, export_data=trend_numbers(trend_safe, k, unit, charts.RATERS),
               summary=easy_words.trend_summary(trend, unit) if easy else None)


def _by_programme(page: FigurePage, framework: str, order: list[str], easy: bool) -> None:
    """`order`: the principles in the order of the charts above."""
    k = page.k
    # Fuller secondary suppression for what a protected audience sees, and for every CSV.
    cells_exact, cells_full = cached.measure(programme_principle_cells, page.period, page.filters, k, framework)
    cells_safe = protect_programme_cells(cells_full, k)
    cells = cells_safe if page.protected else cells_exact
    squares = charts.heatmap_cells(cells)
    principles = [p for p in order if p in set(cells["principle_name"])]
    show_chart(built(charts.heatmap, squares, list(dict.fromkeys(cells["programme"])), principles),
               cell_numbers(cells, k), title="Ratings by programme and principle",
               alt_text=charts.heatmap_alt(squares),
               note=easy_words.heatmap_note(k) if easy else heatmap_note(k, charts.written(squares)),
               key="heatmap", kinds=CELL_KINDS, k=k, protected=page.protected, export_data=cell_numbers(cells_safe, k),
               summary=easy_words.heatmap_summary(cells) if easy else None)
