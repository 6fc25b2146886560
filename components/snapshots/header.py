"""The top of an open board snapshot: its name, meeting, period and what it is compared with,
how its figures are protected, and the board pack's download beside the print view's switch."""

import streamlit as st

from board_snapshots.board_pack import board_pack_for, previous_words
from board_snapshots.page_text import FIRST, meeting_line, pack_file_name, protection_note
from board_snapshots.saved import Snapshot
from components.plain_text import escape_markdown
from components.snapshots.print_view import print_toggle


def header(engine, snapshot: Snapshot, before: Snapshot | None, printing: bool) -> None:
    st.header(escape_markdown(snapshot.name), anchor=False)  # a name is data: never read as markdown
    compared = (f"Compared with the previous snapshot, {escape_markdown(previous_words(before))}." if before else
                FIRST)
    st.markdown(f"{meeting_line(snapshot)} {compared}")
    st.caption(f"{protection_note(snapshot)} by {escape_markdown(snapshot.created_by)}.")
    left, right = st.columns([1, 1])
    if printing:
        right = left  # nothing beside the switch back
    else:
        left.download_button("Download the board pack (PDF)", data=lambda: board_pack_for(engine, snapshot.name),
                             file_name=pack_file_name(snapshot.name), mime="application/pdf",
                             on_click="ignore", type="primary", icon=":material/picture_as_pdf:",
                             key=f"pdf-{snapshot.name}")
    print_toggle(right)


def data_version(snapshot: Snapshot) -> None:
    st.caption("Data version (a fingerprint of the records when it was taken): "
               + escape_markdown(snapshot.data_version.replace(";", "; ")))
