"""The example workbook offered on the upload page: a sheet per contract file (headers exactly as
the importer expects, two example rows that import cleanly), and an "Allowed values" sheet.

The example rows use codes starting EX- and the store's own skill, framework and principle codes,
so the workbook imports as it is, into an empty store or this one. Enumerated columns get a
drop-down list of their allowed values (a warning, not a refusal, for other spellings the
importer also accepts, such as 'Yes' or a ladder rung's number)."""

import io
from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine

from data.exports.safe_export import excel_value, write_frame
from data.importing.allowed_values import DATE_RULE, YES_NO_RULE, Allowed, allowed_values
from data.importing.contract import FILES
from data.importing.reading import NOTES_SHEET
from models.tables import Framework, Principle, Skill
from models.vocab import FRAMEWORKS, SKILLS

FILE_NAME = "example-workbook.xlsx"
DROPDOWN_ROWS = 5000  # rows below the header that get the drop-down lists
HEADER_ROW = 7  # of the Allowed values sheet: the notes come first
REQUIRED = "Columns that need a value in every row: " + "; ".join(
    f"{name}: {', '.join(spec.required)}" for name, spec in FILES.items()) + ". Other cells may be left empty."
INTRO = (
    "Each sheet of this workbook is one file of the data contract; keep the sheet names and the header "
    "row as they are. The example rows (codes starting EX-) show how to fill them in: replace them "
    "with your own records, or upload this workbook as it is to try the import.",
    DATE_RULE,
    YES_NO_RULE,
    "Codes (programme_code, participant_code, session_code...) are yours to choose; they must match "
    "exactly between sheets. Participant codes are pseudonyms: never names.",
    REQUIRED,
)


def example_workbook(engine: Engine) -> bytes:
    from openpyxl import Workbook

    allowed = allowed_values(engine)
    book = Workbook()
    book.remove(book.active)
    for name, rows in example_rows(engine).items():
        columns = [c.name for c in FILES[name].columns]
        sheet = book.create_sheet(name)
        write_frame(sheet, pd.DataFrame(rows, columns=columns, dtype=object))
    ranges = _write_allowed(book.create_sheet(NOTES_SHEET), allowed)
    _add_dropdowns(book, ranges)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def example_rows(engine: Engine) -> dict[str, list[list]]:
    """Two rows per contract file, in contract column order (None: an empty cell)."""
    skill, framework, principle = _store_examples(engine)
    return {
        "programmes": [
            ["EX-PODCAST", "Youth podcast (example)", "Young people make a monthly podcast",
             date(2024, 1, 8), date(2024, 7, 26)],
            ["EX-FORUM", "Youth forum (example)", None, date(2024, 2, 1), None],
        ],
        "participants": [
            ["EX-YP001", "young_person", date(2024, 1, 8), "16_18", "no", "prefer_not_to_say", "yes"],
            ["EX-YP002", "young_person", date(2024, 1, 15), "11_15", "yes", "no", None],
        ],
        "sessions": [
            ["EX-S001", "EX-PODCAST", date(2024, 1, 15), "Planning the first episode", "workshop", "plan",
             "in_person", "co_led", "co_design", 2],
            ["EX-S002", "EX-FORUM", date(2024, 2, 5), "Forum meeting", "forum", "review", "online",
             "young_people", 7, 1.5],
        ],
        "attendance": [
            ["EX-S001", "EX-YP001", "yes", "co_facilitator", 20, 4.5],
            ["EX-S001", "EX-YP002", "no", None, None, None],
        ],
        "evaluations": [
            ["EX-YP001", "EX-PODCAST", "pre", date(2024, 1, 15), skill, 2],
            ["EX-YP001", "EX-PODCAST", "post", date(2024, 7, 26), skill, 4],
        ],
        "principle_ratings": [
            ["EX-S001", framework, principle, "young_person", "EX-YP001", 4, date(2024, 1, 15),
             "We chose the topics ourselves", "EX-R001"],
            ["EX-S001", framework, principle, "staff", None, 3, None, None, None],
        ],
        "feedback": [
            ["EX-F001", "EX-FORUM", date(2024, 2, 5), "Meetings straight after school are too early", "done",
             "Meetings start at 5pm from March", date(2024, 3, 1)],
            ["EX-F002", None, date(2024, 2, 5), "We want a say in choosing new youth workers", "raised", None, None],
        ],
    }


def _store_examples(engine: Engine) -> tuple[str, str, str]:
    """A skill, a framework and one of its principles that the store offers (not retired)."""
    with engine.connect() as conn:
        skill = conn.execute(select(Skill.code).where(Skill.retired.is_(False)).order_by(Skill.id)).scalar()
        found = conn.execute(select(Framework.code, Principle.code).join(Framework, Framework.id ==
                                                                         Principle.framework_id)
                             .where(Principle.retired.is_(False))
                             .order_by(Framework.id, Principle.position, Principle.id)).first()
    framework, principle = found if found else (FRAMEWORKS[0][0], FRAMEWORKS[0][2][0][0])
    return skill or SKILLS[0][0], framework, principle


def _write_allowed(sheet, allowed: list[Allowed]) -> dict[tuple[str, str], str]:
    """The notes, then a table File | Column | Allowed value | What it means.

    Returns, per (file, column), the sheet range holding its values."""
    from openpyxl.styles import Alignment, Font

    sheet["A1"] = "Allowed values"
    sheet["A1"].font = Font(bold=True, size=14)
    for offset, note in enumerate(INTRO, start=2):
        sheet.cell(row=offset, column=1, value=note)
    header = ("File", "Column", "Allowed value", "What it means")
    for position, title in enumerate(header, start=1):
        sheet.cell(row=HEADER_ROW, column=position, value=title).font = Font(bold=True)
    ranges: dict[tuple[str, str], list[int]] = {}
    for row, item in enumerate(allowed, start=HEADER_ROW + 1):
        for position, value in enumerate((item.file, item.column, item.value, item.meaning), start=1):
            cell = sheet.cell(row=row, column=position, value=excel_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cell.alignment = Alignment(horizontal="left")
        ranges.setdefault((item.file, item.column), []).append(row)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    for letter, width in zip("ABCD", (18, 18, 26, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    quoted = "'" + NOTES_SHEET.replace("'", "''") + "'"
    return {key: f"{quoted}!$C${rows[0]}:$C${rows[-1]}" for key, rows in ranges.items()}


def _add_dropdowns(book, ranges: dict[tuple[str, str], str]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for name, spec in FILES.items():
        sheet = book[name]
        for position, column in enumerate(spec.columns, start=1):
            source = ranges.get((name, column.name))
            if source is None:
                continue
            check = DataValidation(type="list", formula1=source, allow_blank=True, errorStyle="warning",
                                   showErrorMessage=True, errorTitle="Not in the list",
                                   error=f"This is not one of the allowed values of {column.name}: see the "
                                         f"'{NOTES_SHEET}' sheet. Keep it anyway?")
            letter = get_column_letter(position)
            check.add(f"{letter}2:{letter}{DROPDOWN_ROWS + 1}")
            sheet.add_data_validation(check)
