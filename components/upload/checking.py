"""The upload page's steps, in Streamlit: the files chosen, checked (every problem, or a preview
of what would change), then saved on confirming. Nothing is written before then."""

import streamlit as st

from components.upload.steps import (
    NOTHING_CHANGED, PREVIEW_SCREEN, bring_in, confirm_label, mix_problem, preview_audit, preview_table, problems_table,
    saved_message, size_problems,
)
from components.view_audit import view_once
from data.importing import (
    ImportRejected,
    Problem,
    preview,  # looked up on each run: a test counts the dry runs
)
from measures.formatting import count, mean, plural
from models.settings import get_setting
from models.version import data_version

SAVED = "upload-saved"  # what the last save brought in, shown after the rerun that empties the uploader


def upload(engine, demo_names: list[str], me: str | None) -> None:
    limit = float(get_setting(engine, "upload_limit_mb"))
    round_ = st.session_state.setdefault("upload-round", 0)  # a new key empties the uploader after saving
    uploaded = st.file_uploader(f"CSV files or one Excel workbook (up to {_megabytes(limit)} each)",
                                type=["csv", "xlsx"], accept_multiple_files=True, key=f"upload-{round_}",
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
        st.session_state[SAVED] = saved_message(saved)
        st.session_state["upload-round"] = round_ + 1
        st.rerun()


def _megabytes(limit: float) -> str:
    """The upload limit, a number of MB: '20 MB', '2.5 MB'."""
    return f"{count(limit) if limit == int(limit) else mean(limit)} MB"


def _preview(engine, sources: list[tuple[str, bytes]], files: tuple, slot):
    """The dry run, done again only when the files or the store changed (not on the confirm click)."""
    key = (files, data_version(engine))
    kept = st.session_state.get("upload-preview")
    if kept and kept[0] == key:
        return kept[1]
    report = _with_progress(slot, "Checking...", lambda progress: preview.preview_sources(engine, sources, progress,
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
    st.error(f"{plural(len(problems), 'problem')} to fix. {NOTHING_CHANGED} Fix the files and upload them again.",
             icon=":material/error:")
    st.dataframe(problems_table(problems), hide_index=True)
