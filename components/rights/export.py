"""Exporting everything held about one participant (admins): the same records as an Excel
workbook, a sheet per table, or as JSON for other systems. Audited when a file is built
(data.participant_rights.export_participant)."""

import json
import re

import streamlit as st

from data.exports.safe_export import XLSX, records_xlsx
from data.participant_rights import export_participant


def _file_name(code: str, extension: str) -> str:
    return "participant-" + re.sub(r"[^A-Za-z0-9_-]", "_", code) + "." + extension


def export(engine, code: str, me: str | None) -> None:
    st.subheader("Export", anchor=False)
    st.caption("The same records either way: Excel has a sheet per table, JSON is for other systems.")

    # Both run on click, off the page's thread: audited only when downloaded.
    def as_json() -> bytes:
        return json.dumps(export_participant(engine, code, actor=me), indent=2, ensure_ascii=False).encode("utf-8")

    def as_excel() -> bytes:
        return records_xlsx(export_participant(engine, code, actor=me))

    left, right = st.columns(2)
    left.download_button("Download everything held (Excel)", data=as_excel, file_name=_file_name(code, "xlsx"),
                         mime=XLSX, on_click="ignore", icon=":material/download:", key=f"export-xlsx-{code}")
    right.download_button("Download everything held (JSON)", data=as_json, file_name=_file_name(code, "json"),
                          mime="application/json", on_click="ignore", icon=":material/download:",
                          key=f"export-{code}")
