"""Upload: the dry run (counts, nothing written), the page's small helpers, and the page itself."""

import json

import pytest
from sqlalchemy import text

from auth.audit import recent
from data.importing import FileCounts, ImportRejected, import_sources
from data.importing.contract import FILES
from data.importing.preview import preview_sources
from measures.data_quality import table_counts
from components.upload_steps import (
    bring_in, mix_problem, preview_table, problems_table, saved_message, size_problems, template_csv,
)
from tests.store_helpers import row_counts
from tests.apptest_helpers import add_role_accounts, open_deep_link


# Against the small organisation (P1 "Podcast", P2 "Keeping It Social"; Y1..Y7, S1, S2):
# P1 is as stored (unchanged), P2 gets a new name (updated), P3 is new (added);
# Y1 is a young person already (unchanged), S1 becomes a trainer (updated), Y8 and Y9 are new (added).
PROGRAMMES = "programme_code,name\nP1,Podcast\nP2,Keeping It Social (renamed)\nP3,Radio\n"
PARTICIPANTS = "participant_code,role\nY1,young_person\nS1,trainer\nY8,young_person\nY9,young_person\n"
SOURCES = [("programmes.csv", PROGRAMMES.encode()), ("participants.csv", PARTICIPANTS.encode())]


def snapshot(engine) -> dict:
    """Row counts and the programmes and participants as stored: a preview must change none of them."""
    with engine.connect() as conn:
        return {"counts": row_counts(engine),
                "programmes": conn.execute(text("SELECT code, name FROM programmes ORDER BY code")).all(),
                "participants": conn.execute(text("SELECT code, role FROM participants ORDER BY code")).all()}


def test_preview_counts_what_would_change_and_writes_nothing(small_org):
    before = snapshot(small_org)
    report = preview_sources(small_org, SOURCES)
    assert report.files == {"programmes": FileCounts(added=1, updated=1, unchanged=1),
                            "participants": FileCounts(added=2, updated=1, unchanged=1)}
    assert snapshot(small_org) == before
    # The real import then reports exactly what the preview said, and does write.
    assert import_sources(small_org, SOURCES).files == report.files
    assert row_counts(small_org)["programmes"] == before["counts"]["programmes"] + 1
    assert row_counts(small_org)["participants"] == before["counts"]["participants"] + 2


def test_a_bad_file_is_rejected_with_every_problem_and_nothing_written(small_org):
    before = snapshot(small_org)
    bad = "participant_code,role\nY8,wizard\n,young_person\n"
    with pytest.raises(ImportRejected) as caught:
        preview_sources(small_org, [SOURCES[0], ("participants.csv", bad.encode())])
    assert {(p.file, p.row, p.column) for p in caught.value.problems} == {
        ("participants.csv", 2, "role"), ("participants.csv", 3, "participant_code")}
    assert snapshot(small_org) == before
    table = problems_table(caught.value.problems)
    assert list(table.columns) == ["File", "Row", "Column", "What is wrong"]
    assert table["Row"].tolist() == [2, 3]


def test_size_limit_names_the_file_and_mixing_is_refused():
    limit = 20
    [message] = size_problems([("small.csv", 1024), ("attendance.csv", 21 * 1024 * 1024)], limit)
    assert "attendance.csv" in message and "20 MB" in message
    assert size_problems([("exactly.csv", 20 * 1024 * 1024)], limit) == []
    assert mix_problem(["sessions.csv", "attendance.csv"]) is None
    assert mix_problem(["book.xlsx"]) is None
    assert mix_problem(["book.xlsx", "sessions.csv"])
    assert mix_problem(["a.xlsx", "b.xlsx"])


def test_templates_hold_the_contract_header_and_import_as_header_only(engine):
    for name, spec in FILES.items():
        header = template_csv(name).decode().strip()
        assert header.split(",") == [c.name for c in spec.columns]
    # An empty template is a header-only file: the importer refuses it, naming it.
    with pytest.raises(ImportRejected) as caught:
        preview_sources(engine, [("sessions.csv", template_csv("sessions"))])
    assert caught.value.problems[0].file == "sessions.csv"


def test_bring_in_saves_records_the_audit_and_removes_demo_accounts(small_org):
    from auth.accounts import create, listing
    create(small_org, "demo-admin", "admin", "demo-admin-password-1", actor="test", is_demo=True)
    report = bring_in(small_org, "u-staff", SOURCES)
    assert "demo-admin" not in set(listing(small_org)["username"])
    entry = recent(small_org).query("action == 'import'").iloc[0]
    assert entry["actor"] == "u-staff"
    detail = json.loads(entry["detail"])
    assert detail["files"] == ["programmes.csv", "participants.csv"]
    assert detail["counts"]["participants"] == {"added": 2, "updated": 1, "unchanged": 1}
    assert saved_message(report) == ("Saved. programmes: 1 added, 1 updated, 1 already the same; "
                                     "participants: 2 added, 1 updated, 1 already the same.")
    assert preview_table(report)["Will be added"].tolist() == [1, 2]
    # 3 programmes now, 11 participants (9 + Y8, Y9).
    held = dict(table_counts(small_org).values.tolist())
    assert held["Programmes"] == 3 and held["Participants"] == 11


def test_upload_limit_is_a_setting(engine):
    from models.settings import get_setting, set_setting
    assert get_setting(engine, "upload_limit_mb") == 20
    set_setting(engine, "upload_limit_mb", 5)
    assert get_setting(engine, "upload_limit_mb") == 5


@pytest.fixture
def page_store(small_org, store_url):
    add_role_accounts(small_org)
    return store_url


def test_the_page_shows_staff_the_uploader_holdings_and_templates(page_store, monkeypatch):
    at = open_deep_link(page_store, monkeypatch, "pages/upload.py", "staff")
    assert not at.exception
    assert "Bring in data" in [t.value for t in at.title]
    held = at.dataframe[0].value
    # The small organisation: 2 programmes, 9 participants, 6 sessions.
    assert dict(zip(held["Records"], held["Rows held"], strict=True))["Sessions"] == 6
    assert dict(zip(held["Records"], held["Rows held"], strict=True))["Participants"] == 9
    assert sorted(b.label for b in at.get("download_button")) == sorted(f"{name}.csv" for name in FILES)
    assert len(at.get("file_uploader")) == 1


def test_the_page_is_refused_to_trustees(page_store, monkeypatch):
    at = open_deep_link(page_store, monkeypatch, "pages/upload.py", "trustee")
    assert any("not available to your role" in w.value for w in at.warning)
    assert "Bring in data" not in [t.value for t in at.title]
    assert not at.get("file_uploader") and not at.dataframe
