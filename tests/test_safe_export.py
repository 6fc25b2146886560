"""Excel downloads are as safe as the CSV ones: formula-like text is neutralised by the same rule,
numbers stay numbers, and no cell of a written workbook is a formula."""

import io
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from data.exports.safe_csv import safe_csv
from data.exports.safe_export import FORMULA_PREFIXES, neutralise, records_xlsx, safe_xlsx, sheet_title

DANGEROUS = ["=1+2", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def read_back(content: bytes) -> dict[str, list[list]]:
    book = load_workbook(io.BytesIO(content))  # not read-only: cells keep their data_type
    return {sheet.title: [[c for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


def formula_cells(content: bytes) -> list[str]:
    return [cell.coordinate for rows in read_back(content).values() for row in rows for cell in row
            if cell.data_type == "f"]


def test_the_rule_covers_the_six_prefixes_of_the_issue():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}
    assert [neutralise(text) for text in DANGEROUS] == ["'" + text for text in DANGEROUS]


def test_each_dangerous_prefix_is_read_back_as_quoted_text_and_no_cell_is_a_formula():
    frame = pd.DataFrame({"Comment": DANGEROUS, "Plain": ["ok", "fine", "a-b", "x@y", "1=1", "safe"]})
    content = safe_xlsx({"Comments": frame})
    rows = read_back(content)["Comments"]
    assert [c.value for c in rows[0]] == ["Comment", "Plain"]
    # XML reads a carriage return back as a line feed (line-end normalisation); the quote is what counts.
    assert [row[0].value for row in rows[1:]] == ["'=1+2", "'+SUM(A1:A2)", "'-2+3", "'@SUM(A1)", "'\t=1", "'\n=1"]
    assert all(row[0].data_type == "s" for row in rows[1:])
    # Text that only holds a dangerous character later on is left as it is.
    assert [row[1].value for row in rows[1:]] == ["ok", "fine", "a-b", "x@y", "1=1", "safe"]
    assert formula_cells(content) == []


def test_the_excel_cells_match_the_csv_cells():
    frame = pd.DataFrame({"Comment": DANGEROUS})
    from_csv = pd.read_csv(io.BytesIO(safe_csv(frame)), dtype=str, keep_default_na=False)["Comment"].tolist()
    from_xlsx = [row[0].value for row in read_back(safe_xlsx({"x": frame}))["x"][1:]]
    # The same text, but for the carriage return that XML reads back as a line feed.
    assert from_xlsx == [text.replace("\r", "\n") for text in from_csv]


def test_numbers_stay_numbers_even_negative_ones_and_missing_values_are_empty():
    frame = pd.DataFrame({"Change": [-3, 2, -1],
                          "Hours": [-2.5, np.nan, 1.5],
                          "Mixed": [-4, "-4", None],
                          "Count": pd.array([1, None, 3], dtype="Int64")})
    rows = read_back(safe_xlsx({"Numbers": frame}))["Numbers"]
    values = [[c.value for c in row] for row in rows[1:]]
    assert values == [[-3, -2.5, -4, 1], [2, None, "'-4", None], [-1, 1.5, None, 3]]
    # A negative NUMBER is a number cell; only the text "-4" is neutralised.
    assert [rows[1][0].data_type, rows[1][1].data_type, rows[1][2].data_type, rows[2][2].data_type] == [
        "n", "n", "n", "s"]


def test_dates_are_dates_and_column_names_are_neutralised():
    frame = pd.DataFrame({"=HYPERLINK(\"x\")": ["a"], "Day": [date(2024, 3, 1)],
                          "At": [datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)], "Flag": [True]})
    rows = read_back(safe_xlsx({"Dates": frame}))["Dates"]
    assert rows[0][0].value == "'=HYPERLINK(\"x\")"
    assert rows[1][1].value == datetime(2024, 3, 1) and rows[1][1].number_format == "yyyy-mm-dd"
    assert rows[1][2].value == datetime(2024, 3, 1, 9, 30)  # written in UTC, without a time zone
    assert rows[1][3].value is True


def test_text_that_excel_would_misread_or_refuse_is_kept_as_text():
    frame = pd.DataFrame({"Text": ["#N/A", "bell\x07here", "x" * 40_000]})
    rows = read_back(safe_xlsx({"Odd": frame}))["Odd"]
    assert rows[1][0].value == "#N/A" and rows[1][0].data_type == "s"  # not an error cell
    assert rows[2][0].value == "bell\ufffdhere"  # a control character XML cannot hold is replaced
    assert len(rows[3][0].value) == 32_766  # Excel holds at most 32,767 characters in a cell


def test_sheet_titles_are_made_valid_and_unique():
    assert sheet_title("a/b:c*?[d]", set()) == "a_b_c___d_"
    assert sheet_title("Skill self-ratings (evaluations)", set()) == "Skill self-ratings (evaluations"[:31]
    assert sheet_title("attendance", {"attendance"}) == "attendance (2)"
    content = safe_xlsx({"=evil": pd.DataFrame({"a": [1]}), "Attendance": pd.DataFrame({"a": [2]}),
                         "attendance": pd.DataFrame({"a": [3]})})
    assert list(read_back(content)) == ["=evil", "Attendance", "attendance (2)"]  # a title is never a formula


def test_records_of_a_participant_export_get_a_sheet_each_even_when_empty():
    export = {"participant": {"code": "Y1", "role": "young_person"},
              "attendance": [{"session": "S1", "paid_gbp": 10.0}, {"session": "=S2", "paid_gbp": None}],
              "evaluations": []}
    sheets = read_back(records_xlsx(export))
    assert {name: [[c.value for c in row] for row in rows] for name, rows in sheets.items()} == {
        "participant": [["code", "role"], ["Y1", "young_person"]],
        "attendance": [["session", "paid_gbp"], ["S1", 10], ["'=S2", None]],
        "evaluations": [["Nothing held"]],
    }


@pytest.mark.parametrize("value", [None, pd.NA, pd.NaT, float("nan")])
def test_missing_values_leave_the_cell_empty(value):
    rows = read_back(safe_xlsx({"x": pd.DataFrame({"a": [value, 1]}, dtype=object)}))["x"]
    assert rows[1][0].value is None


# --- the product's Excel downloads ------------------------------------------------------------

def test_the_participant_export_has_a_sheet_per_table_with_their_rows(small_org):
    from data.participant_rights import export_participant
    sheets = read_back(records_xlsx(export_participant(small_org, "Y1", actor="test")))
    # Y1 (tests/small_org.py): 5 attendance rows, 5 skill self-ratings, 1 principle rating; header row each.
    assert {name: len(rows) - 1 for name, rows in sheets.items()} == {
        "participant": 1, "attendance": 5, "evaluations": 5, "principle_ratings": 1}
    assert sheets["participant"][1][0].value == "Y1"


def test_the_data_quality_lists_come_in_full_not_only_the_first_fifty(small_org):
    from sqlalchemy import insert

    from data.exports.quality_workbook import quality_lists_xlsx
    from models.tables import ProgrammeSession
    with small_org.begin() as conn:  # 60 sessions with no register: more than the page shows (50)
        conn.execute(insert(ProgrammeSession), [dict(code=f"G{i:02d}", programme_id=1, date=date(2024, 3, 28),
                                                     activity_type="workshop", duration_hours=2.0) for i in range(60)])
    sheets = read_back(quality_lists_xlsx(small_org))
    assert list(sheets) == ["Sessions without a register", "Participants never seen", "Values that look wrong"]
    assert len(sheets["Sessions without a register"]) == 1 + 60
    # S2 (a trainer who only rates sessions) is on no register; no value looks wrong: a header alone.
    assert [[c.value for c in row] for row in sheets["Participants never seen"]] == [["Participant", "Role"],
                                                                                     ["S2", "trainer"]]
    assert len(sheets["Values that look wrong"]) == 1
