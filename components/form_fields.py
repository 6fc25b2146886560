"""The Record page's building blocks: a form's round (its widgets start afresh after a save),
saving with a message either way, and fields that show stored values in plain words."""

from collections.abc import Callable

import streamlit as st

from components.cached_measures import store_check
from components.plain_text import escape_markdown
from data.forms import FormRejected, choices
from measures.formatting import count

SAVED = "record-saved"
SCORES = [1, 2, 3, 4, 5]
NOT_SET = "Not recorded"


def form_round(form: str) -> int:
    """Part of every widget key of a form: a new round after a save starts the form afresh."""
    return st.session_state.setdefault(f"record-round-{form}", 0)


def try_save(form: str, save) -> None:
    """Run `save`; on success show its message after a rerun (the form starts afresh), on
    failure list every problem. Nothing is saved when there is a problem."""
    try:
        message = save()
    except FormRejected as rejected:
        listed = "\n".join(f"- **{escape_markdown(p.field)}**: {escape_markdown(p.message)}" if p.field
                           else f"- {escape_markdown(p.message)}" for p in rejected.problems)
        st.error(f"Nothing was saved. Please fix:\n\n{listed}", icon=":material/error:")
        return
    st.session_state[SAVED] = message
    st.session_state[f"record-round-{form}"] = form_round(form) + 1
    st.rerun()


def show_saved() -> None:
    if SAVED in st.session_state:
        st.success(escape_markdown(st.session_state.pop(SAVED)), icon=":material/check_circle:")


def me() -> str | None:
    return st.session_state.get("username")


def pick(label: str, labels: dict, key: str, optional: bool = False, **kwargs):
    """A selectbox over stored values, shown in plain words; an optional one starts empty."""
    if optional:
        kwargs.update(index=None, placeholder=NOT_SET)
    return st.selectbox(label, list(labels), key=key, format_func=labels.get, **kwargs)


def pick_programme(key: str, optional: bool = False, label: str = "Programme"):
    programmes = store_check(choices.programmes)
    names = dict(zip(programmes["code"], programmes["name"], strict=True))
    return pick(label, {code: f"{name} ({code})" for code, name in names.items()}, key, optional)


def pick_session(key: str):
    sessions = store_check(choices.sessions)
    shown = {row.code: f"{row.code}: {row.date.isoformat()}, {row.programme}" + (f", {row.title}" if row.title else "")
             for row in sessions.itertuples(index=False)}
    return st.selectbox("Session", list(shown), index=None, key=key, format_func=shown.get, filter_mode="contains",
                        placeholder="Type a session code or date to search", help="The latest sessions first.")


MAX_LISTED = 1000  # more codes than this in one list made each view of the page slow (docs/decisions.md)


def findable(key: str, total: int, search: Callable[[str], list[str]], keep=()) -> list[str]:
    """Codes for a picker: all of them (`search("")`) when there are at most MAX_LISTED (`total`);
    else a search box first, and the first MAX_LISTED containing what was typed (`search(typed)`,
    in lower case), with the codes in `keep` (e.g. already picked) first."""
    if total <= MAX_LISTED:
        return search("")
    typed = st.text_input("Find a participant code", key=f"{key}-find",
                          placeholder=f"{count(total)} participants: type part of a code first").strip().lower()
    return list(dict.fromkeys([*keep, *(search(typed) if typed else [])]))


def participant_codes(key: str, side: str | None = None, keep=()) -> tuple[list[str], dict[str, str]]:
    """`findable` participants of `side` (data.forms.choices: YOUNG, OTHERS, None for everyone)
    found in the store, and the role of each code listed; a code of `keep` the store no longer
    holds is left out."""
    total = store_check(choices.participant_count, side)
    found: dict[str, str] = {}

    def search(typed: str) -> list[str]:
        found.update(store_check(choices.participants_containing, typed, side, MAX_LISTED))
        return list(found)
    listed = findable(key, total, search, keep)
    roles = {**store_check(choices.roles_of, tuple(code for code in keep if code not in found)), **found}
    return [code for code in listed if code in roles], roles


def scores(items, key: str) -> dict:
    """1-5 buttons per item (code, name), two items a row; an item left blank is not scored, and
    clicking the chosen score again clears it."""
    columns = st.columns(2)
    return {code: columns[i % 2].segmented_control(name, SCORES, key=f"{key}-{code}")
            for i, (code, name) in enumerate(items)}
