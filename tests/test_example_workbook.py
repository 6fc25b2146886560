"""The example workbook of the upload page: contract headers, example rows that the importer takes
as they are, and an "Allowed values" sheet that lists every enumeration and the store's own codes."""

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import insert, update

from data.importing import FileCounts, ImportRejected, import_sources
from data.importing import values as v
from data.importing.allowed_values import allowed_values
from data.importing.contract import FILES, ORDER
from data.importing.example_workbook import FILE_NAME, example_rows, example_workbook
from data.importing.preview import preview_sources
from models.tables import Skill
from models.vocab import (
    ACTIVITY_TYPES, AGE_BANDS, FEEDBACK_STATUSES, FRAMEWORKS, LADDER, LED_BY, MODES, RATER_ROLES, ROLES,
    ROLES_IN_SESSION, SKILLS, STAGES, TIMEPOINTS, YES_NO_PREFER,
)
from tests.store_helpers import row_counts

NOTES = "Allowed values"
FREE_FORM = {v.text, v.iso_date, v.hours, v.money}  # parsers of columns whose values are not listed


def book_of(content: bytes):
    return load_workbook(io.BytesIO(content))


def listed(book) -> dict[tuple[str, str], list]:
    """(file, column) -> allowed values, read from the Allowed values sheet's table."""
    sheet = book[NOTES]
    header = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "File")
    found: dict[tuple[str, str], list] = {}
    for file, column, value, _meaning in sheet.iter_rows(min_row=header + 1, max_col=4, values_only=True):
        found.setdefault((file, column), []).append(value)
    return found


def test_it_imports_as_it_is_into_an_empty_store_then_changes_nothing_the_second_time(any_engine):
    content = example_workbook(any_engine)
    # Two example rows in each of the seven sheets: 2 added each, then 2 already the same each.
    assert preview_sources(any_engine, [(FILE_NAME, content)]).files == {name: FileCounts(2, 0, 0) for name in ORDER}
    assert import_sources(any_engine, [(FILE_NAME, content)]).files == {name: FileCounts(2, 0, 0) for name in ORDER}
    assert import_sources(any_engine, [(FILE_NAME, content)]).files == {name: FileCounts(0, 0, 2) for name in ORDER}
    assert row_counts(any_engine)["principle_ratings"] == 2


def test_it_imports_into_a_store_that_holds_records_too(small_org):
    before = row_counts(small_org)
    report = import_sources(small_org, [(FILE_NAME, example_workbook(small_org))])
    assert report.files == {name: FileCounts(2, 0, 0) for name in ORDER}  # EX- codes are new there
    assert row_counts(small_org)["sessions"] == before["sessions"] + 2


def test_each_sheet_holds_the_contract_header_exactly_and_two_rows(engine):
    book = book_of(example_workbook(engine))
    assert book.sheetnames == [*ORDER, NOTES]
    for name in ORDER:
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == [c.name for c in FILES[name].columns], name
        assert len(rows) == 3, name
    assert all(len(row) == len(FILES[name].columns) for name, rows in example_rows(engine).items() for row in rows)


def test_allowed_values_list_every_enumeration_of_the_vocabulary_and_the_date_format(engine):
    book = book_of(example_workbook(engine))
    found = listed(book)
    assert found[("participants", "role")] == list(ROLES)
    assert found[("participants", "age_band")] == list(AGE_BANDS)
    assert found[("participants", "disability")] == found[("participants", "care_experienced")] == list(YES_NO_PREFER)
    assert found[("participants", "consent_data_use")] == found[("attendance", "attended")] == ["yes", "no"]
    assert found[("sessions", "activity_type")] == list(ACTIVITY_TYPES)
    assert found[("sessions", "stage")] == list(STAGES)
    assert found[("sessions", "mode")] == list(MODES)
    assert found[("sessions", "led_by")] == list(LED_BY)
    assert found[("sessions", "ladder_rung")] == [code for _position, code, _name, _group in LADDER]
    assert found[("attendance", "role_in_session")] == list(ROLES_IN_SESSION)
    assert found[("evaluations", "timepoint")] == list(TIMEPOINTS)
    assert found[("evaluations", "skill")] == [code for code, _name in SKILLS]
    assert found[("evaluations", "score")] == found[("principle_ratings", "score")] == [1, 2, 3, 4, 5]
    assert found[("principle_ratings", "rater_role")] == list(RATER_ROLES)
    assert found[("principle_ratings", "framework")] == [code for code, _name, _principles in FRAMEWORKS]
    assert found[("principle_ratings", "principle")] == [
        code for _f, _n, principles in FRAMEWORKS for code, _name in principles]
    assert found[("feedback", "status")] == list(FEEDBACK_STATUSES)
    notes = " ".join(str(c.value) for row in book[NOTES].iter_rows(max_row=5) for c in row if c.value)
    assert "YYYY-MM-DD" in notes and "true" in notes and "false" in notes


def test_every_column_with_a_fixed_set_of_values_is_listed_and_each_listed_value_imports(engine):
    found = listed(book_of(example_workbook(engine)))
    enumerated = {(name, c.name) for name, spec in FILES.items() for c in spec.columns if c.parse not in FREE_FORM}
    # Skill, framework and principle are free text to the cell parser but checked against the store.
    assert set(found) == enumerated | {("evaluations", "skill"), ("principle_ratings", "framework"),
                                       ("principle_ratings", "principle")}
    parsers = {(name, c.name): c.parse for name, spec in FILES.items() for c in spec.columns}
    for key, allowed in found.items():
        for value in allowed:
            parsers[key](str(value))  # raises ValueError if the importer would refuse it


def test_the_store_s_own_codes_are_listed_and_retired_ones_marked(engine):
    with engine.begin() as conn:
        conn.execute(insert(Skill.__table__).values(code="budgeting", name="Managing a budget"))
        conn.execute(update(Skill.__table__).where(Skill.__table__.c.code == "leadership").values(retired=True))
    skills = {a.value: a.meaning for a in allowed_values(engine) if a.column == "skill"}
    assert skills["budgeting"] == "Managing a budget"
    assert skills["leadership"] == "Leadership (retired: no longer on the forms, still accepted)"
    # The example rows use a skill the store still offers: the first one not retired, teamwork.
    assert {row[4] for row in example_rows(engine)["evaluations"]} == {"teamwork"}
    assert import_sources(engine, [(FILE_NAME, example_workbook(engine))]).files["evaluations"] == FileCounts(2, 0, 0)


def test_coded_columns_offer_a_drop_down_of_their_allowed_values(engine):
    book = book_of(example_workbook(engine))
    sessions = book["sessions"]
    by_column = {str(check.sqref).split(":")[0].rstrip("0123456789"): check
                 for check in sessions.data_validations.dataValidation}
    # sessions: activity_type is column E, stage F, mode G, led_by H, ladder_rung I; codes and dates have none.
    assert sorted(by_column) == ["E", "F", "G", "H", "I"]
    check = by_column["E"]
    assert str(check.sqref) == "E2:E5001" and check.errorStyle == "warning"
    sheet_part, cells = check.formula1.split("!")
    first, last = (int(part.replace("$C$", "")) for part in cells.split(":"))
    assert sheet_part == "'Allowed values'"
    assert [book[NOTES].cell(row, 3).value for row in range(first, last + 1)] == list(ACTIVITY_TYPES)


def test_no_cell_is_a_formula_even_with_a_skill_named_like_one(engine):
    with engine.begin() as conn:
        conn.execute(insert(Skill.__table__).values(code="sums", name="=SUM(1,2)"))
    book = book_of(example_workbook(engine))
    assert [c.coordinate for sheet in book.worksheets for row in sheet.iter_rows() for c in row
            if c.data_type == "f"] == []
    assert "'=SUM(1,2)" in [c.value for row in book[NOTES].iter_rows() for c in row]


def test_a_workbook_holding_only_the_allowed_values_sheet_is_refused_clearly(engine):
    book = book_of(example_workbook(engine))
    for name in ORDER:
        del book[name]
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRejected) as caught:
        preview_sources(engine, [("notes.xlsx", out.getvalue())])
    assert [str(p) for p in caught.value.problems] == [
        "notes.xlsx: the workbook holds no sheet but Allowed values; expected sheets named programmes, "
        "participants, sessions, attendance, evaluations, principle_ratings, feedback"]
