"""Sign-in details: a lock per client address, parallel tries, passwords with surrounding spaces,
what is stored for a username without an account; board snapshots and the refreshing overview
check the account themselves."""

import json
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
import streamlit as st
from sqlalchemy import select

from auth import accounts, lockout
from auth.passwords import PasswordRejected, check_policy
from board_snapshots.saved import NotAllowed, create_snapshot, list_snapshots
from cli.actor import command_line_actor
from measures.filters import Period
from models.audit import recent
from models.tables import LoginAttempt
from tests.apptest_helpers import PASSWORD, add_role_accounts, open_deep_link

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
GOOD = "correct-horse-battery"
WRONG = "wrong-password-123"
SPRAYER, OFFICE = "198.51.100.7", "203.0.113.9"
Q1_2024 = Period(date(2024, 1, 1), date(2024, 3, 31))


@pytest.fixture
def alice(engine):
    accounts.create(engine, "alice", "staff", GOOD, actor="test")
    return engine


def attempts(engine) -> list[tuple[str, bool]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(LoginAttempt.username, LoginAttempt.succeeded)
                                               .order_by(LoginAttempt.id))]


# --- A limit per client address ---------------------------------------------------------------

def spray(engine, address: str | None, count: int, start: datetime = T0) -> None:
    """`count` wrong passwords from `address`, each for a different username (none of them locked)."""
    for i in range(count):
        at = start + timedelta(seconds=10 * i)
        assert accounts.check_sign_in(engine, f"user{i}", WRONG, now=at, address=address) is None


def test_twenty_failures_from_one_address_lock_it_for_fifteen_minutes(alice):
    spray(alice, SPRAYER, 20)
    last = T0 + timedelta(seconds=190)
    soon = last + timedelta(minutes=1)
    assert accounts.check_sign_in(alice, "alice", GOOD, now=soon, address=SPRAYER) is None
    assert accounts.check_sign_in(alice, "alice", GOOD, now=soon, address=OFFICE) is not None  # other places
    assert accounts.check_sign_in(alice, "alice", GOOD, now=soon) is not None  # address unknown: username rule only
    assert accounts.check_sign_in(alice, "alice", GOOD, now=last + timedelta(minutes=14, seconds=59),
                                  address=SPRAYER) is None
    assert accounts.check_sign_in(alice, "alice", GOOD, now=last + timedelta(minutes=15, seconds=1),
                                  address=SPRAYER) is not None
    assert "address locked" in set(recent(alice)["action"])


def test_nineteen_failures_or_twenty_spread_out_do_not_lock_the_address(alice):
    spray(alice, SPRAYER, 19)
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0 + timedelta(minutes=4), address=SPRAYER)
    spray(alice, OFFICE, 20, start=T0 + timedelta(hours=1))  # 10 s apart...
    spread = T0 + timedelta(hours=2)
    for i in range(20):  # ...but here 20 s apart: never 20 within 5 minutes
        accounts.check_sign_in(alice, f"other{i}", WRONG, now=spread + timedelta(seconds=20 * i), address="192.0.2.1")
    assert accounts.check_sign_in(alice, "alice", GOOD, now=spread + timedelta(minutes=7), address="192.0.2.1")


def test_a_success_from_an_address_does_not_clear_its_failures(alice):
    spray(alice, SPRAYER, 19)
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0 + timedelta(minutes=3, seconds=10), address=SPRAYER)
    assert accounts.check_sign_in(alice, "user99", WRONG, now=T0 + timedelta(minutes=3, seconds=20),
                                  address=SPRAYER) is None
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0 + timedelta(minutes=4), address=SPRAYER) is None


def test_the_address_is_kept_only_as_a_key_that_cannot_be_a_username(alice):
    accounts.check_sign_in(alice, "alice", WRONG, now=T0, address=SPRAYER)
    keys = [name for name, _ in attempts(alice)]
    assert keys == ["alice", lockout.address_key(SPRAYER)]
    assert SPRAYER not in " ".join(keys) + " ".join(recent(alice)["detail"].dropna())
    assert not accounts.is_valid_username(lockout.address_key(SPRAYER))
    with pytest.raises(accounts.AccountError, match="A username is"):
        accounts.create(alice, lockout.address_key(SPRAYER), "staff", GOOD)


def test_an_address_lock_costs_one_bcrypt_check_like_any_refusal(alice, monkeypatch):
    spray(alice, SPRAYER, 20)
    checks = []
    real = accounts.verify
    monkeypatch.setattr(accounts, "verify", lambda pw, h: checks.append(h) or real(pw, h))
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0 + timedelta(minutes=4), address=SPRAYER) is None
    assert checks == [None]  # spent, but never against alice's hash


def test_parallel_tries_cannot_get_past_five(alice, monkeypatch):
    checked = []
    real = accounts.verify
    monkeypatch.setattr(accounts, "verify", lambda pw, h: (h is not None and checked.append(pw)) or real(pw, h))
    start = threading.Barrier(10)
    problems = []

    def wrong_password():
        try:
            start.wait()
            accounts.check_sign_in(alice, "alice", WRONG, now=T0)
        except Exception as problem:  # noqa: BLE001 - reported below
            problems.append(problem)

    threads = [threading.Thread(target=wrong_password) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert problems == []
    assert len(checked) <= 5  # tried against the real hash at most five times
    assert attempts(alice) == [("alice", False)] * 5
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0 + timedelta(seconds=1)) is None  # locked


# --- Passwords with surrounding spaces --------------------------------------------------------

@pytest.mark.parametrize("password", [" " * 12, "\t" * 20, " correct-horse-battery", "correct-horse-battery ",
                                      "correct-horse-battery\n"])
def test_passwords_with_surrounding_or_only_spaces_are_refused(password):
    with pytest.raises(PasswordRejected, match="space"):
        check_policy(password)


def test_create_and_reset_refuse_passwords_the_sign_in_form_would_change(alice):
    with pytest.raises(PasswordRejected, match="cannot start or end with a space"):
        accounts.create(alice, "bob", "staff", "  padded-password  ", actor="test")
    with pytest.raises(PasswordRejected, match="only spaces"):
        accounts.reset_password(alice, "alice", " " * 12, actor="admin")
    assert accounts.get_account(alice, "bob") is None
    assert accounts.check_sign_in(alice, "alice", GOOD, now=T0) is not None  # unchanged
    check_policy("spaces inside are fine")


# --- A username without an account is stored only as a hash -----------------------------------

def test_an_unknown_username_is_stored_as_a_hash_in_attempts_and_audit(alice):
    typed = "My-Secret-Password-2026"  # a password typed into the username box
    accounts.check_sign_in(alice, typed, "whatever-else-1", now=T0)
    accounts.check_sign_in(alice, "alice", WRONG, now=T0)
    hashed = lockout.unknown_user_key(typed.lower())
    assert hashed.startswith("unknown:") and len(hashed) == len("unknown:") + 16
    assert attempts(alice) == [(hashed, False), ("alice", False)]
    log = recent(alice)
    everything = " ".join(log["actor"]) + " ".join(log["detail"].dropna())
    assert typed.lower() not in everything.lower()
    failed = log[log["action"] == "sign-in failed"]
    assert sorted(failed["actor"]) == ["alice", hashed]
    assert {json.loads(d)["reason"] for d in failed["detail"]} == {"unknown user", "wrong password"}


def test_an_unknown_username_still_locks_after_five_failures(alice):
    for i in range(5):
        accounts.check_sign_in(alice, "nobody", WRONG, now=T0 + timedelta(seconds=i))
    with alice.connect() as conn:
        assert lockout.locked_until(conn, lockout.unknown_user_key("nobody"), T0 + timedelta(minutes=1))


# --- Board snapshots check the role themselves ------------------------------------------------

def test_only_an_active_admin_or_the_command_line_takes_a_snapshot(small_org):
    add_role_accounts(small_org)
    for someone in ("u-trustee", "u-staff", "u-young-person", "nobody-at-all", "", None):
        with pytest.raises(NotAllowed, match="Only an admin can take"):
            create_snapshot(small_org, f"By {someone}", Q1_2024, date(2024, 4, 15), someone, k=5)
    accounts.set_active(small_org, "u-admin", False, actor="test")
    with pytest.raises(NotAllowed):
        create_snapshot(small_org, "Deactivated", Q1_2024, date(2024, 4, 15), "u-admin", k=5)
    assert list_snapshots(small_org).empty
    accounts.set_active(small_org, "u-admin", True, actor="test")
    create_snapshot(small_org, "By the admin", Q1_2024, date(2024, 4, 15), "u-admin", k=5)
    create_snapshot(small_org, "By a script", Q1_2024, date(2024, 4, 15), command_line_actor(), k=5)
    assert sorted(list_snapshots(small_org)["name"]) == ["By a script", "By the admin"]


# --- The refreshing overview checks the account on every run ----------------------------------

def test_the_refreshing_overview_stops_once_the_account_is_deactivated(small_org_url, monkeypatch):
    """The fragment reruns on its own, without the app shell: here it is run a second time right
    after the trustee was deactivated, as its next refresh would."""
    from models.schema import open_store
    real_fragment = st.fragment

    def fragment_that_refreshes_once(func=None, *, run_every=None, **kwargs):
        if not run_every:
            return real_fragment(func, **kwargs)

        def decorate(body):
            def twice(*args):
                body(*args)
                accounts.set_active(open_store(small_org_url), "u-trustee", False, actor="test")
                body(*args)
            return twice
        return decorate if func is None else decorate(func)

    monkeypatch.setattr(st, "fragment", fragment_that_refreshes_once)
    at = open_deep_link(small_org_url, monkeypatch, "pages/overview.py", "trustee", refresh="true",
                        period="Custom dates", **{"from": "2024-01-01", "to": "2024-03-31"})
    assert not at.exception
    assert [w.value for w in at.warning if "Signed out" in w.value] == ["Signed out: sign in again."]
    titles = [t.value for t in at.title]
    assert len(titles) == 1  # drawn by the first run only
    assert at.session_state["authentication_status"] is None  # the session was ended


def test_the_refreshing_overview_draws_while_the_account_is_valid(small_org_url, monkeypatch):
    at = open_deep_link(small_org_url, monkeypatch, "pages/overview.py", "trustee", refresh="true",
                        period="Custom dates", **{"from": "2024-01-01", "to": "2024-03-31"})
    assert not at.exception and at.metric
    assert not [w for w in at.warning if "Signed out" in w.value]


def test_the_form_refuses_the_right_password_from_a_locked_address(store_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from components import sign_in
    from models.schema import open_store
    from tests.apptest_helpers import APP_PATH
    engine = open_store(store_url)
    add_role_accounts(engine)
    spray(engine, SPRAYER, 20, start=datetime.now(UTC) - timedelta(minutes=4))
    monkeypatch.setenv("DATABASE_URL", store_url)
    monkeypatch.setattr(sign_in, "client_address", lambda: SPRAYER)
    at = AppTest.from_file(APP_PATH, default_timeout=60).run()
    at.text_input[0].input("u-admin")
    at.text_input[1].input(PASSWORD)
    at = at.button[0].click().run()
    assert [e.value for e in at.error] == [accounts.SIGN_IN_FAILED]
    monkeypatch.setattr(sign_in, "client_address", lambda: OFFICE)
    at.text_input[0].input("u-admin")
    at.text_input[1].input(PASSWORD)
    at = at.button[0].click().run()
    assert not at.error and [m.value for m in at.success] == ["Signed in. Opening your page..."]
