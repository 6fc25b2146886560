"""The forum explorer's chart: the kind that suits the split, built from `measures.explorer.explore.explore`.

- a month or quarter: a line with a labelled point per month or quarter;
- groups: bars, largest first, each labelled with its value;
- two splits: a grid of squares with the value written in each (two groups), or one small line
  chart per group (a group and months or quarters).

Suppressed groups never reach the chart's data. Every mark carries the point selection
`PICK` (fields `group`, and `group2` with two splits), so a click can drill into a group.
`large` is for a shared screen: bigger text and marks, readable from the back of a room.
"""

import altair as alt
import pandas as pd

from charts.base import MAX_MARKS, check_marks, described, field
from charts.palette import PRIMARY, sequential_scale
from measures.explorer.catalogue import DIMENSIONS, MEASURES
from measures.explorer.words import format_value, shown_rows

PICK = "pick"
INK = "#222222"
LABELLED_POINTS = 24  # more points than this on a line: values in tooltips and the table, not on the chart


def chart_data(frame: pd.DataFrame, measure: str, by: str | None = None) -> pd.DataFrame:
    """The rows a chart may draw (suppressed and empty groups left out), each value also in words."""
    shown = shown_rows(frame)
    columns = [c for c in ("group", "label", "start", "group2", "label2", "start2") if c in shown]
    data = shown[columns].copy()
    data["value"] = pd.to_numeric(shown["value"]).astype(float)
    data["text"] = [format_value(v, MEASURES[measure].kind) for v in data["value"]]
    if "verdict" in shown:  # a mean change is never drawn without its verdict (docs/measures.md, "Skills")
        verdicts = [None if pd.isna(v) or not isinstance(v, str) else v for v in shown["verdict"]]
        data["verdict"] = verdicts
        data["text"] = [f"{text} ({verdict})" if verdict else text
                        for text, verdict in zip(data["text"], verdicts, strict=True)]
    if "young_people" in shown and MEASURES[measure].young_people:
        data["young_people"] = pd.to_numeric(shown["young_people"]).astype(int)
    return data.reset_index(drop=True)


def _sizes(large: bool) -> dict:
    return ({"font": 22, "label": 26, "step": 60, "height": 420, "point": 260, "row": 130} if large else
            {"font": 13, "label": 14, "step": 34, "height": 320, "point": 90, "row": 90})


def _value_axis(measure: str, large: bool) -> dict:
    kind = MEASURES[measure].kind
    axis = {"title": MEASURES[measure].label, "titleFontSize": _sizes(large)["font"],
            "labelFontSize": _sizes(large)["font"]}
    if kind == "share":
        return {"axis": alt.Axis(format="%", **axis), "scale": alt.Scale(domain=[0, 1])}
    if kind == "mean":
        return {"axis": alt.Axis(values=[1, 2, 3, 4, 5], **axis), "scale": alt.Scale(domain=[0, 5])}
    return {"axis": alt.Axis(**axis), "scale": alt.Scale(zero=True)}


def _tooltip(dimension: str, by: str | None, measure: str, data: pd.DataFrame) -> list:
    tips = [alt.Tooltip("label:N", title=DIMENSIONS[dimension].label)]
    if by:
        tips.append(alt.Tooltip("label2:N", title=DIMENSIONS[by].label))
    tips.append(alt.Tooltip("text:N", title=MEASURES[measure].label))
    if "young_people" in data:
        tips.append(alt.Tooltip("young_people:Q", title="Young people behind it", format=","))
    return tips


def _said(measure: str, by: str | None = None) -> alt.ExprRef:
    """What each bar, point or square says to a screen reader: its group(s), the measure and its value in
    words. The line joining the points and the values written beside the marks repeat it: hidden from it."""
    groups = (field("label"), ", ", field("label2")) if by else (field("label"),)
    return described(*groups, ". ", MEASURES[measure].label, ": ", field("text"))


def _pick(by: str | None, nearest: bool = False):
    return alt.selection_point(name=PICK, fields=["group", "group2"] if by else ["group"], on="click",
                               nearest=nearest, toggle=False, clear=False)


def explorer_chart(frame: pd.DataFrame, measure: str, dimension: str, by: str | None = None,
                   large: bool = False) -> alt.TopLevelMixin:
    data = chart_data(frame, measure, by)
    if by and (DIMENSIONS[dimension].time or DIMENSIONS[by].time):
        chart = _small_lines(data, measure, dimension, by, large)
    elif by:
        chart = _grid(data, measure, dimension, by, large)
    elif DIMENSIONS[dimension].time:
        chart = _line(data, measure, dimension, large)
    else:
        chart = _bars(data, measure, dimension, large)
    if large:  # dark text, readable from the back of a room
        chart = (chart.configure_axis(labelColor=INK, titleColor=INK)
                 .configure_header(labelColor=INK, titleColor=INK))
    return chart


def _bars(data: pd.DataFrame, measure: str, dimension: str, large: bool) -> alt.LayerChart:
    check_marks(data, limit=MAX_MARKS // 2)
    size = _sizes(large)
    ordered = dimension == "depth_band"  # bands of sessions keep their own order, fewest first
    order = list(data["label"] if ordered else data.sort_values("value", ascending=False, kind="stable")["label"])
    y = alt.Y("label:N", sort=order, title=None,
              axis=alt.Axis(labelFontSize=size["label"], labelLimit=560 if large else 260))
    base = alt.Chart(data).encode(y, alt.X("value:Q", **_value_axis(measure, large)),
                                  tooltip=_tooltip(dimension, None, measure, data))
    bars = base.mark_bar(color=PRIMARY, cursor="pointer", description=_said(measure)).add_params(_pick(None))
    labels = base.mark_text(align="left", dx=6, fontSize=size["label"], fontWeight="bold",
                            color=INK, aria=False).encode(text="text:N")
    layers = [bars, labels]
    if MEASURES[measure].kind == "ratio":  # 1 is fair: the group leads as often as it takes part
        layers.append(alt.Chart(pd.DataFrame({"fair": [1.0]})).mark_rule(
            color=INK, strokeDash=[6, 4], strokeWidth=2, aria=False).encode(x="fair:Q"))
    return alt.layer(*layers).properties(height=alt.Step(size["step"]))


def _time_x(dimension: str, large: bool, data: pd.DataFrame, second: bool = False) -> alt.X:
    """Months on a time axis; quarters by name ("Jan to Mar 2024"), in time order."""
    suffix = "2" if second else ""
    axis = {"labelFontSize": _sizes(large)["font"], "titleFontSize": _sizes(large)["font"], "labelOverlap": True}
    if dimension == "month":
        return alt.X(f"start{suffix}:T", title=DIMENSIONS[dimension].label, timeUnit="yearmonth",
                     axis=alt.Axis(format="%b %Y", labelAngle=0, **axis))
    order = list(dict.fromkeys(data.sort_values(f"start{suffix}")[f"label{suffix}"]))
    return alt.X(f"label{suffix}:N", sort=order, title=DIMENSIONS[dimension].label,
                 axis=alt.Axis(labelAngle=0 if len(order) <= 6 else -40, **axis))


def _line(data: pd.DataFrame, measure: str, dimension: str, large: bool) -> alt.LayerChart:
    check_marks(data, limit=MAX_MARKS // 3)
    size = _sizes(large)
    base = alt.Chart(data).encode(_time_x(dimension, large, data), alt.Y("value:Q", **_value_axis(measure, large)),
                                  tooltip=_tooltip(dimension, None, measure, data))
    line = base.mark_line(color=PRIMARY, strokeWidth=4 if large else 2, aria=False)
    points = base.mark_point(color=PRIMARY, filled=True, size=size["point"], cursor="pointer",
                             opacity=1, description=_said(measure)).add_params(_pick(None, nearest=True))
    layers = [line, points]
    if len(data) <= LABELLED_POINTS:
        layers.append(base.mark_text(dy=-size["font"], fontSize=size["font"], fontWeight="bold",
                                     color=INK, aria=False).encode(text="text:N"))
    return alt.layer(*layers).properties(height=size["height"])


def _grid(data: pd.DataFrame, measure: str, dimension: str, by: str, large: bool) -> alt.LayerChart:
    """Two groupings: a square per pair, its value written in it (colour repeats the number)."""
    check_marks(data, limit=MAX_MARKS // 2)
    size = _sizes(large)
    rows, cols = list(dict.fromkeys(data["label"])), list(dict.fromkeys(data["label2"]))
    base = alt.Chart(data).encode(
        alt.X("label2:N", sort=cols, title=DIMENSIONS[by].label,
              axis=alt.Axis(orient="top", labelAngle=0 if len(cols) <= 6 else -40, labelFontSize=size["font"],
                            titleFontSize=size["font"], labelLimit=240)),
        alt.Y("label:N", sort=rows, title=None,  # the rows name themselves; the title says what they are
              axis=alt.Axis(labelFontSize=size["font"], labelLimit=520 if large else 320)),
        tooltip=_tooltip(dimension, by, measure, data))
    domain = {"share": [0, 1], "mean": [1, 5]}.get(MEASURES[measure].kind)
    scale = sequential_scale(domain=domain) if domain else sequential_scale()
    squares = base.mark_rect(stroke="white", strokeWidth=2, cursor="pointer", description=_said(measure, by)).encode(
        alt.Color("value:Q", title=MEASURES[measure].label, scale=scale, legend=None)).add_params(_pick(by))
    low, high = domain or ([data["value"].min(), data["value"].max()] if len(data) else [0, 1])
    dark = alt.datum.value < (low + high) / 2  # the low end of viridis is dark: white text there
    labels = base.mark_text(fontSize=size["font"], fontWeight="bold", aria=False).encode(
        text="text:N", color=alt.condition(dark, alt.value("white"), alt.value("#111111")))
    return alt.layer(squares, labels).properties(height=alt.Step(size["step"]), width=alt.Step(size["step"] * 3))


def _small_lines(data: pd.DataFrame, measure: str, dimension: str, by: str, large: bool) -> alt.FacetChart:
    """A group and months (or quarters): one small line chart per group, named above it."""
    check_marks(data, limit=MAX_MARKS // 3)
    size = _sizes(large)
    time_first = DIMENSIONS[dimension].time
    group = "label2" if time_first else "label"
    group_dimension, time_dimension = (by, dimension) if time_first else (dimension, by)
    order = list(dict.fromkeys(data[group]))
    base = alt.Chart().encode(_time_x(time_dimension, large, data, second=not time_first),
                              alt.Y("value:Q", **{**_value_axis(measure, large), "axis": alt.Axis(
                                  title=None, tickCount=3, labelFontSize=size["font"],
                                  **({"format": "%"} if MEASURES[measure].kind == "share" else {}))}),
                              tooltip=_tooltip(dimension, by, measure, data))
    layers = [base.mark_line(color=PRIMARY, strokeWidth=3 if large else 2, aria=False),
              base.mark_point(color=PRIMARY, filled=True, size=size["point"], cursor="pointer",
                              opacity=1, description=_said(measure, by)).add_params(_pick(by, nearest=True))]
    if data.empty or data.groupby(group).size().max() <= LABELLED_POINTS // 2:
        layers.append(base.mark_text(dy=-size["font"] * 0.8, fontSize=size["font"] * 0.85,
                                     color=INK, aria=False).encode(text="text:N"))
    return (alt.layer(*layers, data=data).properties(height=size["row"], width=760 if large else 600)
            .facet(row=alt.Row(f"{group}:N", sort=order, title=DIMENSIONS[group_dimension].label,
                               header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start",
                                                 labelOrient="top", labelFontSize=size["label"],
                                                 labelFontWeight="bold", titleFontSize=size["font"])))
            .properties(spacing=size["font"]))


def explorer_alt_text(frame: pd.DataFrame, measure: str, dimension: str, by: str | None, k: int) -> str:
    """Plain text for screen readers and the caption: what is drawn, its highest and lowest."""
    data = chart_data(frame, measure, by)
    kind = "Line chart" if DIMENSIONS[dimension].time and not by else (
        "Small line charts" if by and (DIMENSIONS[dimension].time or DIMENSIONS[by].time) else
        "Grid" if by else "Bar chart")
    what = f"{MEASURES[measure].label.lower()} by {DIMENSIONS[dimension].label.lower()}"
    if by:
        what += f" and {DIMENSIONS[by].label.lower()}"
    hidden = int(frame["suppressed"].astype(bool).sum())
    tail = f" {hidden} group{'s' if hidden != 1 else ''} not shown, to protect small numbers." if hidden else ""
    if data.empty:
        return f"{kind} of {what}: nothing to show.{tail}"
    hi, lo = data.loc[data["value"].idxmax()], data.loc[data["value"].idxmin()]

    def name(row):
        return f"{row['label']}, {row['label2']}" if by else row["label"]
    if len(data) == 1:
        return f"{kind} of {what}: 1 value, {name(hi)} ({hi['text']}).{tail}"
    return (f"{kind} of {what}: {len(data)} values. Highest: {name(hi)} ({hi['text']}); "
            f"lowest: {name(lo)} ({lo['text']}).{tail}")
