"""Chart builder for depth of involvement (pure: frames in, Altair charts out): the average change
in skill ratings of young people who came to 1, 2 to 4, 5 to 9 and 10 or more sessions, each with
its 95% interval and verdict.

Only bands with pairs and nothing suppressed reach the chart frame (`plotted_bands`); the rest
are named beside the chart (`not_plotted_bands`), so a suppressed figure never enters chart data.
"""

import altair as alt
import pandas as pd

from charts.base import check_marks, counted, described, field
from charts.palette import PRIMARY
from charts.skills import SIGNED_LABEL, change_label
from measures import formatting
from measures.pair_statistics import TOO_FEW
from measures.suppression import is_suppressed

BAND_AXIS = alt.Axis(labelLimit=200, title=None)  # the labels say it: "2 to 4 sessions"


def _has_pairs(pairs) -> bool:
    return not is_suppressed(pairs) and pairs is not None and not pd.isna(pairs) and pairs > 0


def plotted_bands(frame: pd.DataFrame, k: int) -> pd.DataFrame:
    """One row per band to plot (`measures.depth_page.band_frame` rows with pairs, nothing
    suppressed), in order: numbers as floats, the interval's ends, the verdict and text labels."""
    rows = frame[frame["pairs"].map(_has_pairs)]
    mean = rows["mean_change"].astype(float)
    low = pd.to_numeric(rows["ci95_low"], errors="coerce").astype(float)
    high = pd.to_numeric(rows["ci95_high"], errors="coerce").astype(float)
    out = pd.DataFrame({
        "sessions": rows["sessions"],
        # A band's young people are hidden apart from its pairs: None here, 'fewer than k' in words.
        "young_people": pd.Series([None if is_suppressed(n) else int(n) for n in rows["young_people"]],
                                  index=rows.index, dtype=object),
        "pairs": rows["pairs"].astype(int), "mean_change": mean, "ci_low": low, "ci_high": high,
        "improved": rows["improved_pairs"].astype(int), "share_improved": rows["share_improved"].astype(float),
        "verdict": rows["verdict"],
    }, index=rows.index)
    out["too_few"] = out["verdict"] == TOO_FEW
    out["young_text"] = [formatting.figure(n, "count", k) for n in rows["young_people"]]
    out["label_at"] = out["ci_high"].fillna(out["mean_change"])
    out["change_label"] = [change_label(m, lo, hi, v) for m, lo, hi, v in
                           zip(mean, low, high, out["verdict"], strict=True)]
    out["improved_tip"] = out["share_improved"].map(formatting.share)
    for column in ("mean_change", "ci_low", "ci_high"):
        out[f"{column}_tip"] = out[column].map(lambda v: formatting.signed(v, 2))
    return out.round({"mean_change": 2, "ci_low": 2, "ci_high": 2, "label_at": 2, "share_improved": 3}).reset_index(
        drop=True)


def not_plotted_bands(frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(bands whose pair figures are hidden, bands with no pairs), in words."""
    hidden = frame["pairs"].map(is_suppressed)
    no_pairs = ~hidden & ~frame["pairs"].map(_has_pairs)
    return list(frame.loc[hidden, "sessions"]), list(frame.loc[no_pairs, "sessions"])


def _domain(frame: pd.DataFrame) -> list[float]:
    """From the lowest interval end (or 0) to the highest, plus room for the text labels."""
    low = min(0.0, float(frame[["ci_low", "mean_change"]].min().min()))
    high = max(0.0, float(frame["label_at"].max()))
    return [round(low - 0.25, 1), round(high + max(2.0, 0.8 * (high - low)), 1)]


def depth_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Average change per band as a point (hollow when too few pairs for a verdict) with its 95%
    interval as a line, a dashed 0 line, and the change, range and verdict written beside."""
    check_marks(frame)
    scale = alt.Scale(domain=_domain(frame), nice=False)
    y = alt.Y("sessions:N", sort=list(frame["sessions"]), axis=BAND_AXIS)
    x = alt.X("mean_change:Q", scale=scale, title="Average change in skill ratings (after minus before)",
              axis=alt.Axis(grid=True, labelExpr=SIGNED_LABEL))
    tooltip = [alt.Tooltip("sessions:N", title="Sessions attended"),
               alt.Tooltip("young_text:N", title="Young people"),
               alt.Tooltip("pairs:Q", title="Pairs"),
               alt.Tooltip("mean_change_tip:N", title="Average change"),
               alt.Tooltip("ci_low_tip:N", title="Likely from"),
               alt.Tooltip("ci_high_tip:N", title="Likely to"),
               alt.Tooltip("improved_tip:N", title="Went up"),
               alt.Tooltip("verdict:N", title="Verdict")]
    said = described(field("sessions"), ": average change ", field("change_label"), ", ",
                     counted("pairs", "pair", "pairs"))
    point = alt.Chart().mark_point(filled=True, size=110, color=PRIMARY, stroke=PRIMARY, strokeWidth=2, opacity=1,
                                   description=said).encode(
        x, y, fill=alt.condition("datum.too_few", alt.value("white"), alt.value(PRIMARY)), tooltip=tooltip)
    interval = alt.Chart().mark_rule(color=PRIMARY, strokeWidth=2, aria=False).encode(
        alt.X("ci_low:Q", scale=scale), alt.X2("ci_high:Q"), y, tooltip=tooltip)
    zero = alt.Chart().mark_rule(color="#555555", strokeDash=[4, 4], aria=False).encode(x=alt.datum(0))
    text = alt.Chart().mark_text(align="left", dx=8, fontSize=12, aria=False).encode(
        alt.X("label_at:Q", scale=scale), y, text="change_label:N")
    return alt.layer(point, interval, zero, text, data=frame).properties(height=alt.Step(40))


def depth_alt_text(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "Dot chart of the average change in skill ratings by sessions attended: no band to show."
    bands = " ".join(f"{s}: {label}." for s, label in zip(frame["sessions"], frame["change_label"], strict=True))
    return (f"Dot chart of the average change in skill ratings by sessions attended, for "
            f"{formatting.plural(len(frame), 'group')} of young people. {bands}")
