"""The demo accounts of a fresh install: random passwords per installation, shown on the sign-in page
only to a browser on the server's own machine, and gone as soon as the store holds anything real."""

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from auth import accounts
from components import sign_in_help
from components.sign_in_help import ASK_ADMIN, may_see_demo_passwords
from data.demo.accounts import DEMO_ACCOUNTS, PASSWORDS_SETTING, demo_password, demo_passwords, load_demo_with_accounts
from models.schema import open_store
from models.settings import get_setting
from tests.store_helpers import row_counts

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
END = date(2026, 11, 1)
PUBLISHED = {"demo-admin-password", "demo-staff-password", "demo-trustee-password", "demo-young-person-password"}


@pytest.fixture
def demo_store(store_url):
    load_demo_with_accounts(open_store(store_url), end=END)
    return store_url


def test_each_installation_gets_its_own_random_demo_passwords(tmp_path, capsys):
    first, second = open_store(f"sqlite:///{tmp_path / 'a.db'}"), open_store(f"sqlite:///{tmp_path / 'b.db'}")
    load_demo_with_accounts(first, end=END)
    printed = capsys.readouterr().out
    load_demo_with_accounts(second, end=END)
    one, two = demo_passwords(first), demo_passwords(second)
    assert list(one) == list(two) == [u for u, _, _ in DEMO_ACCOUNTS]
    assert not set(one.values()) & set(two.values()) and not set(one.values()) & PUBLISHED
    assert all(len(p) >= 16 for p in one.values()) and len(set(one.values())) == 4
    for username, password in one.items():  # the passwords sign in, here only
        assert accounts.check_sign_in(first, username, password) is not None
        assert accounts.check_sign_in(second, username, password) is None
    assert all(f"{u}  password: {p}" in printed for u, p in one.items())  # on the server's console
    assert demo_password(first, "demo-admin") == one["demo-admin"]


def test_a_real_staff_account_removes_the_demo_accounts_and_their_passwords(demo_store):
    engine = open_store(demo_store)
    records = row_counts(engine)
    accounts.create(engine, "worker", "staff", "a-long-password-1", actor="manage.py")
    assert list(accounts.listing(engine)["username"]) == ["worker"]
    assert demo_passwords(engine) == {} and get_setting(engine, PASSWORDS_SETTING) is None
    with pytest.raises(KeyError):
        demo_password(engine, "demo-admin")
    assert row_counts(engine) == records  # the demo data stays until real data comes in
    load_demo_with_accounts(engine, end=END)  # a real account exists: no demo sign-ins again
    assert list(accounts.listing(engine)["username"]) == ["worker"]


@pytest.mark.parametrize("role", ["trustee", "young_person"])
def test_any_real_role_removes_the_demo_accounts(demo_store, role):
    engine = open_store(demo_store)
    accounts.create(engine, "someone", role, "a-long-password-1", actor="admin")
    assert list(accounts.listing(engine)["username"]) == ["someone"]


def test_clearing_the_demo_records_forgets_the_passwords(demo_store):
    from data.demo.organisation import remove_demo_records
    engine = open_store(demo_store)
    with engine.begin() as conn:
        assert remove_demo_records(conn)
    assert get_setting(engine, PASSWORDS_SETTING) is None and demo_passwords(engine) == {}


@pytest.mark.parametrize("address", ["127.0.0.1", "127.8.9.10", "::1", " 127.0.0.1 "])
def test_loopback_addresses_may_see_the_demo_passwords(address):
    assert may_see_demo_passwords(address)


@pytest.mark.parametrize("address", [None, "", "10.0.0.5", "192.168.1.20", "203.0.113.7", "0.0.0.0", "::",
                                     "fe80::1", "::ffff:10.0.0.5", "2001:db8::1", "localhost", "not an address"])
def test_any_other_address_or_none_does_not(address):
    assert not may_see_demo_passwords(address)


def test_the_client_address_is_the_tcp_peer_unless_a_proxy_forwarded_it(monkeypatch):
    import streamlit as st
    import streamlit.runtime.context as context
    peer = SimpleNamespace(remote_ip="127.0.0.1")
    monkeypatch.setattr(context, "_get_client_context", lambda: peer)
    monkeypatch.setattr(type(st.context), "headers", property(lambda self: {"Host": "localhost:8501"}))
    assert sign_in_help.client_address() == "127.0.0.1"  # st.context.ip_address would say None
    monkeypatch.setattr(type(st.context), "headers",
                        property(lambda self: {"Host": "x", "X-Forwarded-For": "203.0.113.7"}))
    assert sign_in_help.client_address() is None
    monkeypatch.setattr(type(st.context), "headers", property(lambda self: {}))
    monkeypatch.setattr(context, "_get_client_context", lambda: None)
    assert sign_in_help.client_address() is None


def sign_in_page(url, monkeypatch) -> AppTest:
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    return at


def shown_text(at: AppTest) -> str:
    return " ".join([i.value for i in at.info] + [str(t.value) for t in at.table])


def test_an_unknown_address_sees_no_demo_password(demo_store, monkeypatch):
    import streamlit as st
    at = sign_in_page(demo_store, monkeypatch)
    assert st.context.ip_address is None  # no browser connection in AppTest
    assert not at.table
    assert [i.value for i in at.info] == [ASK_ADMIN]
    text = shown_text(at)
    assert not any(p in text for p in demo_passwords(open_store(demo_store)).values())


def test_a_remote_address_sees_no_demo_password(demo_store, monkeypatch):
    monkeypatch.setattr(sign_in_help, "client_address", lambda: "192.168.1.20")
    at = sign_in_page(demo_store, monkeypatch)
    assert not at.table and [i.value for i in at.info] == [ASK_ADMIN]


def test_a_browser_on_the_server_sees_this_installations_demo_passwords(demo_store, monkeypatch):
    monkeypatch.setattr(sign_in_help, "client_address", lambda: "127.0.0.1")
    at = sign_in_page(demo_store, monkeypatch)
    [table] = at.table
    shown = table.value
    assert list(shown["Username"]) == [u for u, _, _ in DEMO_ACCOUNTS]
    assert list(shown["Password"]) == list(demo_passwords(open_store(demo_store)).values())
    at.text_input[0].input("demo-trustee")
    at.text_input[1].input(demo_password(open_store(demo_store), "demo-trustee"))
    at.button[0].click().run()
    assert any("Signed in" in m.value for m in at.success)


def test_app_sh_listens_on_localhost_unless_told_otherwise():
    script = (ROOT / "scripts" / "app.sh").read_text()
    assert "--server.address 127.0.0.1" in script
    assert '"${address[@]}" "$@"' in script  # the caller's arguments come after: theirs win
    assert "--server.address|--server.address=*) address=()" in script


@pytest.mark.parametrize("given, expected", [
    ([], ["--server.address", "127.0.0.1"]),
    (["--server.port", "9000"], ["--server.address", "127.0.0.1", "--server.port", "9000"]),
    (["--server.address", "0.0.0.0"], ["--server.address", "0.0.0.0"]),
    (["--server.address=0.0.0.0"], ["--server.address=0.0.0.0"]),
])
def test_app_sh_passes_the_address_to_streamlit(tmp_path, given, expected):
    """The script's own argument handling, run with a stand-in for streamlit (nothing installed)."""
    import subprocess
    script = (ROOT / "scripts" / "app.sh").read_text()
    start = script.index("address=(")
    tail = script[start:].replace(".venv/bin/streamlit run app.py --browser.gatherUsageStats false",
                                  f"{tmp_path / 'echo_args'}")
    (tmp_path / "echo_args").write_text('#!/usr/bin/env bash\nprintf "%s\\n" "$@"\n')
    (tmp_path / "echo_args").chmod(0o755)
    result = subprocess.run(["bash", "-c", "set -euo pipefail\n" + tail, "app.sh", *given],
                            capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout.split() == expected
