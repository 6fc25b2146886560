"""Rate a session (no account): opened from a session's rating link or QR code. The app shell
runs this page alone, so nothing else of the app can be reached from it; an unknown, expired,
closed or full link gets one plain message and nothing else. Easy read lives in the browser
session here, on at first (components/easy_read.py)."""

import streamlit as st

from components.app_shell import RATE_PARAM, page_entry
from components.chrome import hide_chrome
from components.connection import current_engine
from components.easy_read import browser_easy_read, browser_easy_read_switch
from components.rating_links.device import this_device
from components.rating_links.rating_form import RATING_CSS, not_open, rating_form, session_heading, thank_you
from data.rating_links.links import find_link

PAGE_ID = "rate"


def render() -> None:
    hide_chrome(extra=RATING_CSS.removeprefix("<style>").removesuffix("</style>"))
    token = st.query_params.get(RATE_PARAM, "")
    device = this_device()
    link = find_link(current_engine(), token, device=device)  # every token costs the same look-up
    if link is None:
        st.title("How was this session?", anchor=False)
        st.info(not_open(browser_easy_read()), icon=":material/link_off:")
        return
    easy = browser_easy_read_switch()
    with st.container(key="rating"):
        session_heading(link)
        if not thank_you(easy):
            rating_form(current_engine(), link, token, device, st.context.ip_address, easy)


page_entry(PAGE_ID, render)
