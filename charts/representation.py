"""Chart builder for who gets to lead (pure: a frame in, an Altair chart out): each group's
representation ratio against a line at 1 (fair) and one at the organisation's threshold; groups
below the threshold marked by shape and by words as well as by colour."""

import altair as alt
import pandas as pd

from charts.base import check_marks, described, field
from charts.palette import HIGHLIGHT, NEUTRAL, PRIMARY
from measures.representation import DIMENSIONS
from measures.representation_page import characteristic_words, group_words, ratio

FAIR = 1.0


def status_words(below: float) -> tuple[str, str]:
    """(below the threshold, at or above it), as the legend says them."""
    return f"Below {ratio(below)}", f"{ratio(below)} or above"


def shown_ratios(frame: pd.DataFrame, below: float) -> pd.DataFrame:
    """The groups the chart may draw (hidden ones and ones without a ratio dropped), in words, each
    marked below the threshold or not, and labelled with its ratio."""
    shown = frame.loc[~frame["suppressed"].astype(bool) & frame["ratio"].notna()]
    ratios = pd.to_numeric(shown["ratio"]).astype(float)
    low, high = status_words(below)
    is_below = ratios < below
    return pd.DataFrame({
        "characteristic": [characteristic_words(d) for d in shown["characteristic"]],
        "group": [group_words(d, v) for d, v in zip(shown["characteristic"], shown["group"], strict=True)],
        "ratio": ratios,
        "status": [low if b else high for b in is_below],
        "label": [f"{ratio(r)} (below {ratio(below)})" if b else ratio(r)
                  for r, b in zip(ratios, is_below, strict=True)],
        "label_at": ratios.clip(lower=max(FAIR, below)),  # right of the joining line and both rules
        "fair": FAIR,
        "threshold": float(below),
    }).reset_index(drop=True)


def ratio_chart(frame: pd.DataFrame, below: float) -> alt.FacetChart:
    """A dot per group at its ratio, joined to the line at 1; one panel per characteristic. A dot
    below the threshold is a downward triangle in vermillion, labelled 'below'; the others are
    blue circles."""
    data = check_marks(shown_ratios(frame, below))
    low, high = status_words(below)
    upper = max(2.0, float(data["ratio"].max()) * 1.25 if len(data) else 2.0)
    x_title = f"Representation ratio (dashed line at 1: fair; dotted line at {ratio(below)}: the threshold)"

    def x(name: str = "ratio:Q") -> alt.X:  # one axis title and scale on every layer
        return alt.X(name, title=x_title, scale=alt.Scale(domain=[0, upper]))
    base = alt.Chart().encode(
        alt.Y("group:N", sort=None, title=None, axis=alt.Axis(labelLimit=200, labelFontSize=12)),
        tooltip=[alt.Tooltip("group:N", title="Group"), alt.Tooltip("label:N", title="Representation ratio")])
    said = described(field("characteristic"), ", ", field("group"), ": representation ratio ", field("label"))
    layers = alt.layer(  # the two lines first, so the dots are drawn over them
        alt.Chart().mark_rule(color="#555555", strokeDash=[6, 4], description="Fair: a ratio of 1")
        .encode(x("min(fair):Q")),
        alt.Chart().mark_rule(color=HIGHLIGHT, strokeDash=[2, 3], strokeWidth=2,
                              description=f"The threshold: a ratio of {ratio(below)}")
        .encode(x("min(threshold):Q")),
        base.mark_rule(color=NEUTRAL, strokeWidth=2, aria=False).encode(x(), alt.X2("fair:Q")),
        base.mark_point(filled=True, size=160, opacity=1, description=said).encode(
            x(), alt.Shape("status:N", title=None, scale=alt.Scale(domain=[low, high],
                                                                  range=["triangle-down", "circle"]),
                         legend=alt.Legend(orient="bottom")),
            alt.Color("status:N", title=None, scale=alt.Scale(domain=[low, high], range=[HIGHLIGHT, PRIMARY]))),
        base.mark_text(align="left", dx=10, aria=False).encode(x("label_at:Q"), text="label:N"),
        data=data).properties(width=520, height=alt.Step(26))
    order = [characteristic_words(d) for d in DIMENSIONS]
    return (layers.facet(row=alt.Row("characteristic:N", title=None, sort=order,
                                     header=alt.Header(labelOrient="top", labelAngle=0, labelAlign="left",
                                                       labelAnchor="start", labelFontSize=13,
                                                       labelFontWeight="bold")))
            .resolve_scale(y="independent")
            .properties(spacing=16))


def ratio_alt_text(frame: pd.DataFrame, below: float) -> str:
    """Plain words: what is drawn, the groups below the threshold and how many are left out."""
    data = shown_ratios(frame, below)
    kind = ("Dot chart of the representation ratio of each group of young people by age band, disability and care "
            f"experience, with a line at 1 (fair) and one at {ratio(below)} (the threshold)")
    if data.empty:
        return f"{kind}: no group to draw for this period."
    low, _ = status_words(below)
    under = data[data["status"] == low]
    named = "; ".join(f"{c}: {g.lower()}, {ratio(r)}"
                      for c, g, r in zip(under["characteristic"], under["group"], under["ratio"], strict=True))
    text = (f"{kind}. {len(data)} of {len(frame)} groups drawn. "
            + (f"Below {ratio(below)}: {named}." if named else f"No group drawn is below {ratio(below)}."))
    return text
