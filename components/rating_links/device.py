"""Which device is answering through a rating link: a random id in a cookie of its own (one
response per device; a second send replaces the first). Read from the request's cookies; a new
one is written with the sign-in's cookie writer (which draws no cookie reader, whose reply would
rerun the page and could stop a Send under way), and kept in the session so the same visit
always counts as one device even where cookies are refused."""

import secrets
from datetime import timedelta

import streamlit as st

from components.sign_in import CookieWriter

from models.clock import utcnow

COOKIE = "coprod_rating_device"
SESSION_KEY = "rating-device"


def this_device() -> str:
    device = st.session_state.get(SESSION_KEY) or st.context.cookies.get(COOKIE)
    if not device or len(device) > 64:
        device = secrets.token_urlsafe(16)
        CookieWriter().set(
            COOKIE, device, expires_at=utcnow() + timedelta(days=30), key="rating-device-set", same_site="strict")
    st.session_state[SESSION_KEY] = device
    return device
