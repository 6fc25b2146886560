"""Importing organisations' records (docs/import-contract.md): CSV files or .xlsx workbooks.

    report = import_files(engine, ["sessions.csv", "attendance.csv"])
    report = import_sources(engine, [("sessions.csv", content_bytes)])  # e.g. an upload

All or nothing: any problem raises ImportRejected(problems) and nothing is written."""

from data.importing.importer import import_files, import_sources
from data.importing.problems import FileCounts, ImportRejected, ImportReport, Problem

__all__ = ["FileCounts", "ImportRejected", "ImportReport", "Problem", "import_files",
           "import_sources"]
