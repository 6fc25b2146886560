"""Principle ratings: young people and staff side by side, over time and by programme (pure builders).

Every builder takes the measures' frames (with SUPPRESSED markers or a `suppressed` column) and
leaves hidden figures out of the chart data entirely.
"""

import math
import textwrap

import altair as alt
import pandas as pd

from charts.base import check_marks, dated, described, field
from charts.palette import NEUTRAL, PRIMARY, categorical_scale, sequential_scale
from measures import formatting
from measures.suppression import is_suppressed

RATERS = {"young_person": "Young people", "staff": "Staff"}
WHO = list(RATERS.values())
SHAPES = alt.Scale(domain=WHO, range=["circle", "diamond"])
RATING_SCALE = alt.Scale(domain=[1, 5], nice=False)
ROW = 44  # pixels per principle: room for a point and its label above or below


def shown(value) -> float | None:
    """A figure that may be drawn: None for suppressed, missing or NaN values."""
    if value is None or is_suppressed(value):
        return None
    value = float(value)
    return None if math.isnan(value) else value


def gap_words(young, staff, k: int) -> str:
    """The perception gap of one principle in words (never giving a hidden figure away)."""
    if is_suppressed(young):
        return f"Fewer than {k} young people rated it"
    young, staff = shown(young), shown(staff)
    if young is None and staff is None:
        return "Not rated yet"
    if young is None:
        return "Only staff rated it"
    if staff is None:
        return "Only young people rated it"
    gap = formatting.difference(staff, young, "mean")  # of the averages as shown, so it matches them
    if gap == 0:
        return "Staff and young people agree"
    if gap > 0:
        return f"Staff rate it {formatting.mean(gap)} higher"
    return f"Young people rate it {formatting.mean(-gap)} higher"


def rater_points(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per principle and rater with a mean that may be shown."""
    points = [{"principle_name": r.principle_name, "who": RATERS[role], "mean": round(value, 2)}
              for r in rows.itertuples() for role, value in (("young_person", shown(r.young_people_mean)),
                                                              ("staff", shown(r.staff_mean)))
              if value is not None]
    return pd.DataFrame(points, columns=["principle_name", "who", "mean"])


def _direct_labels(points: pd.DataFrame, y: alt.Y, x: alt.X) -> list[alt.Chart]:
    """Name each rater once, at its first point: young people above the point, staff below."""
    first = points.drop_duplicates("who")
    return [alt.Chart(first[first["who"] == who].assign(label=who.lower()))  # the legend's words again
            .mark_text(fontSize=11, color="#333333", dy=dy, aria=False).encode(y, x, text="label:N")
            for who, dy in (("Young people", -16), ("Staff", 17))]


def _principle_axis(order: list[str], labelled: bool = True) -> alt.Y:
    """Principles down the side, long names on two or three lines (field `row`, see `wrapped`)."""
    rows = [wrapped(name, 26) for name in order]
    axis = alt.Axis(labelLimit=0, labelFontSize=13, labelColor="#222222", labelExpr="split(datum.label, '|')")
    return alt.Y("row:N", title=None, sort=rows, scale=alt.Scale(domain=rows), axis=axis if labelled else None)


def _with_row(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(row=frame["principle_name"].map(lambda name: wrapped(name, 26)))


def side_by_side(rows: pd.DataFrame, k: int) -> alt.HConcatChart:
    """A dot plot, one row per principle: young people (circles) and staff (diamonds), gap in words."""
    order = list(rows["principle_name"])
    points = _with_row(check_marks(rater_points(rows)))
    exact = {(r.principle_name, RATERS[role]): shown(value) for r in rows.itertuples()
             for role, value in (("young_person", r.young_people_mean), ("staff", r.staff_mean))}
    points["mean_text"] = [formatting.mean(exact[(name, who)])
                           for name, who in zip(points["principle_name"], points["who"], strict=True)]
    y = _principle_axis(order)
    x = alt.X("mean:Q", title="Average rating (1 = not at all, 5 = completely)", scale=RATING_SCALE,
              axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d", labelFontSize=12))
    wide = points.pivot(index="principle_name", columns="who", values="mean").reindex(columns=WHO).dropna()
    pairs = _with_row(pd.DataFrame({"principle_name": wide.index, "low": wide.min(axis=1).to_numpy(),
                                    "high": wide.max(axis=1).to_numpy()}))
    rule = alt.Chart(pairs).mark_rule(color=NEUTRAL, strokeWidth=3, aria=False).encode(  # the dots say it
        y, alt.X("low:Q", scale=RATING_SCALE), x2="high:Q")
    dots = alt.Chart(points).mark_point(filled=True, size=160, opacity=1, description=described(
        field("principle_name"), ", ", field("who"), ": average rating ", field("mean_text"))).encode(
        y, x,
        alt.Color("who:N", title=None, scale=categorical_scale(WHO), legend=alt.Legend(orient="top")),
        alt.Shape("who:N", title=None, scale=SHAPES),
        tooltip=[alt.Tooltip("principle_name:N", title="Principle"), alt.Tooltip("who:N", title="Rated by"),
                 alt.Tooltip("mean:Q", title="Average rating", format=".1f")])
    words = _with_row(pd.DataFrame({"principle_name": order, "words": [
        gap_words(r.young_people_mean, r.staff_mean, k) for r in rows.itertuples()]}))
    gap = alt.Chart(words).mark_text(align="left", fontSize=13, color="#222222", description=described(
        field("principle_name"), ": ", field("words"))).encode(
        _principle_axis(order, labelled=False), x=alt.value(0), text="words:N").properties(
            width=200, height=alt.Step(ROW), title=alt.TitleParams("The gap", anchor="start", fontSize=13))
    left = alt.layer(rule, dots, *_direct_labels(points, y, x)).properties(width=360, height=alt.Step(ROW))
    return alt.hconcat(left, gap, spacing=12)


def side_by_side_alt(rows: pd.DataFrame, k: int) -> str:
    parts = []
    for r in rows.itertuples():
        young, staff = shown(r.young_people_mean), shown(r.staff_mean)
        figures = [f"young people {formatting.mean(young)}" if young is not None else "",
                   f"staff {formatting.mean(staff)}" if staff is not None else ""]
        said = ", ".join(f for f in figures if f)
        words = gap_words(r.young_people_mean, r.staff_mean, k).lower()
        parts.append(f"{r.principle_name}: {said + '; ' if said else ''}{words}")
    return ("Dot plot of the average rating young people and staff gave each principle, from 1 to 5. "
            + ". ".join(parts) + ".")


def share_high(rows: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({"principle_name": rows["principle_name"], "share": rows["share_4_5"].map(shown)})
    frame = frame.dropna().reset_index(drop=True)
    frame["label"] = frame["share"].map(formatting.share)
    return frame


def share_high_chart(frame: pd.DataFrame, order: list[str]) -> alt.LayerChart:
    """Bars: the share of ratings (everyone's) that were 4 or 5, labelled with the percentage."""
    base = alt.Chart(_with_row(check_marks(frame))).encode(
        _principle_axis(order),
        tooltip=[alt.Tooltip("principle_name:N", title="Principle"),
                 alt.Tooltip("label:N", title="Rated 4 or 5")])
    bars = base.mark_bar(color=PRIMARY, description=described(
        field("principle_name"), ": ", field("label"), " of ratings were 4 or 5")).encode(
        alt.X("share:Q", title="Ratings of 4 or 5 (out of all ratings)", scale=alt.Scale(domain=[0, 1]),
              axis=alt.Axis(format="%")))
    text = base.mark_text(align="left", dx=4, fontSize=12, aria=False).encode(alt.X("share:Q"), text="label:N")
    return alt.layer(bars, text).properties(height=alt.Step(40))


def share_high_alt(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "Bar chart of ratings of 4 or 5 for each principle: nothing to show."
    parts = "; ".join(f"{r.principle_name} {r.label}" for r in frame.itertuples())
    return f"Bar chart of the share of ratings that were 4 or 5, for each principle: {parts}."


UNITS = {"month": ("utcyearmonth", "%b %Y", "month"), "quarter": ("utcyearquarter", "Q%q %Y", "quarter")}
SPOKEN = {"month": "%B %Y", "quarter": "Q%q %Y"}  # a month or quarter as a screen reader says it


def trend_points(trend: pd.DataFrame) -> pd.DataFrame:
    """The points that may be drawn: suppressed young people's points are dropped."""
    kept = trend.loc[~trend["suppressed"]]
    return pd.DataFrame({"start": kept["start"] + "-01", "who": kept["rater_role"].map(RATERS),
                         "mean": kept["mean"].astype(float).round(2)}).reset_index(drop=True)


def trend_chart(points: pd.DataFrame, unit: str) -> alt.LayerChart:
    """Average rating per month or quarter: young people (circles) and staff (diamonds)."""
    time_unit, fmt, word = UNITS[unit]
    x = alt.X(f"{time_unit}(start):T", title=word.capitalize(), axis=alt.Axis(format=fmt, labelAngle=0))
    y = alt.Y("mean:Q", title="Average rating (1 to 5)", scale=RATING_SCALE, axis=alt.Axis(values=[1, 2, 3, 4, 5]))
    colour = alt.Color("who:N", title=None, scale=categorical_scale(WHO), legend=alt.Legend(orient="top"))
    data = check_marks(points).assign(mean_text=points["mean"].map(formatting.mean))
    base = alt.Chart(data).encode(x, y, colour)
    lines = base.mark_line(strokeWidth=2, aria=False)  # the points say each value
    dots = base.mark_point(filled=True, size=100, opacity=1, description=described(
        field("who"), ", ", dated("start", SPOKEN[unit], utc=True), ": average rating ", field("mean_text"))).encode(
        alt.Shape("who:N", title=None, scale=SHAPES),
        tooltip=[alt.Tooltip(f"{time_unit}(start):T", title=word.capitalize(), format=fmt),
                 alt.Tooltip("who:N", title="Rated by"), alt.Tooltip("mean:Q", title="Average rating", format=".1f")])
    return alt.layer(lines, dots).properties(height=280)


def trend_alt(points: pd.DataFrame, unit: str) -> str:
    word = UNITS[unit][2]
    if points.empty:
        return f"Line chart of average ratings each {word}: nothing to show."
    parts = []
    for who in WHO:
        mine = points[points["who"] == who]
        if mine.empty:
            parts.append(f"{who}: no {word} to show")
            continue
        parts.append(f"{who}: {formatting.plural(len(mine), word)}, from {formatting.mean(mine['mean'].min())} "
                     f"to {formatting.mean(mine['mean'].max())}, latest {formatting.mean(mine['mean'].iloc[-1])}")
    return f"Line chart of the average rating each {word}, young people and staff. " + "; ".join(parts) + "."


def wrapped(name: str, width: int = 16) -> str:
    """A principle's name as lines joined by '|', which the axis splits (Vega text has no wrapping)."""
    return "|".join(textwrap.wrap(name, width)) or name


def heatmap_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """The programme x principle squares that may be drawn (hidden ones are left out)."""
    means = cells["mean"].map(shown).dropna()
    kept = cells.loc[means.index, ["programme", "principle_name"]].assign(mean=means.round(2))
    kept["column"] = kept["principle_name"].map(wrapped)
    kept["label"] = means.map(formatting.mean)  # from the exact mean, not the one rounded for the chart
    return kept.reset_index(drop=True)


# Up to this many squares each has its value written in it; beyond, the text layer would double the
# marks a browser draws for little gain (the value is in each square's tooltip and spoken description,
# and in the chart's table of numbers).
WRITTEN_UP_TO = 60


def written(squares: pd.DataFrame) -> bool:
    """Whether the heatmap of `squares` writes each value in its square (up to WRITTEN_UP_TO)."""
    return len(squares) <= WRITTEN_UP_TO


def heatmap(squares: pd.DataFrame, programmes: list[str], principles: list[str]) -> alt.LayerChart:
    """Average rating (everyone's) per programme and principle, the value printed in each square
    when there are few squares (`written`)."""
    columns = [wrapped(p) for p in principles]
    base = alt.Chart(check_marks(squares)).encode(
        alt.X("column:N", title=None, sort=columns, scale=alt.Scale(domain=columns),
              axis=alt.Axis(labelAngle=0, labelFontSize=12, labelColor="#222222", labelLimit=0,
                            labelExpr="split(datum.label, '|')")),
        alt.Y("programme:N", title=None, sort=programmes, scale=alt.Scale(domain=programmes),
              axis=alt.Axis(labelLimit=280, labelFontSize=13, labelColor="#222222")),
        tooltip=[alt.Tooltip("programme:N", title="Programme"), alt.Tooltip("principle_name:N", title="Principle"),
                 alt.Tooltip("label:N", title="Average rating")])
    squares_ = base.mark_rect(stroke="white", strokeWidth=2, description=described(
        field("programme"), ", ", field("principle_name"), ": average rating ", field("label"))).encode(
        alt.Color("mean:Q", title="Average rating", scale=sequential_scale(domain=[1, 5]),
                  legend=alt.Legend(orient="bottom", direction="horizontal", values=[1, 2, 3, 4, 5],
                                    gradientLength=200)))
    layers = [squares_]
    if written(squares):
        layers.append(base.mark_text(fontSize=14, fontWeight="bold", aria=False).encode(
            text="label:N", color=alt.condition(alt.datum.mean < 3, alt.value("white"), alt.value("black"))))
    column = max(70, 560 // max(1, len(principles)))
    return alt.layer(*layers).properties(height=alt.Step(44), width=alt.Step(column))


def heatmap_alt(squares: pd.DataFrame) -> str:
    if squares.empty:
        return "Heatmap of the average rating for each programme and principle: nothing to show."
    where = "written in each square" if written(squares) else "in each square's tooltip and the table of numbers"
    text = (f"Heatmap of the average rating for each programme and principle, the value {where}: "
            f"{formatting.plural(len(squares), 'square')}.")
    hi, lo = squares["mean"].idxmax(), squares["mean"].idxmin()
    if squares.loc[hi, "mean"] == squares.loc[lo, "mean"]:
        return f"{text} All equal to {squares.loc[hi, 'label']}."

    def name(i):
        return f"{squares.loc[i, 'programme']}, {squares.loc[i, 'principle_name']} ({squares.loc[i, 'label']})"
    return f"{text} Highest: {name(hi)}; lowest: {name(lo)}."
