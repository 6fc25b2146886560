"""Act, rerun, say what happened: the one way a page reports the result of a change.

A change made by a button has to show in every list on the page, so the page reruns after it;
the message would be lost with that rerun, so it is kept in the session under the page's own
key and shown, once, on the next run.

    act(key, change, ...)   run `change()`; on success keep its message and rerun; on a
                            known problem (`problems`) show why, here, and change nothing
    say(key, text, kind)    keep a message for the next run (from a widget callback)
    show(key)               show the kept message, once; returns its kind ("success", ...)
"""

import streamlit as st

from components.plain_text import escape_markdown

ICONS = {"success": ":material/check_circle:", "error": ":material/error:", "info": ":material/info:"}


def _store_key(key: str) -> str:
    return f"flash-{key}"


def say(key: str, text: str, kind: str = "success") -> None:
    st.session_state[_store_key(key)] = (kind, text)


def act(key: str, change, problems: tuple[type[Exception], ...] = (ValueError,), kind: str = "success",
        then: dict | None = None) -> None:
    """`change()` returns the message to show after the rerun. `then` sets session values (such as
    the next choice of a select box) before the rerun."""
    try:
        message = change()
    except problems as problem:
        st.error(escape_markdown(str(problem)), icon=ICONS["error"])
        return
    st.session_state.update(then or {})
    say(key, message, kind)
    st.rerun()


def show(key: str, toast: bool = False, suffix: str = "", icon: str | None = None) -> str | None:
    """Show the message kept under `key` (escaped: it may hold names people typed), once.
    Returns its kind, or None when there was none."""
    kind, text = st.session_state.pop(_store_key(key), (None, None))
    if kind is None:
        return None
    text = escape_markdown(text + suffix)
    if toast:
        st.toast(text, icon=icon or ICONS.get(kind, ICONS["info"]))
    elif kind == "error":
        st.error(text, icon=ICONS["error"])
    elif kind == "info":
        st.info(text, icon=ICONS["info"])
    else:
        st.success(text, icon=ICONS["success"])
    return kind
