"""The import module against the import contract (docs/import-contract.md): typed values, all-or-nothing, idempotence,
code-less ratings as a multiset, references and file-level problems (CSV files)."""

from datetime import date

import pytest
from sqlalchemy import select

from data.importing import FileCounts, ImportRejected, ImportReport, Problem, import_files
from models.tables import (
    Attendance, Evaluation, FeedbackItem, Participant, Principle, PrincipleRating, Programme, ProgrammeSession, Skill,
)
from tests.import_helpers import PROGRAMMES, SESSIONS, all_files, only, places, rejected, run, valid_copy, write
from tests.store_helpers import row_counts

# --- a valid set of all seven files -------------------------------------------------------

def test_valid_set_imports_with_counts(engine, tmp_path):
    report = import_files(engine, all_files(valid_copy(tmp_path)))
    assert list(report.files) == ["programmes", "participants", "sessions", "attendance",
                                  "evaluations", "principle_ratings", "feedback"]
    added = {name: c.added for name, c in report.files.items()}
    assert added == {"programmes": 2, "participants": 3, "sessions": 3, "attendance": 4,
                     "evaluations": 3, "principle_ratings": 4, "feedback": 2}
    assert all(c.updated == 0 and c.unchanged == 0 for c in report.files.values())
    after = row_counts(engine)
    assert (after["programmes"], after["participants"], after["sessions"], after["attendance"],
            after["evaluations"], after["principle_ratings"], after["feedback_items"]) == (2, 3, 3, 4, 3, 4, 2)


def test_valid_set_values_are_typed_and_defaulted(engine, tmp_path):
    import_files(engine, all_files(valid_copy(tmp_path)))
    # programmes.csv: BOM, header " Name " and "PROGRAMME_CODE", shuffled, an extra column
    pr1 = only(engine, Programme, code="PR1")
    assert (pr1.name, pr1.description, pr1.start_date, pr1.end_date) == (
        "Podcast", "Care-experienced podcast", date(2024, 1, 1), date(2024, 12, 31))
    assert only(engine, Programme, code="PR2").start_date is None
    yp1, yp2, st1 = (only(engine, Participant, code=c) for c in ("YP1", "YP2", "ST1"))
    assert (yp1.role, yp1.joined_on, yp1.age_band, yp1.disability, yp1.care_experienced,
            yp1.consent_data_use) == ("young_person", date(2024, 1, 5), "16_18", "no", "yes", True)
    assert (yp2.disability, yp2.care_experienced, yp2.consent_data_use) == ("prefer_not_to_say", None, False)
    assert st1.consent_data_use is True
    s1, s2, s3 = (only(engine, ProgrammeSession, code=c) for c in ("S1", "S2", "S3"))
    assert (s1.programme_id, s1.date, s1.title, s1.activity_type, s1.stage, s1.mode, s1.led_by,
            s1.ladder_rung, s1.duration_hours) == (pr1.id, date(2024, 2, 1), "Kick-off", "workshop",
                                                   "plan", "in_person", "organisation", 6, 2.0)
    assert (s2.title, s2.mode, s2.led_by, s2.ladder_rung, s2.duration_hours) == (None, "online", "co_led", 3, 1.5)
    assert (s3.title, s3.ladder_rung, s3.duration_hours, s3.mode) == ("Training day", None, 6.0, "hybrid")
    a = only(engine, Attendance, session_id=s1.id, participant_id=yp1.id)
    assert (a.attended, a.role_in_session, a.paid_gbp, a.expenses_gbp) == (True, "participant", 20.0, 5.5)
    b = only(engine, Attendance, session_id=s1.id, participant_id=yp2.id)
    assert (b.attended, b.role_in_session, b.paid_gbp) == (False, "co_facilitator", None)
    assert only(engine, Attendance, session_id=s2.id).attended is True  # "1"
    assert only(engine, Attendance, session_id=s3.id).attended is False  # "false"
    leadership = only(engine, Skill, code="leadership")
    pre = only(engine, Evaluation, participant_id=yp1.id, timepoint="pre")
    assert (pre.skill_id, pre.programme_id, pre.completed_on, pre.score) == (
        leadership.id, pr1.id, date(2024, 2, 1), 2)
    assert only(engine, Evaluation, participant_id=yp2.id).timepoint == "pre"  # "PRE"
    r1 = only(engine, PrincipleRating, rating_code="R1")
    voice = only(engine, Principle, code="voice")
    assert (r1.session_id, r1.principle_id, r1.rater_id, r1.score, r1.rated_on) == (
        s1.id, voice.id, yp1.id, 4, date(2024, 2, 1))  # rated_on defaults to the session's date
    room = only(engine, PrincipleRating, comment="Good room")
    assert (room.principle_id, room.rater_role, room.rater_id, room.rated_on) == (
        only(engine, Principle, code="space").id, "staff", st1.id, date(2024, 2, 2))
    with engine.connect() as conn:
        loose = conn.execute(select(PrincipleRating.rated_on, PrincipleRating.rater_id)
                             .where(PrincipleRating.session_id == s2.id)).all()
    assert loose == [(date(2024, 3, 1), None)] * 2
    f1, f2 = only(engine, FeedbackItem, code="F1"), only(engine, FeedbackItem, code="F2")
    assert (f1.programme_id, f1.status, f1.we_did, f1.responded_on) == (
        pr1.id, "done", "Bought snacks", date(2024, 2, 20))
    assert (f2.programme_id, f2.you_said, f2.responded_on) == (None, "Meet later, after school", None)


# --- every problem at once, nothing written ------------------------------------------------

def test_bad_rows_are_all_reported_and_nothing_is_written(engine, tmp_path):
    folder = valid_copy(tmp_path)
    write(folder, "sessions.csv",
          "session_code,programme_code,date,activity_type,mode\n"
          "S1,PR1,2024-13-01,workshop,online\n"        # row 2: bad date
          "S2,PR1,2024-03-01,party,online\n"           # row 3: bad activity type
          "S3,PR1,2024-03-02,training,by pigeon\n"     # row 4: bad mode
          "S1,PR1,2024-03-03,training,online\n")       # row 5: duplicate of row 2
    write(folder, "attendance.csv",
          "session_code,participant_code,attended\nS2,YP1,yes\nS2,NOBODY,yes\nS3,YP1,maybe\n")
    write(folder, "evaluations.csv",
          "participant_code,programme_code,timepoint,completed_on,skill,score\n"
          "YP1,PR1,pre,2024-02-01,leadership,6\n"
          "YP1,PR1,post,2024-06-01,leadership,2.5\n"
          "YP1,PR1,post,2024-06-02,leadership,three\n")
    before = row_counts(engine)
    with pytest.raises(ImportRejected) as caught:
        import_files(engine, all_files(folder))
    assert row_counts(engine) == before
    problems = caught.value.problems
    assert places(problems) == {
        ("sessions.csv", 2, "date"), ("sessions.csv", 3, "activity_type"),
        ("sessions.csv", 4, "mode"), ("sessions.csv", 5, "session_code"),
        ("attendance.csv", 3, "participant_code"), ("attendance.csv", 4, "attended"),
        ("evaluations.csv", 2, "score"), ("evaluations.csv", 3, "score"),
        ("evaluations.csv", 4, "score"),
    }
    messages = [str(p) for p in problems]
    assert "sessions.csv, row 2, column date: '2024-13-01' is not a date (use YYYY-MM-DD)" in messages
    assert ("sessions.csv, row 5, column session_code: duplicate of row 2: the same session_code 'S1'"
            in messages)
    assert ("attendance.csv, row 3, column participant_code: unknown participant 'NOBODY': "
            "not in the store nor in participants of this import") in messages
    assert "evaluations.csv, row 2, column score: '6' is not a whole number from 1 to 5" in messages
    assert "evaluations.csv, row 3, column score: '2.5' is not a whole number from 1 to 5" in messages
    assert "evaluations.csv, row 4, column score: 'three' is not a whole number from 1 to 5" in messages
    assert any(m.startswith("sessions.csv, row 3, column activity_type: 'party' is not one of: workshop")
               for m in messages)
    assert "attendance.csv, row 4, column attended: 'maybe' is not yes or no" in messages
    assert [p.file for p in problems] == sorted((p.file for p in problems), key=[
        "sessions.csv", "attendance.csv", "evaluations.csv"].index)  # dependency order


def test_cross_column_and_store_reference_problems(engine):
    problems = rejected(engine, [
        ("programmes.csv", "programme_code,name,start_date,end_date\nP,X,2024-05-01,2024-04-30\n"),
        ("feedback.csv", "item_code,raised_on,you_said,status,responded_on,programme_code\n"
                         "F,2024-05-01,x,done,2024-04-01,\nG,2024-05-01,x,done,,p\n"),
        ("evaluations.csv", "participant_code,programme_code,timepoint,completed_on,skill,score\n"
                            "Q,P,pre,2024-01-01,juggling,3\nQ,P,pre,2024-01-01,juggling,3\n"),
        ("principle_ratings.csv", "session_code,framework,principle,rater_role,score\n"
                                  "S,lundy,power_and_inclusion,staff,3\nS,nope,voice,staff,3\n"),
    ])
    messages = {str(p) for p in problems}
    assert "programmes.csv, row 2, column end_date: end_date 2024-04-30 is before start_date 2024-05-01" in messages
    assert ("feedback.csv, row 2, column responded_on: responded_on 2024-04-01 is before raised_on "
            "2024-05-01") in messages
    assert ("feedback.csv, row 3, column programme_code: unknown programme 'p': not in the store nor in "
            "programmes of this import (codes are case-sensitive: did you mean 'P'?)") in messages
    assert any(m.startswith("evaluations.csv, row 2, column skill: unknown skill 'juggling'") for m in messages)
    assert ("evaluations.csv, row 2, column participant_code: unknown participant 'Q': not in the store "
            "nor in participants of this import") in messages
    assert any(m.startswith("principle_ratings.csv, row 2, column principle: 'power_and_inclusion' is not a "
                            "principle of framework 'lundy'") for m in messages)
    assert any(m.startswith("principle_ratings.csv, row 3, column framework: unknown framework 'nope'")
               for m in messages)
    assert ("principle_ratings.csv", 2, "session_code") in places(problems)


def test_duplicate_composite_key_names_both_rows(engine, tmp_path):
    import_files(engine, all_files(valid_copy(tmp_path)))
    problems = rejected(engine, [("attendance.csv", "session_code,participant_code,attended\n"
                                                    "S1,YP1,yes\nS2,YP1,yes\nS1,YP1,no\n")])
    assert [str(p) for p in problems] == [
        "attendance.csv, row 4: duplicate of row 2: the same session_code 'S1' and participant_code 'YP1'"]


# --- idempotence and updates ----------------------------------------------------------------

def test_importing_twice_changes_nothing_then_one_title_updates(engine, tmp_path):
    folder = valid_copy(tmp_path)
    import_files(engine, all_files(folder))
    after_first = row_counts(engine)
    again = import_files(engine, all_files(folder))
    assert all(c.added == 0 and c.updated == 0 for c in again.files.values())
    assert again.files["sessions"] == FileCounts(added=0, updated=0, unchanged=3)
    assert again.files["principle_ratings"] == FileCounts(added=0, updated=0, unchanged=4)
    assert row_counts(engine) == after_first
    sessions = (folder / "sessions.csv").read_text().replace("Kick-off", "Kick-off meeting")
    write(folder, "sessions.csv", sessions)
    third = import_files(engine, all_files(folder))
    assert third.files["sessions"] == FileCounts(added=0, updated=1, unchanged=2)
    assert sum(c.updated for c in third.files.values()) == 1
    assert only(engine, ProgrammeSession, code="S1").title == "Kick-off meeting"
    assert row_counts(engine) == after_first


def test_absent_optional_column_leaves_stored_value(engine):
    run(engine, [("programmes.csv", "programme_code,name,description\nPR1,Podcast,About it\n")])
    report = run(engine, [("programmes.csv", "programme_code,name\nPR1,Podcast\n")])
    assert report.files["programmes"] == FileCounts(0, 0, 1)
    assert only(engine, Programme, code="PR1").description == "About it"
    report = run(engine, [("programmes.csv", "programme_code,name,description\nPR1,Podcast,\n")])
    assert report.files["programmes"] == FileCounts(0, 1, 0)
    assert only(engine, Programme, code="PR1").description is None


def test_partial_dates_are_checked_against_the_store(engine):
    run(engine, [("programmes.csv", "programme_code,name,start_date\nPR1,P,2024-05-01\n")])
    problems = rejected(engine, [("programmes.csv", "programme_code,name,end_date\nPR1,P,2024-01-01\n")])
    assert places(problems) == {("programmes.csv", 2, "end_date")}


# --- ratings without a code: a multiset ----------------------------------------------------

RATINGS = "session_code,framework,principle,rater_role,score\n"
RATING = "S1,lundy,voice,young_person,4\n"


def test_code_less_ratings_count_as_a_multiset(engine):
    run(engine, [("programmes.csv", PROGRAMMES), ("sessions.csv", SESSIONS)])
    first = run(engine, [("principle_ratings.csv", RATINGS + RATING * 2)])
    assert first.files["principle_ratings"] == FileCounts(2, 0, 0)
    again = run(engine, [("principle_ratings.csv", RATINGS + RATING * 2)])
    assert again.files["principle_ratings"] == FileCounts(0, 0, 2)
    grown = run(engine, [("principle_ratings.csv", RATINGS + RATING * 3)])
    assert grown.files["principle_ratings"] == FileCounts(1, 0, 2)
    assert row_counts(engine)["principle_ratings"] == 3
    other = run(engine, [("principle_ratings.csv", RATINGS + RATING + "S1,lundy,voice,staff,4\n")])
    assert other.files["principle_ratings"] == FileCounts(1, 0, 1)
    assert row_counts(engine)["principle_ratings"] == 4


def test_explicit_rated_on_equal_to_session_date_is_the_same_rating(engine):
    run(engine, [("programmes.csv", PROGRAMMES), ("sessions.csv", SESSIONS)])
    run(engine, [("principle_ratings.csv", RATINGS + RATING)])
    report = run(engine, [("principle_ratings.csv", RATINGS.strip() + ",rated_on\n"
                                      + RATING.strip() + ",2024-02-01\n")])
    assert report.files["principle_ratings"] == FileCounts(0, 0, 1)


def test_coded_ratings_upsert_by_rating_code(engine):
    run(engine, [("programmes.csv", PROGRAMMES), ("sessions.csv", SESSIONS)])
    head = "rating_code,session_code,framework,principle,rater_role,score\n"
    run(engine, [("principle_ratings.csv", head + "R1,S1,lundy,voice,staff,3\n")])
    report = run(engine, [("principle_ratings.csv", head + "R1,S1,lundy,voice,staff,5\n")])
    assert report.files["principle_ratings"] == FileCounts(0, 1, 0)
    assert only(engine, PrincipleRating, rating_code="R1").score == 5


# --- references within one import ----------------------------------------------------------

def test_reference_to_a_code_in_the_same_import_works(engine):
    report = run(engine, [("sessions.csv", SESSIONS), ("programmes.csv", PROGRAMMES)])
    assert report.files["sessions"].added == 1
    session = only(engine, ProgrammeSession, code="S1")
    assert session.programme_id == only(engine, Programme, code="PR1").id


def test_reference_to_a_code_nowhere_is_a_problem(engine):
    problems = rejected(engine, [("sessions.csv", SESSIONS)])
    assert [str(p) for p in problems] == [
        "sessions.csv, row 2, column programme_code: unknown programme 'PR1': "
        "not in the store nor in programmes of this import"]


def test_reference_to_a_code_already_in_the_store_works(engine):
    run(engine, [("programmes.csv", PROGRAMMES)])
    assert run(engine, [("sessions.csv", SESSIONS)]).files["sessions"].added == 1


# --- file-level problems --------------------------------------------------------------------

@pytest.mark.parametrize("name, content, expected", [
    ("sessions.csv", "session_code,programme_code,activity_type\nS1,PR1,workshop\n",
     "sessions.csv, column date: a required column is missing"),
    ("sessions.csv", "session_code,programme_code,date,DATE,activity_type\nS1,PR1,2024-01-01,2024-01-01,workshop\n",
     "sessions.csv, column date: the column appears more than once in the header (columns 3 and 4)"),
    ("sessions.csv", "", "sessions.csv: the file is empty"),
    ("sessions.csv", "\n \n,,\n", "sessions.csv: the file is empty"),
    ("sessions.csv", "session_code,programme_code,date,activity_type\n\n",
     "sessions.csv: the file has a header row but no data rows"),
    ("sessions.csv", b"session_code,title\nS1,Caf\xe9\n",
     "sessions.csv: the file is not UTF-8 text (byte 26 cannot be read); "
     "save it as 'CSV UTF-8 (comma delimited)'"),
    ("people.csv", "participant_code,role\nP1,staff\n",
     "people.csv: unknown file name; expected one of programmes, participants, sessions, attendance, "
     "evaluations, principle_ratings, feedback"),
    ("sessions.txt", SESSIONS, "sessions.txt: unsupported file type; expected a .csv file or an .xlsx workbook"),
    ("book.xlsx", b"not a zip", "book.xlsx: the file cannot be read as an .xlsx workbook (BadZipFile)"),
])
def test_file_level_problem(engine, name, content, expected):
    problems = rejected(engine, [("programmes.csv", PROGRAMMES), (name, content)])
    assert expected in [str(p) for p in problems]
    assert row_counts(engine)["programmes"] == 0  # the valid file beside it was not written either


def test_same_table_twice_is_a_problem(engine):
    problems = rejected(engine, [("programmes.csv", PROGRAMMES), ("Programmes.CSV", PROGRAMMES)])
    assert [str(p) for p in problems] == [
        "Programmes.CSV: programmes comes twice in this import (also programmes.csv)"]


def test_import_files_reports_an_unreadable_path(engine, tmp_path):
    programmes = write(tmp_path, "programmes.csv", PROGRAMMES)
    with pytest.raises(ImportRejected) as caught:
        import_files(engine, [programmes, tmp_path / "sessions.csv"])
    assert [(p.file, p.row) for p in caught.value.problems] == [("sessions.csv", None)]
    assert row_counts(engine)["programmes"] == 0


def test_blank_lines_keep_spreadsheet_row_numbers(engine):
    content = "programme_code,name,start_date\n\nPR1,A,2024-01-01\n,,\nPR2,B,someday\n"
    problems = rejected(engine, [("programmes.csv", content)])
    assert places(problems) == {("programmes.csv", 5, "start_date")}


def test_problem_and_report_text():
    assert str(Problem("a.csv", None, None, "why")) == "a.csv: why"
    assert str(Problem("a.csv", 3, None, "why")) == "a.csv, row 3: why"
    assert str(Problem("a.csv", None, "c", "why")) == "a.csv, column c: why"
    report = ImportReport({"programmes": FileCounts(1, 2, 3)})
    assert str(report) == "programmes: 1 added, 2 updated, 3 unchanged"
    assert "1 problem:" in str(ImportRejected([Problem("a.csv", 3, "c", "why")]))
