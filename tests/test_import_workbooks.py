"""Importing one .xlsx workbook with a sheet per file: the same records and problems as CSV."""

from datetime import date, datetime

from sqlalchemy import select

from data.importing import FileCounts
from models.schema import open_store
from models.tables import Programme, ProgrammeSession
from tests.import_helpers import rejected, run, workbook_bytes


def stored_rows(engine) -> tuple[list, list]:
    with engine.connect() as conn:
        programmes = conn.execute(select(Programme.code, Programme.name, Programme.start_date)
                                  .order_by(Programme.code)).all()
        sessions = conn.execute(
            select(ProgrammeSession.code, Programme.code, ProgrammeSession.date, ProgrammeSession.title,
                   ProgrammeSession.ladder_rung, ProgrammeSession.duration_hours, ProgrammeSession.mode)
            .join(Programme).order_by(ProgrammeSession.code)).all()
    return programmes, sessions


def test_xlsx_workbook_imports_like_csv(tmp_path):
    csv_store = open_store(f"sqlite:///{tmp_path}/csv.db")
    xlsx_store = open_store(f"sqlite:///{tmp_path}/xlsx.db")
    csv_report = run(csv_store, [
        ("programmes.csv", "programme_code,name,start_date\nPR1,Podcast,2024-01-01\nPR2,Course,\n"),
        ("sessions.csv", "session_code,programme_code,date,title,activity_type,ladder_rung,duration_hours\n"
                         "S1,PR1,2024-02-01,Kick-off,workshop,co_design,1.5\n"
                         "S2,PR2,2024-03-01,,training,3,\n")])
    book = workbook_bytes({
        "Sessions": [["Session_Code", "programme_code", "date", "title", "activity_type", "ladder_rung",
                      "duration_hours"],
                     ["S1", "PR1", datetime(2024, 2, 1), "Kick-off", "Workshop", "co_design", 1.5],
                     [None] * 7,
                     ["S2", "PR2", "2024-03-01", None, "training", 3, None]],
        "programmes": [["programme_code", "name", "start_date"],
                       ["PR1", "Podcast", date(2024, 1, 1)], ["PR2", "Course", None]],
    })
    xlsx_report = run(xlsx_store, [("records.xlsx", book)])
    assert xlsx_report == csv_report
    assert stored_rows(xlsx_store) == stored_rows(csv_store)
    assert stored_rows(xlsx_store)[1][1][4] == 3
    assert run(xlsx_store, [("records.xlsx", book)]).files["sessions"] == FileCounts(0, 0, 2)


def test_xlsx_problems_name_the_sheet(engine):
    book = workbook_bytes({"programmes": [["programme_code", "name", "end_date"], [None, None, None],
                                          ["PR1", "A", "soon"]],
                           "Notes": [["anything"]]})
    problems = rejected(engine, [("records.xlsx", book)])
    assert [str(p) for p in problems] == [  # problems of reading come first
        "records.xlsx, sheet Notes: unknown sheet name; expected one of programmes, participants, "
        "sessions, attendance, evaluations, principle_ratings, feedback",
        "records.xlsx, sheet programmes, row 3, column end_date: 'soon' is not a date (use YYYY-MM-DD)"]


def test_one_sheet_workbook_named_like_a_file(engine):
    book = workbook_bytes({"Sheet1": [["programme_code", "name"], ["PR1", "Podcast"]]})
    assert run(engine, [("Programmes.xlsx", book)]).files == {"programmes": FileCounts(1, 0, 0)}
