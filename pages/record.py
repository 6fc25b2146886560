"""Record (stub: being built)."""

import streamlit as st

from components.page_guard import page_entry

PAGE_ID = "record"


def render() -> None:
    st.title("Record", anchor=False)


page_entry(PAGE_ID, render)
