"""An open board snapshot's figures beside the last one's: the health index and its components,
the key figures, what changed in words, principles and skills, and the core charts. Tables are
fixed in the print view (every row on paper) and interactive on screen."""

import streamlit as st

from board_snapshots.compare import GROUPS, Comparison, as_frame
from board_snapshots.core_charts import core_charts
from board_snapshots.page_text import (
    CHART_KINDS, index_change, index_value, is_protected, key_figures_title, status_line, thresholds_note,
)
from board_snapshots.saved import Snapshot
from board_snapshots.wording import verdicts_note, verdicts_table
from components.chart_panel import show_chart
from components.plain_text import escape_markdown


def health(snapshot: Snapshot, before: Snapshot | None, comparison: Comparison, printing: bool) -> None:
    st.subheader("Health index", anchor=False)
    index = comparison.health[0]
    columns = st.columns(2)
    _index_box(columns[0], f"This time: {snapshot.name}", snapshot.figures["health_index"], index.now,
               index_change(index.change))
    if before is not None:
        _index_box(columns[1], f"Last time: {before.name}", before.figures["health_index"], index.before, None)
    st.caption(thresholds_note(snapshot.figures["health_index"]["thresholds"], snapshot.k))
    _figures(as_frame(comparison.health[1:], "Component (score out of 100)", before is not None), "health-table",
             printing)


def _index_box(column, label: str, health_index: dict, shown: str, delta: str | None) -> None:
    with column.container(border=True, height=170):
        st.metric(escape_markdown(label), index_value(health_index, shown), delta=delta,
                  help="The weighted average of the components below. Weights and thresholds are the "
                       "organisation's to set.")
        st.markdown(status_line(health_index))


def _figures(frame, key: str, printing: bool, **config) -> None:
    if printing:
        st.table(frame, hide_index=True)
    else:
        st.dataframe(frame, hide_index=True, height="content", key=key, **config)


def key_figures(comparison: Comparison, has_before: bool, printing: bool) -> None:
    st.subheader(key_figures_title(has_before), anchor=False)
    _figures(as_frame(comparison.key_figures, "Figure", has_before), "key-figures", printing)


def summary(comparison: Comparison) -> None:
    st.subheader("What changed since last time", anchor=False)
    for note in comparison.notes:
        st.caption(escape_markdown(note))
    _grouped(comparison.sentences("headline"))


def _grouped(sentences: dict[str, list[str]]) -> None:
    for key, title in GROUPS:
        if key in sentences:
            st.markdown(f"**{title}**\n\n" + "\n".join(f"- {escape_markdown(s)}" for s in sentences[key]))


def details(comparison: Comparison, has_before: bool, printing: bool) -> None:
    if not comparison.principles and not comparison.skills:
        return
    st.subheader("Principles and skills", anchor=False)
    st.caption("Principles: the average rating from 1 (not at all) to 5 (completely). Skills: young people's "
               "average gain, after minus before, on their own 1 to 5 ratings.")
    _grouped(comparison.sentences("detail"))
    if comparison.principles:
        _figures(as_frame(comparison.principles, "Principle", has_before), "principles", printing,
                 column_config={"Principle": st.column_config.TextColumn(width="large")})
    if comparison.skills:
        _figures(as_frame(comparison.skills, "Skill (average gain)", has_before), "skills", printing)
    if comparison.verdicts:
        st.markdown("**Did young people's ratings change?** Each skill's verdict, this time")
        _figures(verdicts_table(comparison.verdicts), "skill-verdicts", printing)
        st.caption(verdicts_note())


def charts(snapshot: Snapshot) -> None:
    found = core_charts(snapshot)
    if not found:
        st.info("Nothing to chart in this snapshot's period.")
    for chart in found:  # snapshots taken before figures were protected offer no images of their charts
        show_chart(chart.chart, chart.data, title=chart.title, alt_text=chart.alt_text, key=chart.key, note=chart.note,
                   kinds=CHART_KINDS, k=snapshot.k, protected=is_protected(snapshot))
