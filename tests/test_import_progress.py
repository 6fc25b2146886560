"""The import's progress callback: a status line per step, fractions that only go up and end at 1.0,
every file named, and a report every EVERY_ROWS rows at most (not per row)."""

import pytest

from data.importing import FileCounts, ImportRejected, import_sources
from data.importing.preview import preview_sources
from data.importing.progress import EVERY_ROWS

PARTICIPANTS = 12_000  # more than two reports' worth of rows: 5,000, 10,000, then 12,000


def sources() -> list[tuple[str, bytes]]:
    programmes = "programme_code,name\nPA,Alpha\n"
    participants = "participant_code,role\n" + "".join(f"Y{i:05d},young_person\n" for i in range(PARTICIPANTS))
    return [("programmes.csv", programmes.encode()), ("participants.csv", participants.encode())]


def heard(run) -> list[tuple[str, float]]:
    calls: list[tuple[str, float]] = []
    run(lambda line, fraction: calls.append((line, fraction)))
    return calls


def test_the_import_reports_each_file_each_step_and_ends_at_one(engine):
    calls = heard(lambda progress: import_sources(engine, sources(), progress))
    lines = [line for line, _ in calls]
    fractions = [fraction for _, fraction in calls]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and fractions[0] == 0.0
    assert all(0.0 <= f <= 1.0 for f in fractions)
    assert lines == [
        "Reading programmes.csv",
        "Reading participants.csv",
        "Checking programmes.csv: 0 of 1 row",
        "Checking programmes.csv: 1 of 1 row",
        "Checking participants.csv: 0 of 12,000 rows",
        "Checking participants.csv: 5,000 of 12,000 rows",
        "Checking participants.csv: 10,000 of 12,000 rows",
        "Checking participants.csv: 12,000 of 12,000 rows",
        "Checking the codes that files refer to",
        "Saving programmes: 1 row",
        "Saving programmes: 1 of 1 row added",
        "Saving participants: 12,000 rows",
        "Saving participants: 5,000 of 12,000 rows added",  # new rows are added 5,000 at a time
        "Saving participants: 10,000 of 12,000 rows added",
        "Saving participants: 12,000 of 12,000 rows added",
        "Saved",
    ]
    assert EVERY_ROWS == 5000


def test_fractions_follow_the_work_done(engine):
    calls = dict(heard(lambda progress: import_sources(engine, sources(), progress)))
    # Reading ends at 0.05 and checking rows at 0.20, in proportion to rows checked: 1 + 5,000 of
    # 12,001 rows checked is 0.05 + 0.15 * 5001 / 12001 = 0.1125 (to 4 places).
    assert calls["Checking participants.csv: 5,000 of 12,000 rows"] == pytest.approx(0.05 + 0.15 * 5001 / 12001)
    assert calls["Checking the codes that files refer to"] == pytest.approx(0.20)
    # Writing runs from 0.35 to 0.97 by records written: participants start after 1 of 12,001,
    # and 5,000 of them added is 1 + 5,000 of 12,001: 0.35 + 0.62 * 5001 / 12001 = 0.6084 (to 4 places).
    assert calls["Saving programmes: 1 row"] == pytest.approx(0.35)
    assert calls["Saving participants: 12,000 rows"] == pytest.approx(0.35 + 0.62 * 1 / 12001)
    assert calls["Saving participants: 5,000 of 12,000 rows added"] == pytest.approx(0.35 + 0.62 * 5001 / 12001)
    assert calls["Saving participants: 12,000 of 12,000 rows added"] == pytest.approx(0.97)


def test_the_preview_says_comparing_and_nothing_was_saved(engine):
    calls = heard(lambda progress: preview_sources(engine, sources(), progress))
    lines = [line for line, _ in calls]
    assert "Comparing participants with the store: 12,000 rows" in lines
    assert not any(line.startswith("Saving") for line in lines)
    assert calls[-1] == ("Checked: nothing was saved", 1.0)
    assert [f for _, f in calls] == sorted(f for _, f in calls)


def test_the_callback_changes_nothing_in_what_is_imported(engine, tmp_path):
    from models.schema import open_store
    other = open_store(f"sqlite:///{tmp_path}/other.db")
    with_progress = import_sources(engine, sources(), lambda line, fraction: None)
    assert with_progress.files == import_sources(other, sources()).files == {
        "programmes": FileCounts(1, 0, 0), "participants": FileCounts(PARTICIPANTS, 0, 0)}


def test_a_workbook_is_named_by_file_and_sheet(engine):
    from data.importing.example_workbook import example_workbook
    lines = [line for line, _ in heard(lambda progress: import_sources(
        engine, [("records.xlsx", example_workbook(engine))], progress))]
    assert lines[0] == "Reading records.xlsx"
    assert "Checking records.xlsx, sheet attendance: 2 of 2 rows" in lines
    assert "Saving feedback: 2 rows" in lines and "Saving feedback: 2 of 2 rows added" in lines


def test_a_rejected_import_never_says_it_finished(engine):
    bad = [("participants.csv", b"participant_code,role\nY1,wizard\n")]
    calls: list[tuple[str, float]] = []
    with pytest.raises(ImportRejected):
        import_sources(engine, bad, lambda line, fraction: calls.append((line, fraction)))
    assert calls and max(f for _, f in calls) < 1.0
    assert not any(line.startswith("Saving") for line, _ in calls)
