"""Bring in data (admins and staff): upload the data contract's CSV files or one workbook, see
every problem or a preview of what would change, then confirm. Nothing is written until then."""

import streamlit as st

from components import cached_measures as cached
from components.app_shell import page_entry
from components.connection import is_demo
from components.page_opening import page_opening
from components.upload.checking import SAVED, upload
from components.upload.steps import DEMO_RECORDS_GO, demo_accounts, demo_warning
from components.upload.templates import templates
from measures.data_quality import table_counts

PAGE_ID = "upload"


def render() -> None:
    engine, me = page_opening("Bring in data", "Upload your records as the CSV files of the data contract (any of "
                              "them, in any order), or one Excel workbook with a sheet per file. Everything is "
                              "checked first: you see every problem, or what would change, before anything is saved.")
    if SAVED in st.session_state:  # contract file names and counts only: nothing typed by anyone
        st.success(st.session_state.pop(SAVED), icon=":material/check_circle:")
    demo = is_demo()
    demo_names = demo_accounts(engine) if demo else []
    if demo:
        st.warning(DEMO_RECORDS_GO, icon=":material/science:")
    warning = demo_warning(demo_names, me, (st.session_state.get("roles") or [None])[0])
    if warning:
        st.warning(warning, icon=":material/logout:")
    upload(engine, demo_names, me)
    st.subheader("What the dashboard holds now", anchor=False)
    st.dataframe(cached.store_check(table_counts), hide_index=True)
    templates(engine)


page_entry(PAGE_ID, render)
