"""A session's live results for the room: answers so far and, once at least k young people
have answered, the young people's and the staff's average for each principle, side by side.
Refreshes every few seconds; the averages are protected figures (one decimal)."""

import pandas as pd
import streamlit as st

from charts import principles as charts
from components.cached_charts import built
from components.chart_panel import show_chart
from data.rating_links.results import session_results
from measures import formatting

REFRESH = "5s"
KINDS = {"Principle": "label", "Young people": "mean", "Staff": "mean"}


def _numbers(means: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Principle": means["principle"], "Young people": means["young_people"],
                         "Staff": means["staff"]})


@st.fragment(run_every=REFRESH)
def live_results(engine, session_code: str, k: int) -> None:
    results = session_results(engine, session_code, k)
    st.metric("Answers so far", formatting.count(results.answers), border=True)
    if results.needed:
        st.info(f"{formatting.plural(results.needed, 'more answer')} needed before the results show: they show "
                f"once {formatting.plural(k, 'young person', 'young people')} have answered, so nobody's answers "
                "can be picked out.", icon=":material/hourglass_top:")
        return
    rows = results.means.rename(columns={"principle": "principle_name", "young_people": "young_people_mean",
                                         "staff": "staff_mean"})
    show_chart(built(charts.side_by_side, rows, k), _numbers(results.means),
               title="How young people and staff rated this session", alt_text=charts.side_by_side_alt(rows, k),
               key="session-results", kinds=KINDS, k=k, protected=True)
