"""How the frameworks page changes things: each change through components.flash, under its
section's own key ("framework", "new-framework", "skill"), and followed by fresh, empty inputs.

Every input's key carries its section's generation, raised by a successful change: Streamlit
then draws new widgets, empty, instead of keeping what was typed. A refused change keeps it, to
be fixed.
"""

import hashlib
import json

import streamlit as st

from components import flash
from data.frameworks.editor import EditorError
from data.frameworks.page_rows import DELETE_HELP, RETIRE_HELP


def _generation(section: str) -> int:
    return st.session_state.get(f"{section}-generation", 0)


def key(section: str, *parts) -> str:
    """A widget key of `section` that changes with its generation."""
    return "-".join([section, str(_generation(section)), *map(str, parts)])


def act(section: str, change, then: dict | None = None) -> None:
    """Make the change (`change()` returns what to say); on success say it after a rerun, with fresh
    inputs and the session values in `then`; else say here why not."""
    fresh = {f"{section}-generation": _generation(section) + 1}
    flash.act(f"frameworks-{section}", change, problems=(EditorError,), then={**(then or {}), **fresh})


def said(section: str, more: str = "") -> None:
    """What the section's last change did, once, with `more` after it."""
    flash.show(f"frameworks-{section}", suffix=more)


def choose(label: str, names: dict, remembered: str) -> str:
    """A choice by code, shown by name, kept in `remembered` across reruns. The widget's key
    changes with the names: a browser keeps showing the old name of a renamed choice otherwise."""
    codes = list(names)
    current = st.session_state.get(remembered)
    digest = hashlib.sha1(json.dumps(names).encode()).hexdigest()[:12]
    chosen = st.selectbox(label, codes, index=codes.index(current) if current in names else 0,
                          format_func=names.get, key=f"{remembered}-{digest}")
    st.session_state[remembered] = chosen
    return chosen


def retire_or_delete(section: str, what: str, parts: tuple, retired: bool, set_retired, remove) -> None:
    """The buttons under a principle or a skill (`what`): retire it, or bring it back onto forms,
    and delete it. `set_retired(flag)` and `remove()` make the change and say what they did."""
    retire, delete = st.columns(2)
    if retired:
        if retire.button("Bring back onto forms", key=key(section, *parts, "back")):
            act(section, lambda: set_retired(False))
    elif retire.button("Retire", key=key(section, *parts, "retire"), help=RETIRE_HELP[what]):
        act(section, lambda: set_retired(True))
    if delete.button("Delete", key=key(section, *parts, "delete"), help=DELETE_HELP[what]):
        act(section, remove)
