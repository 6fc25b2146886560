"""Frameworks and skills (stub: being built)."""

import streamlit as st

from components.page_guard import page_entry

PAGE_ID = "frameworks"


def render() -> None:
    st.title("Frameworks and skills", anchor=False)


page_entry(PAGE_ID, render)
