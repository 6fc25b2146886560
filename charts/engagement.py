"""Chart builders for engagement (pure: frames in, Altair charts out)."""

from datetime import date

import altair as alt
import pandas as pd

from charts.base import check_marks, counted, dated, described, field
from charts.palette import OKABE_ITO, PRIMARY, categorical_scale
from measures import formatting

MODE_LABELS = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"}


def _month_axis(title: str = "Month") -> alt.X:
    # A time unit makes each bar as wide as its month, however long the period; band position 0
    # centres each bar on its month's tick, so every label sits under its own bar.
    return alt.X("yearmonth(month):T", title=title, bandPosition=0,
                 axis=alt.Axis(format="%b %Y", labelAngle=0))


def active_by_month(monthly: pd.DataFrame) -> alt.Chart:
    """Active young people per month; suppressed months are left out of the data entirely."""
    shown = check_marks(monthly.loc[~monthly["suppressed"], ["month", "active_young_people"]])
    said = described(dated("month", "%B %Y"), ": ", counted("active_young_people", "young person", "young people"),
                     " took part")
    return (alt.Chart(shown).mark_bar(color=PRIMARY, description=said)
            .encode(_month_axis(), alt.Y("active_young_people:Q", title="Young people who took part"),
                    tooltip=[alt.Tooltip("month:T", format="%B %Y", title="Month"),
                             alt.Tooltip("active_young_people:Q", title="Young people")])
            .properties(height=260))


def sessions_by_mode(sessions: pd.DataFrame) -> alt.Chart:
    """Sessions per month, one row per mode (labelled, so colour is never the only cue)."""
    data = sessions.assign(mode=sessions["mode"].map(MODE_LABELS).fillna(sessions["mode"]))
    check_marks(data)
    modes = [MODE_LABELS[m] for m in MODE_LABELS if MODE_LABELS[m] in set(data["mode"])]
    said = described(field("mode"), ", ", dated("month", "%B %Y"), ": ", counted("sessions", "session", "sessions"))
    return (alt.Chart(data).mark_bar(description=said)
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
    parts = [f"{MODE_LABELS.get(m, m).lower()} {formatting.count(totals[m])}" for m in MODE_LABELS if m in totals]
    return (f"Bar charts, one per mode, of sessions held each month over {sessions['month'].nunique()} months. "
            f"Sessions in all: {', '.join(parts)}.")


# Fixed colours per mode, whichever modes a period holds, so a mode keeps its colour across views.
ALL_MODES_LABEL = "All modes"
MODE_ORDER = [ALL_MODES_LABEL, *MODE_LABELS.values()]
MODE_COLOURS = ["#555555", *OKABE_ITO[:3]]
STAGE_LABELS = {"plan": "Plan", "design": "Design", "deliver": "Deliver", "review": "Review"}
CHARACTERISTIC_LABELS = {"age_band": "Age band", "disability": "Disability / SEND",
                         "care_experienced": "Care experienced"}
GROUP_LABELS = {"under_11": "Under 11", "11_15": "11 to 15", "16_18": "16 to 18", "19_25": "19 to 25",
                "over_25": "Over 25", "yes": "Yes", "no": "No", "prefer_not_to_say": "Prefer not to say",
                "not_recorded": "Not recorded"}


# What a monthly-by-mode chart counts, for a screen reader: (one, many).
COUNTED = {"sessions": ("session", "sessions"), "young_people": ("young person", "young people")}


def mode_label(mode: str) -> str:
    return ALL_MODES_LABEL if mode == "all" else MODE_LABELS.get(mode, mode)


def _month(when: date) -> str:
    return formatting.month(when)


def shown_by_mode(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """The rows a monthly-by-mode chart may draw: suppressed rows dropped, modes in words."""
    shown = frame.loc[~frame["suppressed"].astype(bool)] if "suppressed" in frame else frame
    return pd.DataFrame({"month": shown["month"], "mode": shown["mode"].map(mode_label),
                         value: pd.to_numeric(shown[value])}).reset_index(drop=True)


def _period_month_axis(start: date, end: date) -> alt.X:
    """Months from the one `start` falls in to the one `end` falls in, so charts of the same
    period line up and a month with nothing drawn shows as a gap; labels start at their bar."""
    last_day = (pd.Timestamp(end) + pd.offsets.MonthEnd(0)).date()
    scale = alt.Scale(domain=[alt.DateTime(year=start.year, month=start.month, date=1),
                              alt.DateTime(year=last_day.year, month=last_day.month, date=last_day.day)])
    return alt.X("yearmonth(month):T", title="Month", scale=scale,
                 axis=alt.Axis(format="%b %Y", labelAngle=0, labelAlign="left", labelFlush=False))


def monthly_by_mode(frame: pd.DataFrame, value: str, start: date, end: date) -> alt.FacetChart:
    """Bars per month from `start` to `end`, one row for all modes together and one per mode,
    each row named in words (colour repeats the row name, it never carries it alone).
    Suppressed rows are not drawn."""
    data = check_marks(shown_by_mode(frame, value))
    modes = [m for m in MODE_ORDER if m in set(data["mode"])]
    y_title = value.replace("_", " ").capitalize()
    one, many = COUNTED.get(value, (y_title.lower(), y_title.lower()))
    said = described(field("mode"), ", ", dated("month", "%B %Y"), ": ", counted(value, one, many))
    return (alt.Chart(data).mark_bar(description=said)
            .encode(_period_month_axis(start, end), alt.Y(f"{value}:Q", title=None, axis=alt.Axis(tickCount=3)),
                    alt.Color("mode:N", scale=alt.Scale(domain=MODE_ORDER, range=MODE_COLOURS), legend=None),
                    alt.Row("mode:N", title=None, sort=modes,
                            header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=13,
                                              labelFontWeight="bold")),
                    tooltip=[alt.Tooltip("month:T", format="%B %Y", title="Month"),
                             alt.Tooltip("mode:N", title="Mode"), alt.Tooltip(f"{value}:Q", title=y_title)])
            .properties(height=80, width=720))


def monthly_by_mode_alt_text(frame: pd.DataFrame, value: str, what: str) -> str:
    """Plain words: the months covered and each mode's busiest month."""
    data = shown_by_mode(frame, value)
    if data.empty:
        return f"Bar charts of {what} each month by mode: nothing to show for this period."
    peaks = []
    for mode in MODE_ORDER:
        rows = data[data["mode"] == mode]
        if len(rows):
            top = rows.loc[rows[value].idxmax()]
            peaks.append(f"{mode.lower()} {_month(pd.Timestamp(top['month']))} ({formatting.count(top[value])})")
    return (f"Bar charts of {what} each month, for all modes together and for each mode, over "
            f"{frame['month'].nunique()} months. Busiest month: {'; '.join(peaks)}.")


TOOK_PART, NOBODY = "Young people took part", "No young people"
# Up to this many squares the grid is filled squares with a tick or a dash written in each; beyond, that
# text layer would double the marks a browser draws, so each cell is one symbol told apart by its shape
# (a filled square, or a grey dash) as well as its colour, named in the legend.
TICKED_UP_TO = 60


def ticked(grid: pd.DataFrame) -> bool:
    """Whether the stage grid of `grid` (one row per programme and stage) writes a tick or a dash in
    each square (up to TICKED_UP_TO squares)."""
    return len(grid) <= TICKED_UP_TO


def stage_grid_chart(grid: pd.DataFrame) -> alt.LayerChart:
    """Programme by stage: where young people took part, a filled square (with a tick in a small
    grid, `ticked`), and where they did not a pale square with a dash (a grey dash in a large one);
    the row label counts the stages covered."""
    data = check_marks(pd.DataFrame({
        "programme": grid["name"] + " (" + grid["stages_covered"].astype(str) + " of 4)",
        "stage": grid["stage"].map(STAGE_LABELS),
        "took_part": grid["covered"].map({True: TOOK_PART, False: NOBODY}),
        "mark": grid["covered"].map({True: "✓", False: "–"}),
    }))
    base = alt.Chart(data).encode(
        alt.X("stage:N", sort=list(STAGE_LABELS.values()), title=None,
              axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=13)),
        alt.Y("programme:N", sort=None, title=None, axis=alt.Axis(labelLimit=320, labelFontSize=13)),
        tooltip=[alt.Tooltip("programme:N", title="Programme"), alt.Tooltip("stage:N", title="Stage"),
                 alt.Tooltip("took_part:N", title="Young people")])
    said = described(field("programme"), ", ", field("stage"), ": ", field("took_part"))
    legend = alt.Legend(orient="bottom", title=None)
    if not ticked(data):
        who = [TOOK_PART, NOBODY]
        symbols = base.mark_point(size=360, strokeWidth=3, opacity=1, description=said).encode(
            alt.Shape("took_part:N", scale=alt.Scale(domain=who, range=["square", "stroke"]), legend=legend),
            alt.Color("took_part:N", scale=alt.Scale(domain=who, range=[PRIMARY, "#767676"]), legend=legend),
            alt.Fill("took_part:N", scale=alt.Scale(domain=who, range=[PRIMARY, "#767676"]), legend=legend))
        return alt.layer(symbols).properties(height=alt.Step(34))
    squares = base.mark_rect(stroke="white", strokeWidth=3, description=said).encode(
        alt.Color("took_part:N", title=None, legend=legend,
                  scale=alt.Scale(domain=[TOOK_PART, NOBODY], range=[PRIMARY, "#E8E8E8"])))
    marks = base.mark_text(fontSize=18, fontWeight="bold", aria=False).encode(
        text="mark:N", color=alt.condition(alt.datum.mark == "✓", alt.value("white"), alt.value("#555555")))
    return alt.layer(squares, marks).properties(height=alt.Step(40))


def stage_grid_alt_text(grid: pd.DataFrame) -> str:
    if grid.empty:
        return "Grid of programmes by stage: no programme held sessions in this period."
    parts = []
    for name, rows in grid.groupby("name", sort=False):
        covered = [STAGE_LABELS[s].lower() for s in rows.loc[rows["covered"], "stage"]]
        parts.append(f"{name}: {len(covered)} of 4" + (f" ({', '.join(covered)})" if covered else ""))
    return f"Grid of {len(parts)} programmes by stage, marking where young people took part. " + "; ".join(parts) + "."


def shown_reach(reach: pd.DataFrame) -> pd.DataFrame:
    """The groups the reach chart may draw (suppressed ones dropped), labelled in words."""
    shown = reach.loc[~reach["suppressed"].astype(bool)]
    people = pd.to_numeric(shown["young_people"]).astype(int)
    share = pd.to_numeric(shown["share"])
    return pd.DataFrame({
        "characteristic": shown["characteristic"].map(CHARACTERISTIC_LABELS),
        "group": shown["group"].map(GROUP_LABELS).fillna(shown["group"]),
        "young_people": people,
        "label": [f"{formatting.count(n)} ({formatting.share(s)})" if pd.notna(s) else formatting.count(n)
                  for n, s in zip(people, share, strict=True)],
    }).reset_index(drop=True)


def reach_chart(reach: pd.DataFrame) -> alt.FacetChart:
    """Young people who took part in each group, one panel per characteristic, every bar labelled."""
    data = check_marks(shown_reach(reach))
    base = alt.Chart().encode(
        alt.Y("group:N", sort=None, title=None, axis=alt.Axis(labelLimit=200, labelFontSize=12)),
        alt.X("young_people:Q", title="Young people who took part"),
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("label:N", title="Young people (share)")])
    said = described(field("characteristic"), ", ", field("group"), ": ", field("label"))
    layers = alt.layer(base.mark_bar(color=PRIMARY, description=said),
                       base.mark_text(align="left", dx=4, aria=False).encode(text="label:N"),
                       data=data).properties(width=560, height=alt.Step(24))
    return (layers.facet(row=alt.Row("characteristic:N", title=None, sort=list(CHARACTERISTIC_LABELS.values()),
                                     header=alt.Header(labelOrient="top", labelAngle=0, labelAlign="left",
                                                       labelAnchor="start", labelFontSize=13,
                                                       labelFontWeight="bold")))
            .resolve_scale(y="independent")
            .properties(spacing=16))


def reach_alt_text(reach: pd.DataFrame) -> str:
    data = shown_reach(reach)
    if data.empty or not data["young_people"].any():
        return "Bar charts of young people by group: no groups to show for this period."
    parts = []
    for label in CHARACTERISTIC_LABELS.values():
        rows = data[data["characteristic"] == label]
        if len(rows) and rows["young_people"].max() > 0:
            top = rows.loc[rows["young_people"].idxmax()]
            parts.append(f"{label}: {top['group'].lower()}, {top['label']}")
    hidden = int(reach["suppressed"].astype(bool).sum())
    text = ("Bar charts of young people who took part by age band, disability and care experience. "
            f"Largest group shown: {'; '.join(parts)}.")
    return text + (f" {hidden} groups are hidden to protect small numbers." if hidden else "")
