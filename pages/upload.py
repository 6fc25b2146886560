"""Bring in data (admins and staff): upload the data contract's CSV files or one workbook, see
every problem or a preview of what would change, then confirm. Nothing is written until then."""

import streamlit as st

from components.page_guard import page_entry
from measures.data_quality import table_counts
from components.store import current_engine
from components.upload_steps import (
    NOTHING_CHANGED, bring_in, mix_problem, preview_table, problems_table, saved_message,
    size_problems, template_csv,
)
from data.importing import ImportRejected, Problem
from data.importing.contract import ORDER
from data.importing.preview import preview_sources
from models.settings import get_setting

PAGE_ID = "upload"


def render() -> None:
    engine = current_engine()
    st.title("Bring in data", anchor=False)
    st.caption("Upload your records as the CSV files of the data contract (any of them, in any order), or one "
               "Excel workbook with a sheet per file. Everything is checked first: you see every problem, or "
               "what would change, before anything is saved.")
    if "upload-saved" in st.session_state:
        st.success(st.session_state.pop("upload-saved"), icon=":material/check_circle:")
    _upload(engine)
    st.subheader("What the dashboard holds now", anchor=False)
    st.dataframe(table_counts(engine), hide_index=True)
    _templates()


def _upload(engine) -> None:
    limit = float(get_setting(engine, "upload_limit_mb"))
    round_ = st.session_state.setdefault("upload-round", 0)  # a new key empties the uploader after saving
    uploaded = st.file_uploader(f"CSV files or one Excel workbook (up to {limit:g} MB each)", type=["csv", "xlsx"],
                                accept_multiple_files=True, key=f"upload-{round_}",
                                # The browser refuses bigger files itself (and says so), before sending them.
                                max_upload_size=max(1, int(limit)))
    if not uploaded:
        return
    refusals = size_problems([(f.name, f.size) for f in uploaded], limit)
    mixed = mix_problem([f.name for f in uploaded])
    if refusals or mixed:
        for message in [*refusals, *([mixed] if mixed else [])]:
            st.error(message, icon=":material/block:")
        st.info(NOTHING_CHANGED)
        return
    sources = [(f.name, f.getvalue()) for f in uploaded]
    try:
        with st.spinner("Checking every row..."):
            report = preview_sources(engine, sources)
    except ImportRejected as rejected:
        _show_problems(rejected.problems)
        return
    st.subheader("What would change", anchor=False)
    st.dataframe(preview_table(report), hide_index=True)
    if st.button("Bring these in", type="primary", icon=":material/upload:"):
        try:
            with st.spinner("Saving..."):
                saved = bring_in(engine, st.session_state.get("username"), sources)
        except ImportRejected as rejected:  # the store changed since the preview
            _show_problems(rejected.problems)
            return
        st.session_state["upload-saved"] = saved_message(saved)
        st.session_state["upload-round"] = round_ + 1
        st.rerun()


def _show_problems(problems: list[Problem]) -> None:
    count = len(problems)
    st.error(f"{count} problem{'s' * (count != 1)} to fix. {NOTHING_CHANGED} Fix the files and upload them again.",
             icon=":material/error:")
    st.dataframe(problems_table(problems), hide_index=True)


def _templates() -> None:
    st.subheader("Templates", anchor=False)
    st.caption("An empty file for each part of the data contract, holding just the header row.")
    columns = st.columns(4)
    for i, name in enumerate(ORDER):
        columns[i % 4].download_button(f"{name}.csv", data=lambda name=name: template_csv(name),
                                       file_name=f"{name}.csv", mime="text/csv", key=f"template-{name}",
                                       icon=":material/download:", on_click="ignore")


page_entry(PAGE_ID, render)
