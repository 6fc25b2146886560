"""Forum explorer (stub: being built)."""

import streamlit as st

from components.page_guard import page_entry

PAGE_ID = "explorer"


def render() -> None:
    st.title("Forum explorer", anchor=False)


page_entry(PAGE_ID, render)
