"""Chart builders for skills gained (pure: frames in, Altair charts out).

Only skills (or programme-skill cells) with pairs and nothing suppressed reach a chart frame:
`plotted` and `plotted_cells` drop the rest, so a suppressed figure never enters chart data.
"""

import altair as alt
import pandas as pd

from charts.base import alt_text, check_marks, counted, described, field
from charts.palette import NEUTRAL, PRIMARY, categorical_scale
from measures import formatting
from measures.pair_statistics import TOO_FEW, verdict
from measures.skills_page import likely_range
from measures.suppression import is_suppressed

WHEN = ["Before", "After"]
SHAPES = ["square", "circle"]
RATING_SCALE = alt.Scale(domain=[1, 5], nice=False)
SKILL_AXIS = alt.Axis(labelLimit=260, title=None)
# Vega writes a negative number with a true minus (U+2212); the project writes an ASCII '-'
# (measures.formatting), on the axis as in the labels.
SIGNED_LABEL = ("datum.value > 0 ? '+' + format(datum.value, '.1f') "
                ": replace(format(datum.value, '.1f'), '\u2212', '-')")


def signed(value: float) -> str:
    """One decimal with its sign: '+1.0', '-0.4', never '-0.0' (`measures.formatting.signed`)."""
    return formatting.signed(value)


def change_label(mean: float, low: float | None, high: float | None, said: str) -> str:
    """The change, its 95% interval and the verdict (`said`) in words: '+1.0 (-1.0 to +3.0); too few
    to say', '+1.0 (one pair: no range); too few to say'."""
    return f"{signed(mean)} ({likely_range(low, high)}); {said}"


def _shown_mask(frame: pd.DataFrame) -> pd.Series:
    """Rows whose pair figures are neither suppressed nor empty."""
    return frame["pairs"].map(lambda v: not is_suppressed(v) and v is not None and not pd.isna(v) and v > 0)


def _interval_ends(rows: pd.DataFrame, mean: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The 95% interval's ends (t-based, `measures.pair_statistics`); from the half-width `ci95`
    for frames kept before the ends were (older board snapshots)."""
    if {"ci95_low", "ci95_high"} <= set(rows.columns):
        return (pd.to_numeric(rows["ci95_low"], errors="coerce").astype(float),
                pd.to_numeric(rows["ci95_high"], errors="coerce").astype(float))
    half = pd.to_numeric(rows["ci95"], errors="coerce").astype(float)
    return mean - half, mean + half


def _verdicts(rows: pd.DataFrame, low: pd.Series, high: pd.Series) -> list[str]:
    """The verdict of each row, worked out from its pairs and interval where a frame has none."""
    if "verdict" in rows.columns:
        return list(rows["verdict"])
    return [verdict(n, None if pd.isna(lo) else lo, None if pd.isna(hi) else hi)
            for n, lo, hi in zip(rows["pairs"], low, high, strict=True)]


def _with_labels(rows: pd.DataFrame) -> pd.DataFrame:
    """Numbers as floats, the interval's ends, the verdict and the text labels (made before
    rounding, so a label says what `measures.formatting` says of the exact figure)."""
    out = pd.DataFrame({
        "pairs": rows["pairs"].astype(int),
        "mean_pre": rows["mean_pre"].astype(float),
        "mean_post": rows["mean_post"].astype(float),
        "mean_change": rows["mean_change"].astype(float),
        "share_improved": rows["share_improved"].astype(float),
    }, index=rows.index)
    out["ci_low"], out["ci_high"] = _interval_ends(rows, out["mean_change"])
    out["verdict"] = _verdicts(rows, out["ci_low"], out["ci_high"])
    out["too_few"] = out["verdict"] == TOO_FEW
    # Labels sit just right of the interval (or of the point when there is no interval).
    out["label_at"] = out["ci_high"].fillna(out["mean_change"])
    out["change_label"] = [change_label(m, lo, hi, v) for m, lo, hi, v in
                           zip(out["mean_change"], out["ci_low"], out["ci_high"], out["verdict"], strict=True)]
    out["improved_label"] = [f"{formatting.share(s)} of {formatting.plural(n, 'pair')}"
                             for s, n in zip(out["share_improved"], out["pairs"], strict=True)]
    out["pre_text"] = out["mean_pre"].map(formatting.mean)
    out["post_text"] = out["mean_post"].map(formatting.mean)
    # Tooltips give two decimals, for a closer look.
    for column in ("mean_change", "ci_low", "ci_high"):
        out[f"{column}_tip"] = out[column].map(lambda v: formatting.signed(v, 2))
    out["improved_tip"] = out["share_improved"].map(formatting.share)
    return out.round({"mean_pre": 2, "mean_post": 2, "mean_change": 2, "ci_low": 2, "ci_high": 2,
                      "label_at": 2, "share_improved": 3})


def plotted(skills: pd.DataFrame) -> pd.DataFrame:
    """One row per skill to plot (pairs, nothing suppressed), biggest average change first."""
    rows = skills[_shown_mask(skills)]
    out = pd.concat([rows[["skill_name"]], _with_labels(rows)], axis=1)
    return out.sort_values(["mean_change", "skill_name"], ascending=[False, True]).reset_index(drop=True)


def plotted_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """One row per programme and skill to plot (pairs, nothing suppressed)."""
    rows = cells[_shown_mask(cells)]
    return pd.concat([rows[["programme_name", "skill", "skill_name"]], _with_labels(rows)],
                     axis=1).reset_index(drop=True)


def skills_with_most_pairs(cells: pd.DataFrame) -> dict[str, str]:
    """The skills of `plotted_cells` ({code: name}), the one with the most pairs (all programmes
    together) first, then by name."""
    totals = cells.groupby(["skill", "skill_name"], as_index=False)["pairs"].sum()
    totals = totals.sort_values(["pairs", "skill_name"], ascending=[False, True])
    return dict(zip(totals["skill"], totals["skill_name"], strict=True))


def one_skill(cells: pd.DataFrame, skill: str) -> pd.DataFrame:
    """The programmes' figures for one skill (by code) of `plotted_cells`, biggest average change first."""
    rows = cells[cells["skill"] == skill]
    return rows.sort_values(["mean_change", "programme_name"], ascending=[False, True]).reset_index(drop=True)


def not_plotted(skills: pd.DataFrame) -> tuple[list[str], list[str]]:
    """(skills with no pairs yet, skills whose pair figures are suppressed), by name."""
    suppressed = skills["pairs"].map(is_suppressed)
    no_pairs = ~suppressed & ~_shown_mask(skills)
    return list(skills.loc[no_pairs, "skill_name"]), list(skills.loc[suppressed, "skill_name"])


def before_after_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Dumbbell: mean before and mean after per skill, joined by a line, values written beside."""
    data = check_marks(frame.assign(
        low=frame[["mean_pre", "mean_post"]].min(axis=1), high=frame[["mean_pre", "mean_post"]].max(axis=1)))
    rose = data["mean_post"] >= data["mean_pre"]
    data = data.assign(low_text=data["pre_text"].where(rose, data["post_text"]),
                       high_text=data["post_text"].where(rose, data["pre_text"]).where(data["high"] != data["low"],
                                                                                        ""))
    order = list(data["skill_name"])
    y = alt.Y("skill_name:N", sort=order, axis=SKILL_AXIS)
    base = alt.Chart(data)
    line = base.mark_rule(color=NEUTRAL, strokeWidth=3, aria=False).encode(
        alt.X("low:Q", scale=RATING_SCALE, title="Average self-rating (1 to 5)",
              axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d")), alt.X2("high:Q"), y)
    points = (base.transform_fold(["mean_pre", "mean_post"], as_=["which", "rating"])
              .transform_calculate(when="datum.which === 'mean_pre' ? 'Before' : 'After'",
                                   rating_text="datum.which === 'mean_pre' ? datum.pre_text : datum.post_text")
              .mark_point(filled=True, size=140, opacity=1, description=described(
                  field("skill_name"), ", ", field("when"), ": average rating ", field("rating_text")))
              .encode(alt.X("rating:Q", scale=RATING_SCALE), y,
                      alt.Color("when:N", title=None, scale=categorical_scale(WHEN),
                                legend=alt.Legend(orient="top", direction="horizontal")),
                      alt.Shape("when:N", title=None, scale=alt.Scale(domain=WHEN, range=SHAPES)),
                      tooltip=[alt.Tooltip("skill_name:N", title="Skill"), alt.Tooltip("when:N", title="When"),
                               alt.Tooltip("rating_text:N", title="Average rating")]))
    low_text = base.mark_text(align="right", dx=-10, fontSize=12, aria=False).encode(alt.X("low:Q"), y,
                                                                                   text="low_text:N")
    high_text = base.mark_text(align="left", dx=10, fontSize=12, aria=False).encode(alt.X("high:Q"), y,
                                                                                  text="high_text:N")
    return alt.layer(line, points, low_text, high_text).properties(height=alt.Step(34))


def _change_layers(y: alt.Y, x_title: str, domain: list[float], who: list | None = None,
                   said_first: tuple[str, ...] = ()) -> list:
    """Dashed 0 line, interval line, point and its label: the layers of a change chart. The point says
    it all to a screen reader (`said_first`, then the skill, the change, its range, the verdict and
    the pairs). A point from too few pairs for a verdict is hollow, and its label says so in words."""
    scale = alt.Scale(domain=domain, nice=False)
    x = alt.X("mean_change:Q", scale=scale, title=x_title, axis=alt.Axis(grid=True, labelExpr=SIGNED_LABEL))
    tooltip = [*(who or []), alt.Tooltip("skill_name:N", title="Skill"),
               alt.Tooltip("mean_change_tip:N", title="Average change"),
               alt.Tooltip("ci_low_tip:N", title="Likely from"),
               alt.Tooltip("ci_high_tip:N", title="Likely to"),
               alt.Tooltip("verdict:N", title="Verdict"),
               alt.Tooltip("pairs:Q", title="Pairs")]
    # No y on the 0 line: with both x and y a rule has no length. Its own one-row data: with the
    # chart's, it would be drawn once per row.
    zero = alt.Chart(alt.Data(values=[{}])).mark_rule(color="#555555", strokeDash=[4, 4], aria=False).encode(
        x=alt.datum(0))
    interval = alt.Chart().mark_rule(color=PRIMARY, strokeWidth=2, aria=False).encode(
        alt.X("ci_low:Q", scale=scale), alt.X2("ci_high:Q"), y, tooltip=tooltip)
    said = described(*said_first, field("skill_name"), ": average change ", field("change_label"), ", ",
                     counted("pairs", "pair", "pairs"))
    point = alt.Chart().mark_point(filled=True, size=110, color=PRIMARY, stroke=PRIMARY, strokeWidth=2, opacity=1,
                                   description=said).encode(
        x, y, fill=alt.condition("datum.too_few", alt.value("white"), alt.value(PRIMARY)), tooltip=tooltip)
    text = alt.Chart().mark_text(align="left", dx=8, fontSize=12, aria=False).encode(
        alt.X("label_at:Q", scale=scale), y, text="change_label:N")
    return [point, interval, zero, text]


def _change_domain(frame: pd.DataFrame) -> list[float]:
    """From the lowest interval end (or 0) to the highest plus room for the text labels."""
    low = min(0.0, float(frame[["ci_low", "mean_change"]].min().min()))
    high = max(0.0, float(frame[["label_at"]].max().max()))
    return [round(low - 0.25, 1), round(high + max(1.5, 0.6 * (high - low)), 1)]


def change_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Average change per skill as a point, with its 95% confidence interval as a line."""
    check_marks(frame)
    y = alt.Y("skill_name:N", sort=list(frame["skill_name"]), axis=SKILL_AXIS)
    layers = _change_layers(y, "Average change (after minus before)", _change_domain(frame))
    return alt.layer(*layers, data=frame).properties(height=alt.Step(34))


def improved_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Share of pairs whose rating went up, per skill, labelled with the share and the pairs."""
    check_marks(frame)
    base = alt.Chart(frame).encode(alt.Y("skill_name:N", sort=list(frame["skill_name"]), axis=SKILL_AXIS))
    bars = base.mark_bar(color=PRIMARY, description=described(
        field("skill_name"), ": rating went up for ", field("improved_label"))).encode(
        alt.X("share_improved:Q", title="Share of young people whose rating went up",
              scale=alt.Scale(domain=[0, 1.35], nice=False),
              axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])),
        tooltip=[alt.Tooltip("skill_name:N", title="Skill"),
                 alt.Tooltip("improved_tip:N", title="Went up"),
                 alt.Tooltip("pairs:Q", title="Pairs")])
    labels = base.mark_text(align="left", dx=5, fontSize=12, aria=False).encode(alt.X("share_improved:Q"),
                                                                                text="improved_label:N")
    return alt.layer(bars, labels).properties(height=alt.Step(34))


def programme_change_chart(cells: pd.DataFrame) -> alt.LayerChart:
    """One skill's average change in each programme (`one_skill`), with its interval: one set of
    axes, one row per programme, so programmes compare at a glance and the page stays light."""
    check_marks(cells)
    y = alt.Y("programme_name:N", sort=list(cells["programme_name"]), axis=SKILL_AXIS)
    layers = _change_layers(y, "Average change (after minus before)", _change_domain(cells),
                            [alt.Tooltip("programme_name:N", title="Programme")], (field("programme_name"), ", "))
    return alt.layer(*layers, data=cells).properties(height=alt.Step(34))


def dumbbell_alt_text(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "Dumbbell chart of average ratings before and after: no skill to show."
    rise = frame.loc[frame["mean_change"].idxmax()]
    return (f"Dumbbell chart of average self-ratings before and after, for {formatting.plural(len(frame), 'skill')}. "
            f"Biggest rise: {rise['skill_name']}, from {rise['pre_text']} to {rise['post_text']}.")


def change_alt_text(kind: str, what: str, frame: pd.DataFrame, label: str) -> str:
    """`charts.base.alt_text` of a change chart, then each row's verdict in words."""
    verdicts = "; ".join(f"{name}: {said}" for name, said in zip(frame[label], frame["verdict"], strict=True))
    text = alt_text(kind, what, frame, value="mean_change", label=label)
    return f"{text} Verdicts: {verdicts}." if verdicts else text
