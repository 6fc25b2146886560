"""A corpus of malformed files, one (or two) per problem the import contract names
(docs/import-contract.md): each is refused with a message naming file, row and column, and the
store is unchanged, although a valid file that would add one programme and rename another comes
in the same import."""

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from data.importing import ImportRejected, import_files, import_sources
from models.schema import open_store
from models.vocab import ACTIVITY_TYPES

VALID = Path(__file__).parent / "fixtures" / "import" / "valid"
BESIDE = ("programmes.csv", b"programme_code,name\nPR9,Would be added\nPR1,Would be renamed\n")
UTF8_ADVICE = "save it as 'CSV UTF-8 (comma delimited)'"
NOT_A_DATE = "is not a date (use YYYY-MM-DD)"
NOT_A_SCORE = "is not a whole number from 1 to 5"
EVALUATIONS = "participant_code,programme_code,timepoint,completed_on,skill,score\n"

# (case, file name, content, every problem expected, exactly). The store holds the valid fixture
# set (programmes PR1-PR2, participants YP1, YP2, ST1, sessions S1-S3 and their records).
CORPUS = [
    ("wrong encoding (Latin-1)", "participants.csv",
     "participant_code,role\nYP9,young_person\nJosé,staff\n".encode("latin-1"),
     # header 22 bytes + "YP9,young_person\n" 17 + "Jos" 3: the é is byte 43
     [f"participants.csv: the file is not UTF-8 text (byte 43 cannot be read); {UTF8_ADVICE}"]),
    ("wrong encoding (UTF-16, Excel's 'Unicode text')", "participants.csv",
     "participant_code,role\nYP9,young_person\n".encode("utf-16"),
     [f"participants.csv: the file is not UTF-8 text (byte 1 cannot be read); {UTF8_ADVICE}"]),
    ("missing column", "attendance.csv",
     b"session_code,participant_code,paid_gbp\nS3,YP1,5\n",
     ["attendance.csv, column attended: a required column is missing"]),
    ("duplicated column", "evaluations.csv",
     b"participant_code,programme_code,timepoint,completed_on,skill,score,Score\n"
     b"YP1,PR1,follow_up,2024-09-01,leadership,4,5\n",
     ["evaluations.csv, column score: the column appears more than once in the header (columns 6 and 7)"]),
    ("unknown code (a reference)", "attendance.csv",
     b"session_code,participant_code,attended\nS3,YP1,yes\nS99,YP1,yes\nS3,yp2,yes\n",
     ["attendance.csv, row 3, column session_code: unknown session 'S99': "
      "not in the store nor in sessions of this import",
      "attendance.csv, row 4, column participant_code: unknown participant 'yp2': "
      "not in the store nor in participants of this import (codes are case-sensitive: did you mean 'YP2'?)"]),
    ("unknown code (a vocabulary)", "sessions.csv",
     b"session_code,programme_code,date,activity_type\nS9,PR1,2024-05-01,party\n",
     [f"sessions.csv, row 2, column activity_type: 'party' is not one of: {', '.join(ACTIVITY_TYPES)}"]),
    ("bad date", "sessions.csv",
     b"session_code,programme_code,date,activity_type\n"
     b"S8,PR1,01/05/2024,workshop\nS9,PR1,2024-02-30,workshop\n",
     [f"sessions.csv, row 2, column date: '01/05/2024' {NOT_A_DATE}",
      f"sessions.csv, row 3, column date: '2024-02-30' {NOT_A_DATE}"]),
    ("score out of range", "evaluations.csv",
     (EVALUATIONS + "YP1,PR1,follow_up,2024-09-01,leadership,6\n"
      "YP2,PR1,post,2024-06-01,confidence,0\n").encode(),
     [f"evaluations.csv, row 2, column score: '6' {NOT_A_SCORE}",
      f"evaluations.csv, row 3, column score: '0' {NOT_A_SCORE}"]),
    ("duplicate key within a file", "participants.csv",
     b"participant_code,role\nYP9,young_person\nYP8,staff\nYP9,staff\n",
     ["participants.csv, row 4, column participant_code: duplicate of row 2: the same participant_code 'YP9'"]),
    ("duplicate composite key within a file", "evaluations.csv",
     (EVALUATIONS + "YP1,PR1,follow_up,2024-09-01,leadership,4\n"
      "YP1,PR1,follow_up,2024-09-01,Leadership,5\n").encode(),
     ["evaluations.csv, row 3: duplicate of row 2: the same participant_code 'YP1', programme_code 'PR1', "
      "timepoint 'follow_up', completed_on '2024-09-01' and skill 'leadership'"]),
    ("empty file", "feedback.csv", b"", ["feedback.csv: the file is empty"]),
    ("header-only file", "feedback.csv", b"item_code,raised_on,you_said,status\r\n\r\n",
     ["feedback.csv: the file has a header row but no data rows"]),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """One store for the corpus: each case checks it is the same after as before."""
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('corpus')}/store.db")
    import_files(store, sorted(VALID.glob("*.csv")))
    yield store
    store.dispose()


def snapshot(engine) -> dict:
    """Row counts of every table, and the programmes (which the valid file beside would change)."""
    with engine.connect() as conn:
        state = {table: conn.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar()
                 for table in inspect(conn).get_table_names()}
        state["programme rows"] = conn.execute(text("SELECT * FROM programmes ORDER BY id")).all()
    return state


@pytest.mark.parametrize("name, content, expected", [case[1:] for case in CORPUS],
                         ids=[case[0] for case in CORPUS])
def test_malformed_file_is_refused_and_nothing_changes(engine, name, content, expected):
    before = snapshot(engine)
    assert before["attendance"] == 4 and before["programmes"] == 2  # the valid set is there
    with pytest.raises(ImportRejected) as caught:
        import_sources(engine, [BESIDE, (name, content)])
    assert [str(problem) for problem in caught.value.problems] == expected
    assert snapshot(engine) == before


def test_the_file_beside_the_corpus_is_itself_valid(tmp_path):
    """Without this, the corpus could pass because the valid file beside it was refused too."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    import_files(store, sorted(VALID.glob("*.csv")))
    report = import_sources(store, [BESIDE])
    assert (report.files["programmes"].added, report.files["programmes"].updated) == (1, 1)
