"""Data quality (admins and staff): what the store holds, what is missing, and values that look wrong."""

import streamlit as st

from components import cached_measures as cached
from components.app_shell import page_entry
from components.connection import current_engine, current_version
from components.view_audit import signed_in, view_once
from data.exports.quality_workbook import FILE_NAME, SCREEN, participant_codes, quality_lists_xlsx
from data.exports.safe_export import XLSX
from measures.data_quality import quality_checks
from measures.formatting import count, noun

PAGE_ID = "data-quality"
SHOWN = 50
INTRO = ("Checks on the records themselves, across all dates. Fix what is listed in your spreadsheet or with the "
         "forms, then bring the data in again. Participant codes are shown: this page is for admins and staff only.")


def render() -> None:
    engine = current_engine()
    st.title("Data quality", anchor=False)
    st.caption(INTRO)
    st.subheader("What the dashboard holds", anchor=False)
    checks = cached.store_check(quality_checks, SHOWN)  # every check at once, side by side
    st.dataframe(checks.table_counts, hide_index=True)

    st.subheader("Checks", anchor=False)
    awaiting = checks.awaiting
    if awaiting.keys:
        st.markdown(f"**{count(awaiting.keys)}** skill {noun(awaiting.keys, 'survey')} taken before a programme "
                    f"still {noun(awaiting.keys, 'has', 'have')} no 'after' survey, for "
                    f"**{count(awaiting.young_people)}** {noun(awaiting.young_people, 'young person', 'young people')}"
                    ". Skills gained can only be shown once both are in.")
    else:
        _all_clear("Every 'before' skills survey has an 'after' survey to pair with.")

    _check(checks.no_register, "{n} {things} no register (no one marked present or absent).",
           ("session has", "sessions have"), "Every session has a register.")
    never_seen = checks.never_seen
    _check(never_seen, "{n} {things} on no register at all.",
           ("participant is", "participants are"), "Every participant is on at least one register.")
    odd = checks.odd
    _check(odd, "{n} {things} wrong.", ("value looks", "values look"), "No values look wrong.")
    # Audited once per session and data version (not on every rerun), naming the codes listed.
    view_once(engine, SCREEN, current_version(), participant_codes(never_seen.rows, odd.rows))
    me = signed_in()  # read here: the download's callable runs off the page's thread, on click
    st.download_button("Download the lists (Excel)", data=lambda: quality_lists_xlsx(engine, actor=me),
                       file_name=FILE_NAME, mime=XLSX, on_click="ignore", icon=":material/download:",
                       key="quality-xlsx",
                       help="Every session, participant and value listed above, in full, with a sheet per check.")


def _check(found, sentence: str, words: tuple[str, str], clear: str) -> None:
    if not found.count:
        _all_clear(clear)
        return
    st.markdown(sentence.format(n=f"**{count(found.count)}**", things=noun(found.count, *words)))
    shown = "" if found.count <= len(found.rows) else f" (the first {count(len(found.rows))})"
    with st.expander(f"Show them{shown}"):
        st.dataframe(found.rows, hide_index=True)


def _all_clear(message: str) -> None:
    st.success(f"All clear: {message}", icon=":material/check_circle:")


page_entry(PAGE_ID, render)
