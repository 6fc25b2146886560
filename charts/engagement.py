"""Chart builders for engagement (pure: frames in, Altair charts out)."""

import altair as alt
import pandas as pd

from charts.base import check_marks
from charts.palette import PRIMARY, categorical_scale

MODE_LABELS = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"}


def _month_axis(title: str = "Month") -> alt.X:
    # A time unit makes each bar as wide as its month, however long the period.
    return alt.X("yearmonth(month):T", title=title, axis=alt.Axis(format="%b %Y", labelAngle=0))


def active_by_month(monthly: pd.DataFrame) -> alt.Chart:
    """Active young people per month; suppressed months are left out of the data entirely."""
    shown = check_marks(monthly.loc[~monthly["suppressed"], ["month", "active_young_people"]])
    return (alt.Chart(shown).mark_bar(color=PRIMARY)
            .encode(_month_axis(), alt.Y("active_young_people:Q", title="Young people who took part"),
                    tooltip=[alt.Tooltip("month:T", format="%B %Y", title="Month"),
                             alt.Tooltip("active_young_people:Q", title="Young people")])
            .properties(height=260))


def sessions_by_mode(sessions: pd.DataFrame) -> alt.Chart:
    """Sessions per month, one row per mode (labelled, so colour is never the only cue)."""
    data = sessions.assign(mode=sessions["mode"].map(MODE_LABELS).fillna(sessions["mode"]))
    check_marks(data)
    modes = [MODE_LABELS[m] for m in MODE_LABELS if MODE_LABELS[m] in set(data["mode"])]
    return (alt.Chart(data).mark_bar()
            .encode(_month_axis(), alt.Y("sessions:Q", title="Sessions"),
                    alt.Color("mode:N", title="Mode", scale=categorical_scale(modes), legend=None),
                    alt.Row("mode:N", title=None, sort=modes, header=alt.Header(labelAngle=0, labelAlign="left")),
                    tooltip=[alt.Tooltip("month:T", format="%B %Y", title="Month"),
                             alt.Tooltip("mode:N", title="Mode"), alt.Tooltip("sessions:Q", title="Sessions")])
            .properties(height=90, width=620))


def sessions_alt_text(sessions: pd.DataFrame) -> str:
    """Plain words for the sessions-by-mode chart: the total in each mode."""
    if sessions.empty:
        return "Bar charts of sessions each month by mode: no sessions in this period."
    totals = sessions.groupby("mode")["sessions"].sum()
    parts = [f"{MODE_LABELS.get(m, m).lower()} {int(totals[m])}" for m in MODE_LABELS if m in totals]
    return (f"Bar charts, one per mode, of sessions held each month over {sessions['month'].nunique()} months. "
            f"Sessions in all: {', '.join(parts)}.")
