"""The upload page's templates: an example workbook that can be uploaded as it is, and an empty
CSV file (the header row) for each part of the data contract."""

import streamlit as st

from components.upload.steps import template_csv
from data.exports.safe_export import XLSX
from data.importing.contract import ORDER
from data.importing.example_workbook import FILE_NAME, example_workbook


def templates(engine) -> None:
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
