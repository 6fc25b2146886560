"""Colour choices shared by every chart: safe for colour-blind readers.

Pure module: no Streamlit import anywhere under ``charts/``.
"""

from __future__ import annotations

import altair as alt

# Okabe & Ito (2008) "Color Universal Design" palette, ordered for categorical use:
# the strongest, most distinct colours first, the pale yellow and black last.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow (low contrast on white: keep it late)
    "#000000",  # black
)

# Named colours for single-series charts and annotations.
PRIMARY = OKABE_ITO[0]
HIGHLIGHT = OKABE_ITO[3]
NEUTRAL = "#9E9E9E"  # "no data", reference lines, greyed-out categories

# Vega colour schemes (by name) for continuous encodings.
SEQUENTIAL_SCHEME = "viridis"  # heatmaps: perceptually uniform, readable with colour-blindness
DIVERGING_SCHEME = "blueorange"  # values around a midpoint (e.g. change since last period)


def categorical_scale(domain: list[str] | tuple[str, ...] | None = None) -> alt.Scale:
    """An Altair colour scale using the Okabe-Ito palette.

    With ``domain`` the colours are fixed per category (same category, same colour on
    every chart). More categories than colours raises ValueError: group the rest as "Other".
    """
    if domain is None:
        return alt.Scale(range=list(OKABE_ITO))
    domain = list(domain)
    if len(domain) > len(OKABE_ITO):
        raise ValueError(
            f"{len(domain)} categories but only {len(OKABE_ITO)} distinguishable colours; "
            "group the smaller ones as 'Other'"
        )
    return alt.Scale(domain=domain, range=list(OKABE_ITO[: len(domain)]))


def sequential_scale(**kwargs) -> alt.Scale:
    """An Altair colour scale for heatmaps (``SEQUENTIAL_SCHEME``); kwargs go to ``alt.Scale``."""
    return alt.Scale(scheme=SEQUENTIAL_SCHEME, **kwargs)
