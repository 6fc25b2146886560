"""Accounts, passwords, lockout (with a controllable clock), revocation, cookie key, audit."""

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import bcrypt
import pytest
from sqlalchemy import select

from auth import accounts
from auth.cookie_key import InsecureCookieKey, cookie_key
from auth.passwords import PasswordRejected, check_policy
from models.audit import recent
from models.db import make_engine
from models.settings import get_setting, set_setting
from models.tables import LoginAttempt, Setting

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
GOOD = "correct-horse-battery"


@pytest.fixture
def alice(engine):
    accounts.create(engine, "Alice", "staff", GOOD, display_name="Alice", actor="test")
    return engine


def fail(engine, at: datetime, username: str = "alice") -> None:
    assert accounts.check_sign_in(engine, username, "wrong-password-123", now=at) is None


def test_password_rules():
    check_policy("x" * 12)
    with pytest.raises(PasswordRejected, match="at least 12"):
        check_policy("x" * 11)
    with pytest.raises(PasswordRejected, match="too long: at most 72 bytes"):
        check_policy("x" * 73)
    with pytest.raises(PasswordRejected, match="too long"):
        check_policy("é" * 37)  # 37 characters, 74 bytes


def test_sign_in_with_any_case_username(alice):
    assert accounts.check_sign_in(alice, " ALICE ", GOOD, now=T0).username == "alice"


def test_fifth_failure_within_five_minutes_locks_for_fifteen(alice):
    for minute in range(4):
        fail(alice, T0 + timedelta(minutes=minute))
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0 + timedelta(minutes=4, seconds=1)) is not None
    # A success wipes the slate; now five quick failures lock.
    start = T0 + timedelta(minutes=5)
    for i in range(5):
        fail(alice, start + timedelta(seconds=30 * i))
    fifth = start + timedelta(seconds=120)
    assert accounts.check_sign_in(alice, "alice", GOOD, now=fifth + timedelta(seconds=1)) is None
    assert accounts.check_sign_in(alice, "alice", GOOD, now=fifth + timedelta(minutes=14, seconds=59)) is None
    # The 16th minute after the lock began: unlocked.
    assert accounts.check_sign_in(alice, "alice", GOOD, now=fifth + timedelta(minutes=15, seconds=1)) is not None


def test_failures_spread_over_more_than_five_minutes_do_not_lock(alice):
    for i in range(6):
        fail(alice, T0 + timedelta(minutes=2 * i))
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0 + timedelta(minutes=11)) is not None


def test_attempts_while_locked_do_not_extend_the_lock(alice):
    for i in range(5):
        fail(alice, T0 + timedelta(seconds=i))
    for minute in range(1, 15):
        fail(alice, T0 + timedelta(minutes=minute))
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0 + timedelta(minutes=15, seconds=5)) is not None


def test_lock_survives_a_restart_and_an_admin_can_unlock(alice, store_url):
    for i in range(5):
        fail(alice, T0 + timedelta(seconds=i))
    restarted = make_engine(store_url)  # a new process would open a new engine
    assert accounts.check_sign_in(restarted, "alice", GOOD, now=T0 + timedelta(minutes=1)) is None
    assert accounts.unlock(restarted, "alice", actor="admin") == 5
    assert accounts.check_sign_in(restarted, "alice", GOOD, now=T0 + timedelta(minutes=1)) is not None


def test_unknown_locked_inactive_and_wrong_password_cost_the_same(alice, monkeypatch):
    accounts.create(alice, "bob", "staff", GOOD, actor="test")
    accounts.set_active(alice, "bob", False, actor="admin")
    accounts.create(alice, "carol", "staff", GOOD, actor="test")
    for i in range(5):
        fail(alice, T0 + timedelta(seconds=i))
    checks = []
    real = bcrypt.checkpw
    monkeypatch.setattr(bcrypt, "checkpw", lambda pw, h: checks.append(1) or real(pw, h))
    later = T0 + timedelta(minutes=1)
    cases = {"unknown": ("nobody", GOOD), "locked": ("alice", GOOD), "inactive": ("bob", GOOD),
             "wrong": ("carol", "wrong-password-123"), "too long": ("carol", "x" * 80)}
    for username, password in cases.values():
        checks.clear()
        assert accounts.check_sign_in(alice, username, password, now=later) is None
        assert len(checks) == 1   # one bcrypt check, whatever the reason


def test_attempts_are_kept_in_the_store(alice):
    fail(alice, T0)
    with alice.connect() as conn:
        assert conn.execute(select(LoginAttempt.username, LoginAttempt.succeeded)).all() == [("alice", False)]


def test_password_change_and_deactivation_revoke_sessions(alice):
    issued = datetime.now(UTC) - timedelta(seconds=1)
    assert accounts.session_still_valid(accounts.get_account(alice, "alice"), issued)
    accounts.reset_password(alice, "alice", "another-long-password", actor="admin")
    assert not accounts.session_still_valid(accounts.get_account(alice, "alice"), issued)
    fresh = datetime.now(UTC) + timedelta(seconds=1)
    assert accounts.session_still_valid(accounts.get_account(alice, "alice"), fresh)
    accounts.set_active(alice, "alice", False, actor="admin")
    assert not accounts.session_still_valid(accounts.get_account(alice, "alice"), fresh + timedelta(days=1))


def test_sign_out_revokes_cookies_issued_before_it(alice):
    before = datetime.now(UTC) - timedelta(seconds=1)
    accounts.revoke_sessions(alice, "alice", actor="alice")
    assert not accounts.session_still_valid(accounts.get_account(alice, "alice"), before)


def test_sign_out_reset_role_change_and_deactivation_each_raise_the_session_version(alice):
    def version():
        return accounts.get_account(alice, "alice").session_version
    assert version() == 0
    accounts.revoke_sessions(alice, "alice", actor="alice")
    assert version() == 1
    accounts.reset_password(alice, "alice", "another-long-password", actor="admin")
    assert version() == 2
    accounts.set_role(alice, "alice", "trustee", actor="admin")
    assert version() == 3
    accounts.set_active(alice, "alice", False, actor="admin")
    assert version() == 4
    accounts.set_active(alice, "alice", True, actor="admin")   # reactivating opens no old session
    accounts.unlock(alice, "alice", actor="admin")
    assert version() == 4


def test_a_session_is_good_only_with_the_version_it_signed_in_with(alice):
    signed_in = accounts.check_sign_in(alice, "alice", GOOD)
    at = datetime.now(UTC)
    assert accounts.session_still_valid(accounts.get_account(alice, "alice"), at, signed_in.session_version)
    accounts.set_role(alice, "alice", "trustee", actor="admin")
    assert not accounts.session_still_valid(accounts.get_account(alice, "alice"), at + timedelta(days=1),
                                            signed_in.session_version)   # the clock cannot bring it back
    again = accounts.check_sign_in(alice, "alice", GOOD)
    assert again.session_version == 1
    assert accounts.session_still_valid(accounts.get_account(alice, "alice"), datetime.now(UTC), 1)


def test_a_cookie_expiring_beyond_now_plus_its_lifetime_has_no_issue_time():
    week = timedelta(days=7)
    exp = (T0 + week).timestamp()
    assert accounts.cookie_issued_at(exp, week, now=T0) == T0
    assert accounts.cookie_issued_at(exp + 30, week, now=T0) == T0 + timedelta(seconds=30)  # clock allowance
    assert accounts.cookie_issued_at(exp + 120, week, now=T0) is None
    assert accounts.cookie_issued_at(datetime(2100, 1, 1, tzinfo=UTC).timestamp(), week, now=T0) is None
    for odd in (None, "4102444800", True, float("inf"), float("nan"), 1e300):
        assert accounts.cookie_issued_at(odd, week, now=T0) is None


def test_account_changes_and_sign_ins_are_audited(alice):
    accounts.check_sign_in(alice, "alice", GOOD, now=T0)
    for i in range(5):
        fail(alice, T0 + timedelta(minutes=1, seconds=i))
    accounts.set_role(alice, "alice", "trustee", actor="admin")
    accounts.revoke_sessions(alice, "alice", actor="alice")
    actions = set(recent(alice)["action"])
    assert {"user created", "signed in", "sign-in failed", "account locked", "role changed", "signed out"} <= actions


def test_account_mistakes_are_refused_clearly(alice):
    with pytest.raises(accounts.AccountError, match="already an account"):
        accounts.create(alice, "ALICE", "staff", GOOD)
    with pytest.raises(accounts.AccountError, match="Unknown role"):
        accounts.create(alice, "dave", "superuser", GOOD)
    with pytest.raises(accounts.AccountError, match="no account"):
        accounts.set_role(alice, "nobody", "staff", actor="admin")


def test_cookie_key_is_never_a_default(engine, monkeypatch):
    monkeypatch.delenv("COPROD_COOKIE_KEY", raising=False)
    generated = cookie_key(engine)
    assert len(generated) >= 32 and cookie_key(engine) == generated   # generated once, then kept
    monkeypatch.setenv("COPROD_COOKIE_KEY", "x" * 40)
    assert cookie_key(engine) == "x" * 40   # the environment wins over the file
    monkeypatch.setenv("COPROD_COOKIE_KEY", "some_signature_key")
    with pytest.raises(InsecureCookieKey, match="well-known default"):
        cookie_key(engine)
    monkeypatch.setenv("COPROD_COOKIE_KEY", "short")
    with pytest.raises(InsecureCookieKey, match="shorter than 32"):
        cookie_key(engine)
    with pytest.raises(InsecureCookieKey):
        cookie_key(engine, from_secrets="random_signature_key")


def test_demo_accounts_come_with_demo_data_and_go_with_a_real_admin(engine):
    from datetime import date

    from data.demo.accounts import load_demo_with_accounts
    load_demo_with_accounts(engine, end=date(2026, 11, 1))
    users = accounts.listing(engine)
    assert sorted(users["role"]) == ["admin", "staff", "trustee", "young_person"] and users["is_demo"].all()
    accounts.create(engine, "head", "admin", GOOD, actor="manage.py")
    assert list(accounts.listing(engine)["username"]) == ["head"]
    load_demo_with_accounts(engine, end=date(2026, 11, 1))   # a real admin exists: no demo sign-ins again
    assert list(accounts.listing(engine)["username"]) == ["head"]


def test_the_user_list_shows_who_is_locked_and_until_when(alice):
    for i in range(5):
        fail(alice, T0 + timedelta(seconds=i))
    users = accounts.listing(alice, now=T0 + timedelta(minutes=1)).set_index("username")
    assert users.loc["alice", "locked_until"] == T0 + timedelta(seconds=4) + timedelta(minutes=15)


# --- The cookie key lives in a file of its own, not in the store ---------------------------------

def test_a_generated_cookie_key_goes_to_a_private_file_outside_the_store(engine, monkeypatch, cookie_key_file):
    monkeypatch.delenv("COPROD_COOKIE_KEY", raising=False)
    key = cookie_key(engine)
    assert cookie_key_file.read_text().strip() == key
    assert stat.S_IMODE(cookie_key_file.stat().st_mode) == 0o600
    assert get_setting(engine, "cookie_key") is None
    assert sorted(p.name for p in cookie_key_file.parent.iterdir() if p.name.startswith("cookie_key")) == [
        "cookie_key"]   # no draft left behind
    assert cookie_key(engine) == key


def test_a_key_found_in_the_store_moves_to_the_file_and_leaves_the_store(engine, monkeypatch, cookie_key_file):
    monkeypatch.delenv("COPROD_COOKIE_KEY", raising=False)
    old = "k" * 20 + "-from-an-older-version"
    set_setting(engine, "cookie_key", old)
    assert cookie_key(engine) == old   # cookies signed before the upgrade keep working
    assert cookie_key_file.read_text().strip() == old
    assert stat.S_IMODE(cookie_key_file.stat().st_mode) == 0o600
    assert get_setting(engine, "cookie_key") is None
    with engine.connect() as conn:
        assert conn.execute(select(Setting).where(Setting.key == "cookie_key")).first() is None


def test_a_key_in_the_store_is_deleted_when_the_key_comes_from_the_environment(engine, monkeypatch,
                                                                             cookie_key_file):
    set_setting(engine, "cookie_key", "s" * 40)
    monkeypatch.setenv("COPROD_COOKIE_KEY", "e" * 40)
    assert cookie_key(engine) == "e" * 40
    assert get_setting(engine, "cookie_key") is None and not cookie_key_file.exists()


def test_a_key_file_others_can_read_is_refused(engine, monkeypatch, cookie_key_file):
    monkeypatch.delenv("COPROD_COOKIE_KEY", raising=False)
    cookie_key_file.write_text("r" * 40 + "\n")
    cookie_key_file.chmod(0o644)
    with pytest.raises(InsecureCookieKey, match="chmod 600"):
        cookie_key(engine)
    cookie_key_file.chmod(0o600)
    assert cookie_key(engine) == "r" * 40


def test_the_key_file_path_defaults_beside_the_app_and_is_git_ignored(monkeypatch):
    import subprocess

    from auth import cookie_key as module
    monkeypatch.delenv("COPROD_COOKIE_KEY_FILE", raising=False)
    root = Path(module.__file__).resolve().parent.parent
    assert module.key_file() == root / ".streamlit" / "cookie_key"
    ignored = subprocess.run(["git", "check-ignore", "-q", ".streamlit/cookie_key"], cwd=root)
    assert ignored.returncode == 0
