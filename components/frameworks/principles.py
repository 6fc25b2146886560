"""The frameworks page's first tab: every framework, the chosen one's principles, and renaming,
adding, retiring and deleting them (admins)."""

import pandas as pd
import streamlit as st

from components.cached_measures import store_check
from components.frameworks.inputs import act, choose, key, retire_or_delete, said
from components.plain_text import escape_markdown
from data.frameworks import editor
from data.frameworks.page_rows import CODE_HELP, frameworks_table, principle_use, principles_table, rated_framework

SECTION = "framework"
CHOSEN = "chosen-framework"  # the framework shown, by code (a new framework is chosen once added)


def frameworks(engine, me: str | None) -> None:
    listing = store_check(editor.frameworks_listing)
    st.dataframe(frameworks_table(listing), hide_index=True, width="stretch")
    code = choose("Framework to look at or change", dict(zip(listing["code"], listing["name"], strict=True)), CHOSEN)
    chosen = listing.set_index("code").loc[code]
    if chosen["description"]:
        st.caption(escape_markdown(chosen["description"]))
    said(SECTION)
    principles = store_check(editor.principles_listing, code)
    if principles.empty:
        st.info("This framework has no principles yet. Add them below.")
    else:
        st.dataframe(principles_table(principles), hide_index=True, width="stretch")
    with st.expander("Rename or describe this framework"):
        _rename_framework(engine, me, code, chosen)
    with st.expander("Add a principle to this framework"):
        _add_principle(engine, me, code)
    if not principles.empty:
        with st.expander("Rename, retire or delete a principle"):
            _change_principle(engine, me, code, principles)
    if not chosen["builtin"]:
        with st.expander("Delete this framework"):
            _delete_framework(engine, me, code, chosen)


def _rename_framework(engine, me, code: str, chosen) -> None:
    with st.form(key(SECTION, code, "rename")):
        name = st.text_input("Name", value=chosen["name"])
        description = st.text_area("Description (optional)", value=chosen["description"] or "", height=80)
        if st.form_submit_button("Save name and description"):
            act(SECTION, lambda: editor.rename_framework(engine, code, name, me, description=description))


def _add_principle(engine, me, code: str) -> None:
    with st.form(key(SECTION, code, "add-principle")):
        left, middle, right = st.columns([2, 3, 1])
        new_code = left.text_input("Code", help=CODE_HELP)
        name = middle.text_input("Name", help="As people will see it on forms and charts.")
        position = right.number_input("Order", min_value=1, step=1, value=None,
                                      help="Where it goes in the list (1 = first). Leave empty to put it last.")
        if st.form_submit_button("Add principle"):
            act(SECTION, lambda: editor.add_principle(engine, code, new_code, name, me,
                                                      position=None if position is None else int(position)))


def _change_principle(engine, me, code: str, principles: pd.DataFrame) -> None:
    by_code = principles.set_index("code")
    which = choose("Principle", dict(zip(by_code.index, by_code["name"], strict=True)), f"chosen-principle-{code}")
    row = by_code.loc[which]
    with st.form(key(SECTION, code, which, "rename-principle")):
        name = st.text_input("New name", value=row["name"])
        if st.form_submit_button("Rename principle"):
            act(SECTION, lambda: editor.rename_principle(engine, code, which, name, me))
    st.caption(principle_use(int(row["ratings"]), row["retired"]))
    retire_or_delete(SECTION, "principle", (code, which), row["retired"],
                     lambda retired: editor.set_principle_retired(engine, code, which, retired, me),
                     lambda: editor.delete_principle(engine, code, which, me))


def _delete_framework(engine, me, code: str, chosen) -> None:
    ratings = int(chosen["ratings"])
    if ratings:
        st.info(rated_framework(ratings))
        return
    st.write("Deletes this framework and its principles. Only possible while nobody has rated any of them.")
    sure = st.checkbox("Yes, delete this framework", key=key(SECTION, code, "sure"))
    if st.button("Delete framework", disabled=not sure, key=key(SECTION, code, "delete")):
        act(SECTION, lambda: editor.delete_framework(engine, code, me))
