"""The engagement page's stages and reach: the stages of each programme young people took part
in, and who took part, by age band, disability and care experience."""

import pandas as pd
import streamlit as st

from charts.engagement import (
    CHARACTERISTIC_LABELS, GROUP_LABELS, STAGE_LABELS, reach_alt_text, reach_chart, shown_reach, stage_grid_alt_text,
    stage_grid_chart, ticked,
)
from components.cached_charts import built
from components.chart_panel import show_chart
from components.figure_page import FigurePage
from measures import formatting

# A stage is 'yes' where at least one young person came; the number of such stages is not a count of people.
STAGE_KINDS = {"Programme": "label", "Stages with young people": "exact", **dict.fromkeys(STAGE_LABELS.values(),
                                                                                             "label")}
REACH_KINDS = {"Characteristic": "label", "Group": "label", "Young people": "count", "All young people": "count",
               "Share": ("share_of", "Young people", "All young people"), "Share (%)": "share", "Hidden": "label"}


def stages_section(grid: pd.DataFrame, page: FigurePage) -> None:
    st.header("Involved from the beginning to the very end", anchor=False)
    if grid.empty:
        st.info("No programme held sessions in this period.")
        return
    hidden = grid.loc[grid["hidden"], "programme"].nunique()
    shown = grid[~grid["hidden"]].drop(columns="hidden")
    hidden_note = (f" {formatting.plural(hidden, 'programme')} not shown: {formatting.hidden(page.k)} young people "
                   "took part in its stages." if hidden else "")
    if shown.empty:
        st.info(f"Every programme's stages rest on {formatting.hidden(page.k)} young people in this period, so none "
                "is shown. Choose a longer period to see more.")
        return
    show_chart(built(stage_grid_chart, shown), stage_table(shown),
               title="Stages of each programme where young people took part", alt_text=stage_grid_alt_text(shown),
               key="stage-grid", kinds=STAGE_KINDS, k=page.k, protected=page.protected,
               note=f"Plan, design, deliver and review: {_how_marked(shown)} a stage where at least one young "
                    "person came to a session. Sessions with no stage recorded are left out." + hidden_note)


def _how_marked(grid: pd.DataFrame) -> str:
    """How the grid marks a stage with young people: a tick in a small grid, a filled square in a large one."""
    return "a tick marks" if ticked(grid) else "a filled square (a grey dash where there were none) marks"


def stage_table(grid: pd.DataFrame) -> pd.DataFrame:
    """One row per programme: its stages with young people, and 'yes' or 'no' for each stage."""
    return (grid.assign(stage=grid["stage"].map(STAGE_LABELS), covered=grid["covered"].map({True: "yes", False: "no"}))
            .pivot(index=["name", "stages_covered"], columns="stage", values="covered")
            .reindex(columns=list(STAGE_LABELS.values())).reset_index()
            .rename(columns={"name": "Programme", "stages_covered": "Stages with young people"}))


def reach_section(reach: pd.DataFrame, all_young_people, page: FigurePage) -> None:
    """`all_young_people`: the period's young people (the whole each characteristic splits),
    SUPPRESSED when fewer than k; the CSV's shares are made from it and each group, both protected."""
    st.header("Who took part", anchor=False)
    note = hidden_groups_note(reach, page.k)
    if shown_reach(reach)["young_people"].sum() == 0:
        st.info(f"Every group has {formatting.hidden(page.k)} young people in it, or nobody took part, so there is "
                "nothing to draw. Choose a longer period or fewer filters.")
        if note:
            st.caption(note)
        return
    table = reach_table(reach)
    exported = table.drop(columns="Share (%)").assign(
        **{"All young people": pd.Series([all_young_people] * len(reach), index=reach.index, dtype=object),
           "Share": reach["share"]})
    show_chart(built(reach_chart, reach), table,
               title="Young people who took part, by age band, disability and care experience",
               alt_text=reach_alt_text(reach), key="reach", note=note, kinds=REACH_KINDS, k=page.k,
               protected=page.protected, export_data=exported)


def hidden_groups_note(reach: pd.DataFrame, k: int) -> str | None:
    """The groups hidden to protect small ones, by characteristic; None when none is hidden."""
    hidden = reach[reach["suppressed"].astype(bool)]
    groups = "; ".join(
        f"{CHARACTERISTIC_LABELS[c]}: " + ", ".join(GROUP_LABELS.get(g, g).lower() for g in rows["group"])
        for c, rows in hidden.groupby("characteristic", sort=False))
    return (f"Hidden to protect small groups ({formatting.hidden(k)} young people, or a group that would give one "
            f"away): {groups}." if groups else None)


def reach_table(reach: pd.DataFrame) -> pd.DataFrame:
    """The reach in words, each share in whole percent as shown (None where hidden or missing)."""
    return pd.DataFrame({
        "Characteristic": reach["characteristic"].map(CHARACTERISTIC_LABELS),
        "Group": reach["group"].map(GROUP_LABELS).fillna(reach["group"]),
        "Young people": reach["young_people"],
        "Share (%)": [_percent(share) for share in reach["share"]],
        "Hidden": reach["suppressed"],
    })


def _percent(share) -> int | None:
    shown = formatting.rounded(share, "share")
    return None if shown is None else int(shown)
