"""A click on a bar, point or square of the explorer's chart: the view narrows to that group and
splits what is inside it (`measures.explorer.drill`), by setting the widgets' own values (the
sidebar's filters through `components.filters.FILTER_KEYS`), then says so in a toast."""

import streamlit as st

from charts.explorer import PICK
from components.explorer.pickers import BY, FOCUS_KEYS, SPLIT, WHEN
from components.filters import FILTER_KEYS
from components.flash import say
from measures.explorer.drill import look_inside
from measures.explorer.page_text import looked_inside

CHART = "explorer"  # show_chart's key: the chart's selection is in st.session_state["explorer-chart"]
ON_SCREEN = "explorer-on-screen"  # what the chart shows, for the click handler
FLASH = "explorer-look-inside"  # components.flash key: the page shows it as a toast


def remember_view(measure: str, dims: list[str]) -> None:
    """What the chart shows (its measure and splits), for the click handler to read."""
    st.session_state[ON_SCREEN] = {"measure": measure, "dims": dims}


def on_click() -> None:
    """The chart's `on_select`: filter to the group clicked and split what is inside it."""
    shown = st.session_state.get(ON_SCREEN)
    points = ((st.session_state.get(f"{CHART}-chart") or {}).get("selection") or {}).get(PICK) or []
    if not shown or not points:
        return
    inside = look_inside(shown["measure"], shown["dims"], points[0])
    if inside.when:
        st.session_state[WHEN] = inside.when
    for dimension, value in inside.groups.items():
        st.session_state[FILTER_KEYS.get(dimension) or FOCUS_KEYS[dimension]] = [value]
    if inside.split:
        st.session_state[SPLIT], st.session_state[BY] = inside.split, ""
    message = looked_inside(inside)
    if message:
        say(FLASH, message, "info")
