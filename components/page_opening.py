"""The opening of a page that changes records: its title and what it is for, then the store it
works on and who is signed in to make the changes (each one recorded in the audit log under
that name)."""

import streamlit as st
from sqlalchemy.engine import Engine

from components.connection import current_engine


def page_opening(title: str, about: str | None = None) -> tuple[Engine, str | None]:
    """(engine, signed-in username), after the page's title and, when given, what it is for."""
    engine = current_engine()
    st.title(title, anchor=False)
    if about:
        st.caption(about)
    return engine, st.session_state.get("username")
