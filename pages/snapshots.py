"""Board snapshots (stub: being built)."""

import streamlit as st

from components.page_guard import page_entry

PAGE_ID = "snapshots"


def render() -> None:
    st.title("Board snapshots", anchor=False)


page_entry(PAGE_ID, render)
