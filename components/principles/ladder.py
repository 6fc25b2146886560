"""The principles page's ladder of co-production: where sessions sat on it, and how that changed.
Counts of sessions, not of young people: the same for every audience, and in easy read's summaries."""

import streamlit as st

from charts import ladder as ladder_charts
from components import cached_measures as cached
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figure_page import FigurePage
from components.figure_row import figure_row
from measures import easy_read as easy_words
from measures.definitions import definition
from measures.engagement import session_figures
from measures.engagement_page import KeyFigure
from measures.principles import ladder_over_time, ladder_rungs
from measures.principles_page import ladder_kinds, ladder_numbers


def ladder_section(page: FigurePage, unit: str, easy: bool = False) -> None:
    """`unit`: month or quarter; `easy`: in easy read."""
    st.header("The ladder of co-production", anchor=False)
    st.markdown(easy_words.LADDER_ABOUT if easy else
                'Each session sits on a rung of the ladder. "Doing to" and "doing for" are the organisation '
                'deciding; "doing with" is young people deciding together with staff. The aim is to climb the ladder.')
    sessions = cached.measure(session_figures, page.period, page.filters)
    rungs = cached.measure(ladder_rungs, page.period, page.filters)
    placed = int(rungs["sessions"].sum())
    figure_row([
        KeyFigure("'Doing with' sessions", sessions["doing_with_share"], None, "share",
                  easy_words.DOING_WITH_HELP if easy else definition("doing_with_share")),
        KeyFigure("Sessions on the ladder", placed, None, "count", easy_words.PLACED_HELP if easy else
                  "Sessions in the period that were given a rung of the ladder."),
        KeyFigure("Sessions not placed", sessions["sessions_held"] - placed, None, "count",
                  easy_words.NOT_PLACED_HELP if easy else
                  "Sessions in the period with no rung given: they are not in the charts below."),
    ], k=0)
    if not sessions["sessions_held"]:
        st.info(easy_words.NO_SESSIONS if easy else
                "No sessions in this period. Choose a longer period or other programmes in the sidebar.")
        return
    if not placed:
        st.info(easy_words.NONE_PLACED if easy else "No session in this period was placed on the ladder. Give "
                "sessions a rung when you record them to see them here.")
        return
    frame = ladder_charts.rung_frame(rungs)
    show_chart(built(ladder_charts.rungs_chart, frame),
               frame.rename(columns={"rung": "Rung", "group": "Group", "sessions": "Sessions"}),
               title="Where sessions sat on the ladder", alt_text=ladder_charts.rungs_alt(frame),
               note=easy_words.RUNGS_NOTE if easy else "The top rung at the top. Counts of sessions, not of young "
               "people.", key="ladder-rungs", kinds=ladder_kinds("Rung"), k=page.k, protected=page.protected,
               summary=easy_words.rungs_summary(rungs) if easy else None)
    groups = cached.measure(ladder_over_time, page.period, page.filters, unit)
    over_time = ladder_charts.over_time_frame(groups)
    show_chart(built(ladder_charts.over_time_chart, over_time, unit), ladder_numbers(over_time, unit),
               title=f"Doing to, doing for and doing with, each {unit}",
               alt_text=ladder_charts.over_time_alt(over_time, unit),
               note=easy_words.LADDER_TIME_NOTE if easy else
               "One row of bars for each group of the ladder, the top of the ladder first.",
               key="ladder-over-time", kinds=ladder_kinds(unit.capitalize()), k=page.k, protected=page.protected,
               summary=easy_words.ladder_time_summary(groups, unit) if easy else None)
