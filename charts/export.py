"""Static exports of Altair charts (PNG, SVG) with vl-convert: offline, no browser.

Pure module: no Streamlit import anywhere under ``charts/``. PNG is the format to embed in
PDFs (fpdf2 fails on vl-convert's SVG).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import vl_convert as vlc

# Width (px, before ``scale``) given to single-view charts that leave their width to the page
# (no width, or "container"): outside the page Vega-Lite's default is a narrow ~130 px.
EXPORT_WIDTH = 640


def _vl_version() -> str | None:
    """The Vega-Lite version Altair writes (e.g. "6.4"), if vl-convert knows it."""
    version = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
    return version if version in vlc.get_vegalite_versions() else None


def export_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """The Vega-Lite spec to export: ``chart.to_dict()``, with ``EXPORT_WIDTH`` for a single
    or layered view that sets no fixed width. Concatenated/faceted charts are left as they are."""
    spec = chart.to_dict()
    single_view = "mark" in spec or "layer" in spec
    if single_view and spec.get("width") in (None, "container"):
        spec["width"] = EXPORT_WIDTH
    return spec


def to_png(chart: alt.TopLevelMixin, *, scale: float = 2) -> bytes:
    """The chart as PNG bytes, rendered at ``scale`` times its size (2 = sharp on print)."""
    return vlc.vegalite_to_png(export_spec(chart), vl_version=_vl_version(), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as an SVG document (text)."""
    return vlc.vegalite_to_svg(export_spec(chart), vl_version=_vl_version())
