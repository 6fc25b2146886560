"""The health index components as labelled bars (pure builder)."""

import altair as alt
import pandas as pd

from charts.base import described, field, whole
from charts.palette import NEUTRAL, PRIMARY
from measures import formatting
from measures.rounding import half_up


def components_frame(health: dict, labels: dict) -> pd.DataFrame:
    """One row per component with a value (suppressed or empty components are left out), its
    score rounded once, half up, to the whole number the page and the board pack show."""
    rows = [{"component": labels[name], "value": int(half_up(c["value"], 0)),
             "weight": int(half_up(c["weight"], 0, scale=100))}
            for name, c in health["components"].items() if isinstance(c["value"], (int, float))]
    return pd.DataFrame(rows, columns=["component", "value", "weight"])


def components_chart(frame: pd.DataFrame, thresholds: dict) -> alt.LayerChart:
    base = alt.Chart(frame).encode(
        alt.Y("component:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
        tooltip=[alt.Tooltip("component:N", title="Component"), alt.Tooltip("value:Q", title="Score (0-100)"),
                 alt.Tooltip("weight:Q", title="Weight (%)")])
    bars = base.mark_bar(color=PRIMARY, description=described(
        field("component"), ": ", whole("value"), " out of 100")).encode(alt.X("value:Q", title="Score out of 100",
                                                     scale=alt.Scale(domain=[0, 100])))
    labels = base.mark_text(align="left", dx=4, aria=False).encode(alt.X("value:Q"),
                                                                   text=alt.Text("value:Q", format=".0f"))
    lines = pd.DataFrame({"at": [thresholds["amber"], thresholds["green"]],
                          "label": ["amber", "green"]})
    lines["said"] = [f"{label.capitalize()} from {formatting.count(at)}"
                     for label, at in zip(lines["label"], lines["at"], strict=True)]
    said = described(field("said"))
    rules = alt.Chart(lines).mark_rule(color=NEUTRAL, strokeDash=[4, 4], description=said).encode(
        x="at:Q", tooltip="label:N")
    rule_labels = (alt.Chart(lines)  # the rule says it, with its score
                   .mark_text(align="left", baseline="bottom", dx=3, dy=-3, color="#555555", fontSize=11, aria=False)
                   .encode(x="at:Q", y=alt.value(0), text="label:N"))
    return alt.layer(bars, labels, rules, rule_labels).properties(height=alt.Step(34))
