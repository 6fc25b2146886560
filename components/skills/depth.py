"""The skills page's depth of involvement: whether young people who came to more sessions rated
their skills up more, band by band, as a chart and a table, with the warning that it shows
association, not cause (docs/measures.md, "Depth of involvement and skills gained")."""

import streamlit as st

from charts.depth import depth_alt_text, depth_chart, not_plotted_bands, plotted_bands
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figure_page import FigurePage
from components.skills.tables import COLUMN_HELP
from measures import formatting
from measures.depth_page import CHART_KINDS, band_frame, band_table

ASSOCIATION = ("This shows whether young people who came to more sessions also rated their skills up more. It shows "
               "an association, not a cause: young people who come more often may differ in other ways, for example "
               "they may have been keener or more confident from the start.")
TABLE_COLUMNS = ["sessions", "young_people", "pairs", "mean_change", "ci_low", "ci_high", "share_improved",
                 "verdict"]
HELP = {"Sessions attended": "Sessions each young person attended in this period, under the filters chosen.",
        "Young people": "Young people who attended that many sessions in this period.",
        "Pairs": "Their before-and-after pairs of skill ratings in this period, all skills together.",
        **{name: COLUMN_HELP[name] for name in ("Change", "Likely range", "Went up", "Verdict")}}
COLUMNS = {name: st.column_config.TextColumn(name, help=text) for name, text in HELP.items()}


def depth_section(page: FigurePage, found: dict) -> None:
    """`found`: the bands of `measures.depth.depth` for the page's period and filters."""
    st.header("Does taking part more go with bigger gains?", anchor=False)
    st.caption(ASSOCIATION)
    bands = band_frame(found, page.k, page.protected)
    shown = plotted_bands(bands, page.k)
    if shown.empty:
        st.info("No group of young people by sessions attended has before-and-after pairs from at least "
                f"{formatting.count(page.k)} young people in this period, so there is nothing to plot. "
                "Choose a longer period to see more.")
    else:
        show_chart(built(depth_chart, shown), shown[TABLE_COLUMNS],
                   export_data=shown[[*TABLE_COLUMNS, "improved"]],
                   title="Average change in skill ratings, by sessions attended", alt_text=depth_alt_text(shown),
                   note="Each young person counts in one group, by the sessions they attended in this period. The "
                        "dot is the average change of their skill ratings (all skills together), the line and the "
                        "brackets the likely range, then the verdict; a hollow dot has too few pairs to say.",
                   key="skills-depth", kinds=CHART_KINDS, k=page.k, protected=page.protected)
    _not_plotted_note(*not_plotted_bands(bands), page.k)
    st.dataframe(band_table(bands, page.k), hide_index=True, height="content", column_config=COLUMNS,
                 key="skills-depth-table")


def _not_plotted_note(hidden: list[str], no_pairs: list[str], k: int) -> None:
    """The bands left out of the chart: with pairs from fewer than k young people, or none."""
    lines = []
    if hidden:
        lines.append(f"**{formatting.hidden(k).capitalize()} young people** (not shown): {', '.join(hidden)}.")
    if no_pairs:
        lines.append(f"**No pairs:** {', '.join(no_pairs)}.")
    if lines:
        st.markdown("  \n".join(lines))
