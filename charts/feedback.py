"""The feedback loop as a chart (pure builder)."""

import altair as alt
import pandas as pd

from charts.base import Said, check_marks, dated, described, field, whole
from charts.palette import OKABE_ITO

SERIES = {"raised": "Raised", "told_back_within_30_days": "Told back within 30 days"}


def raised_and_told_back(monthly: pd.DataFrame) -> alt.Chart:
    """Bars for items raised each month, a dot for those told back within 30 days: two mark
    shapes as well as two colours, so colour is never the only cue."""
    long = monthly.melt("month", list(SERIES), var_name="series", value_name="items")
    long["series"] = long["series"].map(SERIES)
    check_marks(long)
    x = alt.X("yearmonth(month):T", title="Month raised", axis=alt.Axis(format="%b %Y", labelAngle=0))
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=list(SERIES.values()),
                                                              range=[OKABE_ITO[0], OKABE_ITO[1]]),
                       legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip("month:T", format="%B %Y", title="Month"), alt.Tooltip("series:N", title="What"),
               alt.Tooltip("items:Q", title="Items")]
    base = alt.Chart(long).encode(x, alt.Y("items:Q", title="Items"), colour, tooltip=tooltip)
    said = described(dated("month", "%B %Y"), ": ", whole("items"), " ", Said(f"lower({field('series')})"))
    bars = base.transform_filter(alt.datum.series == SERIES["raised"]).mark_bar(opacity=0.8, description=said)
    dots = (base.transform_filter(alt.datum.series == SERIES["told_back_within_30_days"])
            .mark_point(shape="circle", size=70, filled=True, stroke="white", description=said))
    return alt.layer(bars, dots).properties(height=260)
