"""Upload: the dry run (counts, nothing written), the page's small helpers, and the page itself."""

import json

import pytest
from sqlalchemy import insert, text
from streamlit.testing.v1 import AppTest

from components.upload.steps import (
    bring_in, confirm_label, demo_accounts, demo_warning, mix_problem, preview_table, problems_table, saved_message,
    size_problems, template_csv,
)
from data.importing import FileCounts, ImportRejected, import_sources
from data.importing.contract import FILES
from data.importing.preview import preview_sources
from measures.data_quality import table_counts
from models.audit import recent
from models.tables import Participant
from tests.apptest_helpers import APP_PATH, add_role_accounts, open_deep_link, sign_in_as
from tests.store_helpers import row_counts

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
    assert "attendance\\.csv" in message and "20 MB" in message  # the name escaped: markdown for st.error
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
    assert sorted(b.label for b in at.get("download_button")) == sorted(
        [f"{name}.csv" for name in FILES] + ["Example workbook (.xlsx)"])
    assert len(at.get("file_uploader")) == 1


def test_the_holdings_are_counted_again_when_the_data_changes(page_store, small_org, monkeypatch):
    """The counts are cached (counting every table is slow at scale), but never shown stale."""
    at = open_deep_link(page_store, monkeypatch, "pages/upload.py", "staff")
    held = dict(zip(at.dataframe[0].value["Records"], at.dataframe[0].value["Rows held"], strict=True))
    assert held["Participants"] == 9
    with small_org.begin() as conn:
        conn.execute(insert(Participant).values(code="NEW-1", role="young_person"))
    at.run()
    held = dict(zip(at.dataframe[0].value["Records"], at.dataframe[0].value["Rows held"], strict=True))
    assert held["Participants"] == 10


def test_the_page_is_refused_to_trustees(page_store, monkeypatch):
    at = open_deep_link(page_store, monkeypatch, "pages/upload.py", "trustee")
    assert any("not available to your role" in w.value for w in at.warning)
    assert "Bring in data" not in [t.value for t in at.title]
    assert not at.get("file_uploader") and not at.dataframe


# --- the example workbook, progress, and the demo warning ---------------------------------------

def test_the_page_offers_the_example_workbook_beside_the_empty_files(page_store, monkeypatch):
    at = open_deep_link(page_store, monkeypatch, "pages/upload.py", "admin")
    assert "Example workbook (.xlsx)" in [b.label for b in at.get("download_button")]
    assert not [w for w in at.warning if "sign-ins" in w.value]  # the small organisation is not the demo


def test_bring_in_reports_progress_up_to_saved(small_org):
    calls = []
    bring_in(small_org, "u-staff", SOURCES, lambda line, fraction: calls.append((line, fraction)))
    assert calls[-1] == ("Saved", 1.0)
    assert "Saving participants: 4 rows" in [line for line, _ in calls]


DEMO = ["demo-admin", "demo-staff"]


def test_the_demo_warning_says_who_is_signed_out_and_what_to_do_first():
    assert demo_warning([], "demo-admin", "admin") is None  # no demo sign-ins left: nothing to say
    # Markdown specials in names are escaped: demo\-admin shows as demo-admin.
    mine = demo_warning(DEMO, "demo-admin", "admin")
    assert mine.startswith("This dashboard holds the demo organisation. Bringing in real data removes the demo "
                           "sign-ins (demo\\-admin, demo\\-staff). That includes the one you are using, "
                           "**demo\\-admin**: you will be signed out")
    assert "create a real admin account for yourself, on the Users page or with `python manage.py create-user`" in mine
    staff = demo_warning(DEMO, "demo-staff", "staff")
    assert "ask an administrator for a real account" in staff and "Users page" in staff
    other = demo_warning(DEMO, "head", "admin")
    assert other.endswith("Anyone using them will be signed out.") and "you are using" not in other
    assert confirm_label(DEMO, "demo-admin") == "Bring these in and sign me out (demo sign-ins are removed)"
    assert confirm_label(DEMO, "head") == "Bring these in and remove the demo sign-ins"
    assert confirm_label([], "head") == "Bring these in"


@pytest.fixture
def demo_store(small_org, store_url):
    """The small organisation marked as demo data, with two demo sign-ins (as a first start leaves them)."""
    from auth.accounts import create
    from models.settings import set_setting
    add_role_accounts(small_org)
    for name, role in (("demo-admin", "admin"), ("demo-staff", "staff")):
        create(small_org, name, role, f"{name}-password", actor="test", is_demo=True)
    set_setting(small_org, "demo_data", True)
    assert demo_accounts(small_org) == DEMO
    return store_url


def open_as(url: str, monkeypatch, username: str, role: str) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP_PATH, default_timeout=60)
    sign_in_as(at, role)
    at.session_state["username"] = username
    return at.switch_page("pages/upload.py").run()


def test_a_demo_admin_is_warned_before_saving_and_the_button_says_so(demo_store, monkeypatch):
    at = open_as(demo_store, monkeypatch, "demo-admin", "admin")
    assert not at.exception
    [warning] = [w for w in at.warning if "sign-ins" in w.value]  # the app also labels demo data
    assert "removes the demo sign-ins" in warning.value and "**demo\\-admin**: you will be signed out" in warning.value
    at.get("file_uploader")[0].set_value(("programmes.csv", PROGRAMMES.encode(), "text/csv"))
    at.run()
    [confirm] = [b for b in at.button if b.label.startswith("Bring these in")]
    assert confirm.label == "Bring these in and sign me out (demo sign-ins are removed)"
    confirm.click().run()
    from models.schema import open_store
    assert demo_accounts(open_store(demo_store)) == []  # real data now: the demo sign-ins are gone


def test_someone_with_a_real_account_is_told_the_demo_sign_ins_go(demo_store, monkeypatch):
    at = open_as(demo_store, monkeypatch, "u-staff", "staff")
    [warning] = [w for w in at.warning if "sign-ins" in w.value]
    assert warning.value.endswith("Anyone using them will be signed out.")


def test_the_preview_is_not_run_again_when_the_person_confirms(page_store, monkeypatch):
    import data.importing.preview as preview
    runs = []
    real = preview.preview_sources

    def counted(*args, **kwargs):
        runs.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(preview, "preview_sources", counted)
    at = open_deep_link(page_store, monkeypatch, "pages/upload.py", "staff")
    at.get("file_uploader")[0].set_value([("programmes.csv", PROGRAMMES.encode(), "text/csv"),
                                          ("participants.csv", PARTICIPANTS.encode(), "text/csv")])
    at.run()
    assert len(runs) == 1
    assert at.dataframe[0].value["Will be added"].tolist() == [1, 2]  # P3; Y8 and Y9
    [confirm] = [b for b in at.button if b.label == "Bring these in"]
    confirm.click().run()
    assert len(runs) == 1  # the confirm click saved without checking everything again first
    assert at.success[0].value.startswith("Saved. programmes: 1 added, 1 updated, 1 already the same")


def test_real_data_replaces_the_demo_organisation_in_the_same_step(engine):
    from datetime import date

    from data.demo.organisation import load_demo
    from models.settings import get_setting
    load_demo(engine, end=date(2024, 6, 30))
    demo_rows = row_counts(engine)
    assert demo_rows["programmes"] == 6
    # A refused import leaves the demo as it was.
    with pytest.raises(ImportRejected):
        bring_in(engine, "u-admin", [("programmes.csv", b"programme_code,name\nP1,\n")])
    assert row_counts(engine) == demo_rows and get_setting(engine, "demo_data")
    # The preview counts against a store without the demo: everything is new.
    assert preview_sources(engine, SOURCES, replace_demo=True).files["participants"] == FileCounts(4, 0, 0)
    assert row_counts(engine) == demo_rows
    bring_in(engine, "u-admin", SOURCES)
    after = row_counts(engine)
    # Only what was brought in: 3 programmes, 4 participants, none of the demo's sessions or registers.
    assert (after["programmes"], after["participants"], after["sessions"], after["attendance"]) == (3, 4, 0, 0)
    assert not get_setting(engine, "demo_data")


def test_the_preview_is_audited_once_with_its_files_and_counts(page_store, monkeypatch):
    from models.schema import open_store
    at = open_deep_link(page_store, monkeypatch, "pages/upload.py", "staff")
    at.get("file_uploader")[0].set_value([("programmes.csv", PROGRAMMES.encode(), "text/csv"),
                                          ("participants.csv", PARTICIPANTS.encode(), "text/csv")])
    at.run()
    at.run()  # a rerun shows the same preview: not audited again
    assert not at.exception
    engine = open_store(page_store)
    entries = recent(engine, actions=["viewed"])
    assert list(entries["actor"]) == ["u-staff"]
    assert json.loads(entries["detail"].iloc[0]) == {
        "screen": "upload preview", "files": ["programmes.csv", "participants.csv"],
        "rows": {"programmes": 3, "participants": 4}, "participants": 4}
