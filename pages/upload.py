"""Bring in data (admins and staff): upload the data contract's CSV files or one workbook, see
every problem or a preview of what would change, then confirm. Nothing is written until then."""

import streamlit as st

from components.page_guard import page_entry
from components.store import current_engine, is_demo
from components.upload_steps import (
    DEMO_RECORDS_GO, NOTHING_CHANGED, PREVIEW_SCREEN, bring_in, confirm_label, demo_accounts, demo_warning,
    mix_problem, preview_audit, preview_table, problems_table, saved_message, size_problems, template_csv,
)
from components.view_audit import view_once
from data.importing import ImportRejected, Problem
from data.importing.contract import ORDER
from data.importing.example_workbook import FILE_NAME, example_workbook
from data.importing.preview import preview_sources
from data.safe_export import XLSX
from measures.data_quality import table_counts
from models.settings import get_setting
from models.version import data_version

PAGE_ID = "upload"


def render() -> None:
    engine = current_engine()
    me = st.session_state.get("username")
    st.title("Bring in data", anchor=False)
    st.caption("Upload your records as the CSV files of the data contract (any of them, in any order), or one "
               "Excel workbook with a sheet per file. Everything is checked first: you see every problem, or "
               "what would change, before anything is saved.")
    if "upload-saved" in st.session_state:
        st.success(st.session_state.pop("upload-saved"), icon=":material/check_circle:")
    demo = is_demo()
    demo_names = demo_accounts(engine) if demo else []
    if demo:
        st.warning(DEMO_RECORDS_GO, icon=":material/science:")
    warning = demo_warning(demo_names, me, (st.session_state.get("roles") or [None])[0])
    if warning:
        st.warning(warning, icon=":material/logout:")
    _upload(engine, demo_names, me)
    st.subheader("What the dashboard holds now", anchor=False)
    st.dataframe(table_counts(engine), hide_index=True)
    _templates(engine)


def _upload(engine, demo_names: list[str], me: str | None) -> None:
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
    slot = st.empty()  # progress, checking then saving, shows here: under the files, where the eye is
    files = tuple((f.file_id, f.name, f.size) for f in uploaded)
    try:
        report = _preview(engine, sources, files, slot)
    except ImportRejected as rejected:
        _show_problems(rejected.problems)
        return
    view_once(engine, PREVIEW_SCREEN, files, None, **preview_audit(report, [f.name for f in uploaded]))
    st.subheader("What would change", anchor=False)
    st.dataframe(preview_table(report), hide_index=True)
    if st.button(confirm_label(demo_names, me), type="primary", icon=":material/upload:"):
        try:
            saved = _with_progress(slot, "Saving...", lambda progress: bring_in(engine, me, sources, progress))
        except ImportRejected as rejected:  # the store changed since the preview
            _show_problems(rejected.problems)
            return
        st.session_state.pop("upload-preview", None)
        st.session_state["upload-saved"] = saved_message(saved)
        st.session_state["upload-round"] = round_ + 1
        st.rerun()


def _preview(engine, sources: list[tuple[str, bytes]], files: tuple, slot):
    """The dry run, done again only when the files or the store changed (not on the confirm click)."""
    key = (files, data_version(engine))
    kept = st.session_state.get("upload-preview")
    if kept and kept[0] == key:
        return kept[1]
    report = _with_progress(slot, "Checking...", lambda progress: preview_sources(engine, sources, progress,
                                                                                        replace_demo=True))
    st.session_state["upload-preview"] = (key, report)
    return report


def _with_progress(slot, first_line: str, run):
    """Run `run(progress)` with a progress bar and a status line in `slot`, removed when it ends."""
    bar = slot.progress(0.0, text=first_line)
    try:
        return run(lambda line, fraction: bar.progress(fraction, text=line))
    finally:
        slot.empty()


def _show_problems(problems: list[Problem]) -> None:
    count = len(problems)
    st.error(f"{count} problem{'s' * (count != 1)} to fix. {NOTHING_CHANGED} Fix the files and upload them again.",
             icon=":material/error:")
    st.dataframe(problems_table(problems), hide_index=True)


def _templates(engine) -> None:
    st.subheader("Templates", anchor=False)
    st.caption("An example workbook: a sheet per file with two example rows each (codes starting EX-), and an "
               "'Allowed values' sheet listing every value the coded columns accept and how to write dates. It "
               "can be uploaded as it is, to try the import.")
    st.download_button("Example workbook (.xlsx)", data=lambda: example_workbook(engine), file_name=FILE_NAME,
                       mime=XLSX, key="template-example", icon=":material/download:", on_click="ignore")
    st.caption("Or an empty file for each part of the data contract, holding just the header row.")
    columns = st.columns(4)
    for i, name in enumerate(ORDER):
        columns[i % 4].download_button(f"{name}.csv", data=lambda name=name: template_csv(name),
                                       file_name=f"{name}.csv", mime="text/csv", key=f"template-{name}",
                                       icon=":material/download:", on_click="ignore")


page_entry(PAGE_ID, render)
