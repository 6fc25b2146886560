"""Entry point of the co-production health dashboard: `streamlit run app.py`."""

import altair as alt
import streamlit as st

from components.app_shell import main

# Altair checks every part of a chart against its JSON schema as the part is built, which cost
# about a third of each page view (docs/decisions.md). The chart builders' unit tests validate every chart.
alt.utils.schemapi.disable_debug_mode()
st.set_page_config(page_title="Co-production health", page_icon=":material/diversity_3:", layout="wide")
main()
