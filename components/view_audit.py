"""Audit of participant-level views: a screen showing participant codes records who saw it once
per session and thing shown, not on every rerun (a Streamlit page reruns on every click)."""

from collections.abc import Callable, Hashable, Iterable

import streamlit as st

from models.audit import record_view

SEEN = "view-audit-seen"  # the (screen, what was shown) already recorded in this session


def signed_in() -> str | None:
    return st.session_state.get("username")


def view_once(engine, screen: str, shown: Hashable, codes: Iterable[str] | Callable[[], Iterable[str]] = (),
              **detail) -> bool:
    """Record that the signed-in person viewed `screen` showing `shown` (a session code, the data
    version...), unless this session already did. `codes` may be a callable, then only called when
    an entry is written. True when an entry was written."""
    seen = st.session_state.setdefault(SEEN, set())
    key = (screen, shown)
    if key in seen:
        return False
    record_view(engine, signed_in(), screen, codes() if callable(codes) else codes, **detail)
    seen.add(key)
    return True
