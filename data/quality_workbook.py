"""The data quality panel's lists in full, as one Excel workbook with a sheet per check (the page
shows only the first few of each). Written through data.safe_export, like every spreadsheet."""

from data.safe_export import safe_xlsx
from measures.data_quality import odd_values, participants_never_seen, sessions_without_register

IN_FULL = 100_000  # rows per list at most: far more than any organisation needs to work through
FILE_NAME = "data-quality.xlsx"


def quality_lists_xlsx(engine, limit: int = IN_FULL) -> bytes:
    return safe_xlsx({"Sessions without a register": sessions_without_register(engine, limit).rows,
                      "Participants never seen": participants_never_seen(engine, limit).rows,
                      "Values that look wrong": odd_values(engine, limit).rows})
