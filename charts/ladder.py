"""The ladder of co-production: where sessions sat, and how that changed (pure builders).

Counts of sessions, not of young people: nothing here is suppressed.
"""

import altair as alt
import pandas as pd

from charts.base import check_marks, counted, dated, described, field
from charts.palette import OKABE_ITO
from charts.principles import SPOKEN, UNITS
from measures import formatting
from models.vocab import LADDER_GROUPS

GROUPS_TOP_DOWN = ["doing_with", "doing_for", "doing_to"]  # the ladder's top first
GROUP_NAMES = [LADDER_GROUPS[g] for g in GROUPS_TOP_DOWN]
GROUP_COLOURS = alt.Scale(domain=GROUP_NAMES, range=[OKABE_ITO[2], OKABE_ITO[1], OKABE_ITO[3]])


def rung_frame(rungs: pd.DataFrame) -> pd.DataFrame:
    """Every rung, top first, labelled with its group in words."""
    frame = rungs.sort_values("position", ascending=False).reset_index(drop=True)
    group = frame["rung_group"].map(LADDER_GROUPS)
    return pd.DataFrame({"rung": frame["position"].astype(str) + ". " + frame["rung"] + " (" + group.str.lower() + ")",
                         "group": group, "sessions": frame["sessions"].astype(int)})


def rungs_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Horizontal bars, one per rung, the top rung at the top, each labelled with its count."""
    order = list(frame["rung"])
    base = alt.Chart(check_marks(frame)).encode(
        alt.Y("rung:N", title=None, sort=order, axis=alt.Axis(labelLimit=300, labelFontSize=13, labelColor="#222222")),
        tooltip=[alt.Tooltip("rung:N", title="Rung"), alt.Tooltip("sessions:Q", title="Sessions")])
    bars = base.mark_bar(description=described(field("rung"), ": ", counted("sessions", "session", "sessions"))).encode(
        alt.X("sessions:Q", title="Sessions"),
                                  alt.Color("group:N", title=None, scale=GROUP_COLOURS, legend=None))
    text = base.mark_text(align="left", dx=4, fontSize=12, aria=False).encode(alt.X("sessions:Q"), text="sessions:Q")
    return alt.layer(bars, text).properties(height=alt.Step(32))


def rungs_alt(frame: pd.DataFrame) -> str:
    total = int(frame["sessions"].sum())
    if not total:
        return "Bar chart of sessions on each rung of the ladder: no session was placed on the ladder."
    parts = "; ".join(f"{r.rung} {formatting.count(r.sessions)}" for r in frame.itertuples())
    return (f"Bar chart of the {formatting.plural(total, 'session')} placed on the ladder, by rung from the top: "
            f"{parts}.")


def over_time_frame(groups: pd.DataFrame) -> pd.DataFrame:
    """Sessions per month or quarter and group; a group with no sessions gets a 0 so its row still shows."""
    frame = pd.DataFrame({"start": groups["start"] + "-01", "group": groups["rung_group"].map(LADDER_GROUPS),
                          "sessions": groups["sessions"].astype(int)})
    if len(frame):
        missing = [g for g in GROUP_NAMES if g not in set(frame["group"])]
        zeros = pd.DataFrame({"start": frame["start"].min(), "group": missing, "sessions": 0})
        frame = pd.concat([frame, zeros], ignore_index=True) if missing else frame
    return frame


def over_time_chart(frame: pd.DataFrame, unit: str) -> alt.Chart:
    """Bars of sessions per month or quarter, one row for each group (named), top of the ladder first."""
    time_unit, fmt, word = UNITS[unit]
    said = described(field("group"), ", ", dated("start", SPOKEN[unit], utc=True), ": ",
                     counted("sessions", "session", "sessions"))
    return (alt.Chart(check_marks(frame)).mark_bar(description=said)
            .encode(alt.X(f"{time_unit}(start):T", title=word.capitalize(), axis=alt.Axis(format=fmt, labelAngle=0)),
                    alt.Y("sessions:Q", title="Sessions"),
                    alt.Color("group:N", title=None, scale=GROUP_COLOURS, legend=None),
                    alt.Row("group:N", title=None, sort=GROUP_NAMES,
                            header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=13,
                                              labelFontWeight="bold")),
                    tooltip=[alt.Tooltip(f"{time_unit}(start):T", title=word.capitalize(), format=fmt),
                             alt.Tooltip("group:N", title="Group"), alt.Tooltip("sessions:Q", title="Sessions")])
            .properties(height=90, width=620))


def over_time_alt(frame: pd.DataFrame, unit: str) -> str:
    word = UNITS[unit][2]
    if frame.empty:
        return f"Bar charts of sessions each {word} by group of the ladder: no sessions placed on the ladder."
    totals = frame.groupby("group")["sessions"].sum()
    parts = ", ".join(f"{g.lower()} {formatting.count(totals.get(g, 0))}" for g in GROUP_NAMES)
    return (f"Bar charts, one per group of the ladder, of sessions each {word} over "
            f"{frame['start'].nunique()} {word}s. Sessions in all: {parts}.")
