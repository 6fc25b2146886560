"""The frameworks page's skills tab: every skill, adding your own, renaming, retiring and
deleting one (admins)."""

import streamlit as st

from components.cached_measures import store_check
from components.frameworks.inputs import act, choose, key, retire_or_delete, said
from data.frameworks import editor
from data.frameworks.page_rows import CODE_HELP, skill_use, skills_table

SECTION = "skill"


def skills(engine, me: str | None) -> None:
    listing = store_check(editor.skills_listing)
    st.dataframe(skills_table(listing), hide_index=True, width="stretch")
    said(SECTION)
    with st.expander("Add your own skill"):
        with st.form(key(SECTION, "add")):
            left, right = st.columns([1, 2])
            code = left.text_input("Code", help=CODE_HELP)
            name = right.text_input("Name", help="As young people will see it on the evaluation form.")
            if st.form_submit_button("Add skill"):
                act(SECTION, lambda: editor.add_skill(engine, code, name, me))
    with st.expander("Rename, retire or delete a skill"):
        by_code = listing.set_index("code")
        which = choose("Skill", dict(zip(by_code.index, by_code["name"], strict=True)), "chosen-skill")
        row = by_code.loc[which]
        with st.form(key(SECTION, which, "rename")):
            name = st.text_input("New name", value=row["name"])
            if st.form_submit_button("Rename skill"):
                act(SECTION, lambda: editor.rename_skill(engine, which, name, me))
        st.caption(skill_use(int(row["evaluations"]), row["retired"]))
        retire_or_delete(SECTION, "skill", (which,), row["retired"],
                         lambda retired: editor.set_skill_retired(engine, which, retired, me),
                         lambda: editor.delete_skill(engine, which, me))
