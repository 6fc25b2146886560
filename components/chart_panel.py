"""One chart with everything around it: title, alt text, the numbers, downloads."""

from __future__ import annotations

import functools
import re

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from charts.export import to_png, to_svg
from components.plain_text import escape_markdown
from data.exports.safe_csv import safe_csv
from measures.protected_frames import protect_frame


def _file_stem(title: str, key: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()
    return stem[:60] or re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-") or "chart"


def _spec_of(chart) -> dict:
    """The Vega-Lite spec Streamlit draws (data as Arrow bytes), worked out once per chart object.

    Turning a chart into its spec deep-copies every layer; a cached chart (components.cached_charts)
    is drawn again and again, so its spec is kept on it (docs/decisions.md). Altair's JSON-schema check is
    skipped here: it took about a third of a warm page run, and the builders' unit tests still
    validate every chart. The conversion is Streamlit's own, so the spec is exactly what
    `st.altair_chart` would send."""
    spec = vars(chart).get("_drawn_spec")
    if spec is None:
        object.__setattr__(chart, "to_dict", functools.partial(chart.to_dict, validate=False))
        spec = _convert_altair_to_vega_lite_spec(chart)
        object.__setattr__(chart, "_drawn_spec", spec)
    return spec


def show_chart(
    chart: alt.TopLevelMixin,
    data: pd.DataFrame,
    *,
    title: str,
    alt_text: str,
    key: str,
    kinds: dict,
    k: int,
    protected: bool,
    note: str | None = None,
    summary: str | None = None,
    on_select="ignore",
    export_data: pd.DataFrame | None = None,
) -> None:
    """Draw a chart panel.

    - ``title``: plain-words heading (st.subheader) above the chart;
    - the chart itself, full width, with ``alt_text`` as its accessible name;
    - ``alt_text`` again as a visible caption (plain text, never HTML);
    - ``note`` (optional) as a second caption, e.g. where the numbers come from;
    - ``summary`` (optional): a one-line plain summary in bold between the title and the chart
      (easy read), made from the figures the chart shows;
    - ``on_select`` (optional) goes to ``st.vega_lite_chart``: e.g. a callable run when a selection in
      the chart changes (the chart needs a selection parameter), which finds the selection in
      ``st.session_state[f"{key}-chart"]``;
    - "Show the numbers": the table behind the chart;
    - downloads: CSV (formula-safe, see data.exports.safe_csv), PNG and SVG. The files are
      built only when a button is clicked, and clicking does not rerun the page. A file leaves
      the app, so it holds protected figures (docs/disclosure.md): the CSV is ``data`` through
      ``measures.protected_frames.protect_frame`` with ``kinds`` (every column's kind) and
      ``k`` (``export_data`` instead of ``data`` where the page has the table's protected
      counterpart); the images are offered only where the chart itself is drawn from
      protected figures (``protected``).

    ``key`` must be unique on the page: every widget key is derived from it.
    """
    stem = _file_stem(title, key)

    st.subheader(title, anchor=False)
    if summary:
        st.markdown(f"**{escape_markdown(summary)}**")  # names from the store: never read as markdown
    # Streamlit copies the spec's top level before taking the data out of it, so the kept spec
    # is never changed.
    st.vega_lite_chart(_spec_of(chart), width="stretch", alt=alt_text, key=f"{key}-chart", on_select=on_select)
    st.caption(escape_markdown(alt_text))  # alt text carries names from the store
    if note:
        st.caption(escape_markdown(note))

    with st.expander("Show the numbers"):
        st.dataframe(data, hide_index=True, key=f"{key}-table")

    # Protected before any click, so a column without a kind fails when the page is drawn.
    exported = protect_frame(data if export_data is None else export_data, kinds, k)
    downloads = [("Data (CSV, protected figures)", lambda: safe_csv(exported), "csv", "text/csv",
                  ":material/download:")]
    if protected:
        downloads += [("Image (PNG)", lambda: to_png(chart), "png", "image/png", ":material/image:"),
                      ("Image (SVG)", lambda: to_svg(chart), "svg", "image/svg+xml", ":material/image:")]
    for column, (label, build, ending, mime, icon) in zip(st.columns(3), downloads, strict=False):
        # Built only when clicked; clicking does not rerun the page.
        column.download_button(label, data=build, file_name=f"{stem}.{ending}", mime=mime, key=f"{key}-{ending}",
                               on_click="ignore", icon=icon)
