"""The explorer's static CSS (no data in it). The values written on the chart let clicks through to
the bar, point or square under them (a Vega-Lite selection belongs to one layer); presentation mode
keeps only the chart and the sentence, large, for a projector."""

import streamlit as st

from components.chrome import hide_chrome

CHART_CSS = "<style>.st-key-explorer-panel .mark-text {pointer-events: none;}</style>"
# Hidden in presentation mode besides the app's chrome (containers keyed on the page).
PRESENTATION_HIDES = (".st-key-explorer-heading", ".st-key-explorer-controls", ".st-key-explorer-saved",
                      '.st-key-explorer-panel [data-testid="stExpander"]',
                      '.st-key-explorer-panel [data-testid="stDownloadButton"]',
                      '.st-key-explorer-panel [data-testid="stCaptionContainer"]')
PRESENTATION_SIZES = """[data-testid="stMainBlockContainer"] {max-width: 100%; padding: 1rem 3rem 2rem 3rem;}
.st-key-explorer-sentence p {font-size: 2.4rem; line-height: 1.2; font-weight: 700;}
.st-key-explorer-scope p {font-size: 1.4rem;}
.st-key-explorer-definition p {font-size: 1.3rem; color: #444444;}
.st-key-explorer-panel h3 {font-size: 1.8rem; line-height: 1.4;}
"""


def explorer_style(present: bool) -> None:
    st.html(CHART_CSS)
    if present:
        hide_chrome(also=PRESENTATION_HIDES, extra=PRESENTATION_SIZES)
