"""The users page, as an admin uses it (AppTest): a change is said after the rerun that shows it
in the list of users (components/flash.py); a refused one says here what was not done, and why."""

import re

from auth.accounts import listing
from tests.apptest_helpers import add_role_accounts, open_deep_link


def plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _page(engine, store_url, monkeypatch):
    add_role_accounts(engine)
    at = open_deep_link(store_url, monkeypatch, "pages/users.py", "admin")
    assert not at.exception
    return at


def _add(at, username: str, password: str):
    add = next(t for t in at.tabs if t.label == "Add a user")
    next(t for t in add.text_input if t.label == "Username").set_value(username)
    next(t for t in add.text_input if t.label == "Password").set_value(password)
    next(b for b in add.button if b.label == "Add user").click()
    return at.run()


def test_an_added_user_is_said_and_listed_at_once(engine, store_url, monkeypatch):
    at = _add(_page(engine, store_url, monkeypatch), "new.person", "a-long-password-2")  # the first role offered
    assert not at.exception
    assert [plain(s.value) for s in at.success] == ["Added admin (head of innovation) 'new.person'."]
    assert "new.person" in list(at.dataframe[0].value["username"])


def test_a_refused_change_says_why_and_changes_nothing(engine, store_url, monkeypatch):
    at = _add(_page(engine, store_url, monkeypatch), "short", "too-short")
    assert [plain(e.value) for e in at.error] == ["Not added: The password must be at least 12 characters long."]
    assert not at.success and "short" not in set(listing(engine)["username"])


def test_unlocking_is_said_after_the_rerun(engine, store_url, monkeypatch):
    at = _page(engine, store_url, monkeypatch)
    at.selectbox(key="change-user").set_value("u-staff").run()
    next(b for b in at.button if b.label == "Unlock").click().run()
    assert [plain(s.value) for s in at.success] == ["'u-staff' unlocked."]
