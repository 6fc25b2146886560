"""Figures started early (measures/started_early.py): one call per key, shared by the views that
ask for it, copies only, failures not kept, bounded in number and age."""

import threading

import pytest

from measures import started_early
from measures.started_early import started


@pytest.fixture(autouse=True)
def nothing_started():
    started_early.forget_all()
    yield
    started_early.forget_all()


def test_a_key_is_worked_out_once_and_each_view_gets_its_own_copy():
    calls = []

    def figure():
        calls.append(1)
        return {"1": {"young_people": 4}}

    first, second = started(("depth", 1), figure), started(("depth", 1), figure)
    mine = first()
    mine["1"]["young_people"] = 99
    assert second() == {"1": {"young_people": 4}}
    assert len(calls) == 1
    started(("depth", 2), figure)()
    assert len(calls) == 2


def test_the_call_runs_while_the_caller_goes_on():
    release, ran = threading.Event(), threading.Event()

    def slow():
        ran.set()
        release.wait(5)
        return 7

    result = started("slow", slow)
    assert ran.wait(5)  # started before anyone asked for the result
    release.set()
    assert result() == 7


def test_a_failed_call_is_not_kept():
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("database went away")
        return "figures"

    with pytest.raises(RuntimeError, match="went away"):
        started("flaky", flaky)()
    assert started("flaky", flaky)() == "figures"
    assert len(attempts) == 2


def test_bounded_in_number_oldest_first(monkeypatch):
    monkeypatch.setattr(started_early, "MAX_ENTRIES", 2)
    calls = []
    for key in ("a", "b", "a", "c"):  # "a" used again before "c" comes: "b" is the one dropped
        started(key, lambda key=key: calls.append(key))()
    assert calls == ["a", "b", "c"]
    started("a", lambda: calls.append("a again"))()
    started("b", lambda: calls.append("b again"))()
    assert calls == ["a", "b", "c", "b again"]


def test_bounded_in_age(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(started_early.time, "monotonic", lambda: now[0])
    calls = []
    started("old", lambda: calls.append(1))()
    now[0] += started_early.TTL_SECONDS - 1
    started("old", lambda: calls.append(2))()
    now[0] += 2  # now older than TTL_SECONDS since it was started
    started("old", lambda: calls.append(3))()
    assert calls == [1, 3]


def test_forget_all_drops_every_started_figure():
    calls = []
    started("k", lambda: calls.append(1))()
    started_early.forget_all()
    started("k", lambda: calls.append(2))()
    assert calls == [1, 2]
