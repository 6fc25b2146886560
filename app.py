"""Entry point of the co-production health dashboard: `streamlit run app.py`."""

import streamlit as st

from components.app_shell import main

st.set_page_config(page_title="Co-production health", page_icon=":material/diversity_3:", layout="wide")
main()
