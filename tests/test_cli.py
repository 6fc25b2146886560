"""manage.py as scripts use it: separate processes, DATABASE_URL, exit codes, JSON on stdout."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models.schema import head_revision, open_store
from tests import small_org

ROOT = Path(__file__).resolve().parent.parent


def manage(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, input=stdin, timeout=120)


@pytest.mark.parametrize("command", ["init", "demo", "import", "measures", "backup", "create-user", "copy-store"])
def test_every_command_has_help(command, store_url):
    result = manage(store_url, command, "--help")
    assert result.returncode == 0 and "usage: manage.py" in result.stdout


def test_init_creates_the_store(tmp_path):
    url = f"sqlite:///{tmp_path}/new.db"
    result = manage(url, "init")
    assert result.returncode == 0, result.stderr
    assert f"schema revision {head_revision()}" in result.stdout
    assert (tmp_path / "new.db").exists()


def test_measures_json_matches_the_hand_worked_fixture(store_url):
    small_org.build(open_store(store_url))
    result = manage(store_url, "measures", "--from", "2024-01-01", "--to", "2024-03-31", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"period", "engagement", "skills", "principles", "feedback", "remuneration",
                         "health_index", "suppressed"}
    assert data["period"] == {"from": "2024-01-01", "to": "2024-03-31"}
    assert data["engagement"]["active_young_people"] == 7
    assert data["engagement"]["attendance_rate"] == pytest.approx(10 / 12)
    assert data["feedback"]["median_days_to_tell_back"] == pytest.approx(29.0)
    assert data["skills"]["teamwork"]["mean_change"] is None
    assert "skills.teamwork.mean_change" in data["suppressed"]
    assert data["health_index"]["value"] == pytest.approx(56.0)


def test_measures_programme_filter(store_url):
    small_org.build(open_store(store_url))
    result = manage(store_url, "measures", "--from", "2024-01-01", "--to", "2024-03-31",
                    "--programme", "P2", "--json")
    data = json.loads(result.stdout)
    assert data["engagement"]["sessions_held"] == 1
    assert data["feedback"]["raised"] == 2


def test_measures_rejects_bad_dates_and_unknown_programmes(store_url):
    small_org.build(open_store(store_url))
    bad_date = manage(store_url, "measures", "--from", "2024-13-01", "--to", "2024-03-31", "--json")
    assert bad_date.returncode != 0 and "is not a date" in bad_date.stderr
    backwards = manage(store_url, "measures", "--from", "2024-03-01", "--to", "2024-01-01", "--json")
    assert backwards.returncode != 0 and "before" in backwards.stderr
    unknown = manage(store_url, "measures", "--from", "2024-01-01", "--to", "2024-03-31", "--programme", "NOPE")
    assert unknown.returncode != 0 and "NOPE" in unknown.stderr


def test_backup_copies_a_consistent_store(tmp_path, store_url):
    small_org.build(open_store(store_url))
    target = tmp_path / "copy.db"
    result = manage(store_url, "backup", str(target))
    assert result.returncode == 0, result.stderr
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM attendance").fetchone()[0] == len(small_org.ATTENDANCE)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    again = manage(store_url, "backup", str(target))
    assert again.returncode != 0 and "already exists" in again.stderr


def test_demo_refuses_a_store_with_real_data(store_url):
    small_org.build(open_store(store_url))
    result = manage(store_url, "demo")
    assert result.returncode != 0 and "not demo data" in result.stderr
    with sqlite3.connect(store_url.split("///")[1]) as conn:
        assert conn.execute("SELECT count(*) FROM programmes").fetchone()[0] == 2


def test_import_reports_counts_then_nothing_new(tmp_path, store_url):
    (tmp_path / "programmes.csv").write_text("programme_code,name\nP1,Podcast\nP2,Keeping It Social\n")
    (tmp_path / "sessions.csv").write_text(
        "session_code,programme_code,date,activity_type\nS1,P1,2024-01-10,workshop\n")
    first = manage(store_url, "import", str(tmp_path / "sessions.csv"), str(tmp_path / "programmes.csv"))
    assert first.returncode == 0, first.stderr
    assert "programmes" in first.stdout and "2 added" in first.stdout
    second = manage(store_url, "import", str(tmp_path / "programmes.csv"), str(tmp_path / "sessions.csv"))
    assert second.returncode == 0 and "added" in second.stdout and " 1 added" not in second.stdout
    assert "2 added" not in second.stdout


def test_import_with_problems_exits_non_zero_and_lists_them(tmp_path, store_url):
    (tmp_path / "sessions.csv").write_text(
        "session_code,programme_code,date,activity_type\nS1,NOPE,2024-13-10,workshop\nS2,NOPE,2024-01-10,dancing\n")
    result = manage(store_url, "import", str(tmp_path / "sessions.csv"))
    assert result.returncode != 0
    assert "Nothing was imported" in result.stderr
    assert "row 2" in result.stderr and "row 3" in result.stderr


def test_create_user_of_any_role_removes_the_demo_accounts(store_url):
    from datetime import date

    from auth.accounts import listing
    from data.demo.accounts import demo_passwords, load_demo_with_accounts
    engine = open_store(store_url)
    load_demo_with_accounts(engine, end=date(2026, 11, 1))
    assert len(demo_passwords(engine)) == 4
    result = manage(store_url, "create-user", "--username", "worker", "--role", "staff", stdin="a-long-password-9\n")
    assert result.returncode == 0, result.stderr
    assert "The demo accounts were removed" in result.stdout
    assert list(listing(engine)["username"]) == ["worker"] and demo_passwords(engine) == {}


def test_create_user_reads_the_password_from_standard_input(store_url):
    result = manage(store_url, "create-user", "--username", "Head", "--role", "admin", stdin="a-long-password-9\n")
    assert result.returncode == 0, result.stderr
    assert "Created admin account 'head'" in result.stdout
    from auth.accounts import check_sign_in
    assert check_sign_in(open_store(store_url), "head", "a-long-password-9") is not None


def test_create_user_refuses_a_short_password_and_a_bad_role(store_url):
    short = manage(store_url, "create-user", "--username", "x", "--role", "staff", "--password", "short")
    assert short.returncode != 0 and "at least 12 characters" in short.stderr
    role = manage(store_url, "create-user", "--username", "x", "--role", "boss", "--password", "a-long-password-9")
    assert role.returncode != 0 and "invalid choice" in role.stderr
