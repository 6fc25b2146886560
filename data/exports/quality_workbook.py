"""The data quality panel's lists in full, as one Excel workbook with a sheet per check (the page
shows only the first few of each). Written through data.exports.safe_export, like every spreadsheet.
Building it is audited: who downloaded it, and the participant codes it holds."""

import pandas as pd

from data.exports.safe_export import safe_xlsx
from measures.data_quality import odd_values, participants_never_seen, sessions_without_register
from models.audit import DOWNLOADED, record_view

IN_FULL = 100_000  # rows per list at most: far more than any organisation needs to work through
FILE_NAME = "data-quality.xlsx"
SCREEN = "data quality"


def quality_lists_xlsx(engine, limit: int = IN_FULL, actor: str | None = None) -> bytes:
    never_seen = participants_never_seen(engine, limit).rows
    odd = odd_values(engine, limit).rows
    book = safe_xlsx({"Sessions without a register": sessions_without_register(engine, limit).rows,
                      "Participants never seen": never_seen,
                      "Values that look wrong": odd})
    record_view(engine, actor, SCREEN, participant_codes(never_seen, odd), action=DOWNLOADED, file=FILE_NAME)
    return book


def participant_codes(never_seen: pd.DataFrame, odd: pd.DataFrame) -> list[str]:
    """The participant codes the lists name: those never seen, and those in a value that looks
    wrong (an attendance is 'session / participant', an evaluation 'participant / skill / when')."""
    codes = list(never_seen["Participant"])
    for table, code in zip(odd["Table"], odd["Code"], strict=True):
        if table == "Attendance":
            codes.append(str(code).rsplit(" / ", 1)[-1])
        elif table == "Evaluations":
            codes.append(str(code).rsplit(" / ", 2)[0])
    return list(dict.fromkeys(codes))
