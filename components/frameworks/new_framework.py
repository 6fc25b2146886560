"""The frameworks page's tab for adding your own framework: a code, a name and its principles in
order, typed into a table (admins)."""

import streamlit as st

from components.frameworks.inputs import act, key, said
from components.frameworks.principles import CHOSEN
from data.frameworks import editor
from data.frameworks.page_rows import CODE_HELP, blank_principles, typed_principles
from models.settings import get_setting

SECTION = "new-framework"


def new_framework(engine, me: str | None) -> None:
    label = get_setting(engine, "work_label")
    st.write(f"For example your {label} policy's own considerations. Give the framework a code and a "
             "name, then list its principles in order, one a row. You can add more principles later.")
    said(SECTION, " It is now chosen under 'Frameworks and principles', where you can rename it or add more "
                  "principles.")
    with st.form(key(SECTION, "form")):
        left, right = st.columns([1, 2])
        code = left.text_input("Framework code", help=CODE_HELP)
        name = right.text_input("Framework name", help=f"As people will see it, e.g. 'Our {label} policy'.")
        description = st.text_area("Description (optional)", height=80)
        st.markdown("**Its principles**, in order, one a row (more rows appear as you fill the last one):")
        rows = st.data_editor(blank_principles(), num_rows="dynamic", hide_index=True, width="stretch",
                              column_config={"code": st.column_config.TextColumn("Principle code", help=CODE_HELP),
                                             "name": st.column_config.TextColumn("Principle name")})
        if st.form_submit_button("Add framework", type="primary"):
            principles = typed_principles(rows)
            act(SECTION, lambda: editor.add_framework(engine, code, name, description, principles, me),
                then={CHOSEN: code.strip()})
