"""Home ("/"): the app shell sends each person on to their role's own page."""

import streamlit as st

from components.app_shell import page_entry

PAGE_ID = "home"


def render() -> None:
    st.write("Opening your page...")


page_entry(PAGE_ID, render)
