"""Figures kept until their tables change (migration 0018, models/table_changes.py,
measures/kept_until_changed.py): each kept measure names every table it sends SQL about (both
databases); on PostgreSQL a write to one, by the app's own paths, has it worked out again and no
other write does; the numbers move with every statement and cascade and tell a store made again;
the memory is bounded, keyed by the arguments, gives copies and is emptied by an erasure."""

import importlib
import os
import pkgutil
import re
from contextlib import contextmanager
from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest
from sqlalchemy import delete, event, inspect, insert, text, update
from sqlmodel import SQLModel

import data.importing.importer as importer
import measures
from bench.import_files import USER_ORDER, generate
from data.forms.evaluation import EvaluationEntry, save_evaluation
from data.forms.rating import RatingEntry, save_ratings
from data.forms.session import RegisterLine, save_register
from data.frameworks.editor import rename_framework, rename_principle, rename_skill
from data.importing import bulk_load, import_files, import_sources
from data.participant_rights import erase_participant
from measures import kept_until_changed as kept_module
from measures.filters import NO_FILTERS, Filters, Period
from measures.kept_until_changed import forget_all, kept_until_changed
from models.schema import open_store, upgrade_schema
from models.table_changes import TRIGGER, WATCHED, changes_of
from models.tables import Participant, Programme
from tests import small_org
from tests.conftest import DROP_ALL_TABLES, POSTGRES_URL_VARIABLE, fresh_postgres_store
from tests.store_helpers import downgrade_to

P, PR = Participant.__table__, Programme.__table__
PERIOD, K, ACTOR = Period(date(2024, 1, 1), date(2024, 3, 31)), 1, "u-staff"
TABLES = frozenset(SQLModel.metadata.tables) - {"table_changes"}
ORDER = tuple(sorted(WATCHED))
CALLS = {  # each kept measure, called as its pages call it: (measure, engine, filters, period) -> figures
    **{name: lambda m, e, f, p=PERIOD: m(e, p, f, K) for name in (
        "measures.skills.skills_and_pooled_share", "measures.skills.skills_and_programmes",
        "measures.principles.principle_table", "measures.principles.pooled_adherence")},
    "measures.principles.rating_trend": lambda m, e, f, p=PERIOD: m(e, p, f, K, "lundy", "quarter"),
    "measures.principles.programme_principle_cells": lambda m, e, f, p=PERIOD: m(e, p, f, K, "lundy"),
    "measures.data_quality.pre_awaiting_post": lambda m, e, f, p=PERIOD: m(e),
}
FILTERS = {"no filter": NO_FILTERS, "a programme": Filters(programmes=("P1",)),
           "a group": Filters(age_bands=("16_18",)),
           "activity and mode": Filters(activity_types=("workshop",), modes=("in_person",)),
           "every filter": Filters(("P1", "P2"), ("workshop", "training"), ("in_person", "online"),
                                   ("11_15", "16_18"), ("no",), ("yes", "no"))}
SHOWN = ("no filter", "a programme", "a group")  # enough to see each write in some figure
AWAITING = "measures.data_quality.pre_awaiting_post"  # takes no filters


def kept_measures() -> dict:
    """Every measure in `measures` that `kept_until_changed` decorates, by module and name."""
    found = {}
    for info in pkgutil.walk_packages(measures.__path__, "measures."):
        for value in vars(importlib.import_module(info.name)).values():
            if hasattr(value, "reads") and hasattr(value, "__wrapped__") and value.__module__ == info.name:
                found[f"{info.name}.{value.__qualname__}"] = value
    return found


def plain(value) -> str:
    """Figures as comparable text: frames with their index, columns and types."""
    if isinstance(value, pd.DataFrame):
        return repr((value.to_dict("split"), value.dtypes.astype(str).tolist()))
    if isinstance(value, tuple | list | dict):
        return repr([plain(each) for each in (value.items() if isinstance(value, dict) else value)])
    return repr(value)


@contextmanager
def statements(engine):
    sent = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def ran(sent) -> bool:  # the measure itself sent SQL, not only the read of the numbers
    return any("table_changes" not in statement for statement in sent)


def numbers(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(zip(ORDER, changes_of(conn, ORDER)[1:], strict=True))


def write(engine, *steps) -> None:
    with engine.begin() as conn:
        for step in steps:
            conn.execute(text(step) if isinstance(step, str) else step)


def imported(engine, name: str, *lines: str) -> None:
    """An import of one contract file (as an upload is)."""
    import_sources(engine, [(f"{name}.csv", ("\n".join(lines) + "\n").encode())])


@pytest.fixture(autouse=True)
def nothing_kept():
    yield forget_all()
    forget_all()


@pytest.fixture
def postgres_store():
    return fresh_postgres_store("not set: only PostgreSQL keeps figures")


@pytest.fixture
def postgres_org(postgres_store):
    small_org.build(postgres_store)
    return postgres_store


def test_every_kept_measure_names_every_table_it_reads(small_org_any):
    engine, found = small_org_any, kept_measures()
    assert set(found) == set(CALLS), "a kept measure this test does not call, or one no longer kept"
    for name, measure in found.items():
        assert set(measure.reads) <= WATCHED, name
        for label, filters in FILTERS.items():
            forget_all()
            with statements(engine) as sent:
                CALLS[name](measure, engine, filters)
            read = {table for table in TABLES for statement in sent if re.search(rf"\b{table}\b", statement)}
            assert ran(sent) and read <= set(measure.reads), (name, label, read - set(measure.reads))


WRITES = [  # (what, a write through the app's paths)
    ("an evaluation entered: skill pairs", lambda e: save_evaluation(
        e, ACTOR, EvaluationEntry("Y7", "P1", "post", date(2024, 3, 28), {"confidence": 5}))),
    ("a session rated", lambda e: save_ratings(e, ACTOR, RatingEntry("C", "lundy", "young_person", {"voice": 1}))),
    ("a young person's age band changed", lambda e: imported(
        e, "participants", "participant_code,role,age_band", "Y5,young_person,11_15")),
    ("a young person now staff", lambda e: imported(e, "participants", "participant_code,role", "Y1,staff")),
    ("a programme renamed", lambda e: imported(e, "programmes", "programme_code,name", "P1,Podcast club")),
    ("a session moved to another programme", lambda e: imported(
        e, "sessions", "session_code,programme_code,date,activity_type", "C,P1,2024-03-05,workshop")),
    ("a principle renamed", lambda e: rename_principle(e, "lundy", "voice", "Having a say", ACTOR)),
    ("a framework renamed", lambda e: rename_framework(e, "lundy", "The Lundy model", ACTOR)),
    ("a skill renamed", lambda e: rename_skill(e, "confidence", "Self-belief", ACTOR)),
    ("a participant deleted with what refers to them", lambda e: write(e, delete(P).where(P.c.code == "Y2"))),
]


def shown(engine, found) -> dict[tuple, tuple[str, bool]]:
    """Each kept measure's figures under each shown filter, and whether it ran to give them."""
    seen = {}
    for name, measure in found.items():
        for label in SHOWN[:1] if name == AWAITING else SHOWN:
            with statements(engine) as sent:
                figures = CALLS[name](measure, engine, FILTERS[label])
            assert plain(figures) == plain(CALLS[name](measure.__wrapped__, engine, FILTERS[label])), (name, label)
            seen[name, label] = plain(figures), ran(sent)
    return seen


def test_a_write_to_a_table_read_has_the_figures_worked_out_again_and_no_other(postgres_org):
    engine, found = postgres_org, kept_measures()
    before = shown(engine, found)
    steps = [*WRITES, ("a register taken: read by none", lambda e: save_register(
        e, ACTOR, "F", [RegisterLine("Y4", True), RegisterLine("Y6", False)]))]
    for what, step in steps:
        numbers_before = numbers(engine)
        step(engine)
        moved = {table for table, n in numbers(engine).items() if n != numbers_before[table]}
        assert moved, what
        after = shown(engine, found)  # each equal to the measure worked out afresh
        for (name, label), (_, ran_again) in after.items():
            assert ran_again == bool(moved & set(found[name].reads)), (what, name, label, moved)
        if what.endswith("read by none"):
            assert {"attendance", "young_people_attendance"} <= moved, moved
            assert after == {key: (figures, False) for key, (figures, _) in before.items()}
        else:
            assert any(after[key][0] != before[key][0] for key in after), f"{what} changed no figure"
        before = after


def test_a_bulk_import_moves_the_numbers_and_the_figures_follow(postgres_store, tmp_path, monkeypatch):
    engine, found = postgres_store, kept_measures()
    generate(tmp_path, 0.002, seed=7, end=date(2024, 3, 31))
    monkeypatch.setattr(importer, "BULK_ROWS", 100)
    recounted, real = [], bulk_load.recount
    monkeypatch.setattr(bulk_load, "recount", lambda conn, table: recounted.append(table.name) or real(conn, table))
    whole = Period(date(2020, 1, 1), date(2024, 3, 31))
    before = {name: plain(CALLS[name](measure, engine, NO_FILTERS, whole)) for name, measure in found.items()}
    numbers_before = numbers(engine)
    import_files(engine, [tmp_path / f"{name}.csv" for name in USER_ORDER])
    assert sorted(recounted) == ["attendance", "evaluations"]  # the bulk path was taken
    after = numbers(engine)
    for table in ("attendance", "evaluations", "skill_pairs", "skill_first_pres", "young_people_attendance"):
        assert after[table] > numbers_before[table], table
    for name, measure in found.items():
        with statements(engine) as sent:
            figures = plain(CALLS[name](measure, engine, NO_FILTERS, whole))
        assert ran(sent) and figures == plain(CALLS[name](measure.__wrapped__, engine, NO_FILTERS, whole)), name
        assert figures != before[name] or name == AWAITING, name  # the files have every pre's post


def test_the_numbers_move_with_each_statement_and_cascade(postgres_org):
    engine = postgres_org

    def moved_by(*steps) -> dict[str, int]:
        before = numbers(engine)
        write(engine, *steps)
        return {table: n - before[table] for table, n in numbers(engine).items() if n != before[table]}
    # Once per statement, whatever its rows (none included).
    assert moved_by(insert(PR).values([{"code": "P3", "name": "Three"}, {"code": "P4", "name": "Four"}])) == \
        {"programmes": 1}
    assert moved_by(update(PR).values(description="Changed")) == {"programmes": 1}
    assert moved_by(update(PR).where(PR.c.code == "none").values(name="x")) == {"programmes": 1}
    assert moved_by(delete(PR).where(PR.c.code.in_(["P3", "P4"])))["programmes"] == 1
    assert moved_by("TRUNCATE feedback_items") == {"feedback_items": 1}
    from_person = {"participants", "attendance", "evaluations", "principle_ratings", "skill_pairs",
                   "skill_first_pres", "young_people_attendance"}
    cascaded = moved_by(delete(P).where(P.c.code == "Y1"))  # on registers, evaluated, a rater
    assert set(cascaded) >= from_person and not set(cascaded) & {"programmes", "skills", "principles"}, cascaded
    truncated = {"participants", "attendance", "evaluations", "principle_ratings", "young_people_attendance"}
    assert set(moved_by("TRUNCATE participants CASCADE")) >= truncated
    with engine.connect() as conn:
        made = conn.exec_driver_sql("SELECT 'table_changes'::regclass::oid").scalar_one()
        counts = numbers(engine)
        assert changes_of(conn, ("skills", "programmes")) == (made, counts["skills"], counts["programmes"])
        for unwatched in (("settings",), ("programmes", "row_counts"), ("table_changes",)):
            with pytest.raises(ValueError):
                changes_of(conn, unwatched)


RUNS = []


@kept_until_changed("programmes", "skills")
def counted(engine, x, y=0):
    RUNS.append((x, y))
    return {"x": x, "frame": pd.DataFrame({"n": [x, y]})}


def runs(engine, *calls) -> list[tuple]:
    """Which of these calls of `counted` (x, or x and y by keyword) ran."""
    RUNS[:] = []
    for x, *y in (each if isinstance(each, tuple) else (each,) for each in calls):
        counted(engine, x, **({"y": y[0]} if y else {}))
    return RUNS[:]


def test_sqlite_counts_nothing_and_keeps_nothing(small_org):
    write(small_org, update(PR).values(description="Changed"))
    with small_org.connect() as conn:
        assert changes_of(conn, ORDER) is None
        assert conn.exec_driver_sql("SELECT count(*) FROM table_changes").scalar_one() == 0
    assert runs(small_org, 1, 1) == [(1, 0), (1, 0)]
    for name, measure in kept_measures().items():  # the measure itself, every time
        for _ in range(2):
            with statements(small_org) as sent:
                CALLS[name](measure, small_org, NO_FILTERS)
            assert ran(sent), name
    assert len(kept_module._kept) == 0


def test_a_store_made_again_at_the_same_address_is_not_taken_for_the_one_before(postgres_org, monkeypatch):
    engine, measure = postgres_org, kept_measures()["measures.principles.principle_table"]
    with engine.connect() as conn:
        first = changes_of(conn, ORDER)
    figures = plain(measure(engine, PERIOD, NO_FILTERS, K))
    # The same statements with other scores: the same numbers, other figures.
    monkeypatch.setattr(small_org, "RATINGS", [(*rating[:5], 6 - rating[5], rating[6]) for rating in small_org.RATINGS])
    with engine.begin() as conn:
        conn.exec_driver_sql(DROP_ALL_TABLES)
    engine = open_store(os.environ[POSTGRES_URL_VARIABLE])
    small_org.build(engine)
    with engine.connect() as conn:
        again = changes_of(conn, ORDER)
    assert again[0] != first[0] and again[1:] == first[1:]
    remade = plain(measure(engine, PERIOD, NO_FILTERS, K))
    assert remade == plain(measure.__wrapped__(engine, PERIOD, NO_FILTERS, K)) != figures


def test_the_kept_figures_are_copies_keyed_by_arguments_and_bounded(postgres_org, monkeypatch):
    engine, now = postgres_org, [0.0]
    monkeypatch.setattr(kept_module, "time", SimpleNamespace(monotonic=lambda: now[0]))
    assert runs(engine, 1, 1, (1, 2), 2, (1, 2), 2) == [(1, 0), (1, 2), (2, 0)]
    for _ in range(2):  # the first result and a kept one, changed by their caller
        got = counted(engine, 1)
        got["x"], got["frame"].loc[0, "n"] = -1, 99
    assert plain(counted(engine, 1)) == plain({"x": 1, "frame": pd.DataFrame({"n": [1, 0]})})
    write(engine, update(PR).values(description="Changed"))
    assert runs(engine, 1, 1) == [(1, 0)]
    write(engine, update(P).values(joined_on=None))  # a table it does not read
    assert runs(engine, 1) == []
    with engine.connect() as conn:  # not an Engine: the measure runs every time
        assert runs(conn, 6, 6) == [(6, 0), (6, 0)]
    forget_all()
    assert len(kept_module._kept) == 0 and runs(engine, 1) == [(1, 0)]
    monkeypatch.setattr(kept_module, "MAX_ENTRIES", 2)
    forget_all()  # 1 used again before 3 comes: 2 is the one dropped
    assert runs(engine, 1, 2, 1, 3, 1, 2) == [(1, 0), (2, 0), (3, 0), (2, 0)] and len(kept_module._kept) == 2
    monkeypatch.setattr(kept_module, "TTL_SECONDS", 10)
    forget_all()
    RUNS[:] = []
    for now[0] in (100.0, 110.0, 110.5, 120.0):  # kept for 10 s, then worked out (and kept) again
        counted(engine, 5)
    assert RUNS == [(5, 0), (5, 0)]


def test_real_figures_keyed_by_their_arguments_copied_and_forgotten_on_erasure(postgres_org):
    engine, found = postgres_org, kept_measures()
    table, skills = found["measures.principles.principle_table"], found["measures.skills.skills_and_pooled_share"]
    later = Period(date(2023, 10, 1), date(2024, 6, 30))
    calls = [(table, (PERIOD, NO_FILTERS, 1), {}), (table, (PERIOD, NO_FILTERS, 5), {}),
             (table, (later, NO_FILTERS, 1), {}), (table, (PERIOD, Filters(programmes=("P2",)), 1), {}),
             (skills, (PERIOD, NO_FILTERS, 1), {}), (skills, (PERIOD, NO_FILTERS, 1), {"awaiting": False}),
             (skills, (PERIOD, Filters(age_bands=("11_15",)), 1), {})]
    for _ in range(2):  # worked out, then kept: each its own
        got = [plain(m(engine, *args, **kwargs)) for m, args, kwargs in calls]
        assert got == [plain(m.__wrapped__(engine, *args, **kwargs)) for m, args, kwargs in calls]
        assert len(set(got[:4])) == 4 and len(set(got[4:7])) == 3
    frame, pooled = table(engine, PERIOD, NO_FILTERS, 1), skills(engine, PERIOD, NO_FILTERS, 1)
    frame.loc[0, "mean"], pooled[1]["pairs"], pooled[0].loc[0, "skill"] = -1, -1, "changed"
    assert [plain(table(engine, PERIOD, NO_FILTERS, 1)), plain(skills(engine, PERIOD, NO_FILTERS, 1))] == got[::4]
    with statements(engine) as sent:
        found["measures.data_quality.pre_awaiting_post"](SimpleNamespace(connect=engine.connect, url=engine.url,
                                                                         dialect=engine.dialect))
    assert ran(sent) and not any("table_changes" in s for s in sent)  # not an Engine: never kept
    assert len(kept_module._kept) > 0
    erase_participant(engine, "S2", ACTOR)
    assert len(kept_module._kept) == 0


def trigger_types(engine) -> dict[str, tuple[int, str]]:
    with engine.connect() as conn:
        return {table: (kind, enabled) for table, kind, enabled in conn.exec_driver_sql(
            "SELECT c.relname, t.tgtype, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %(name)s", {"name": TRIGGER}).all()}


def test_migration_0018_down_and_up(any_engine):
    engine, postgres = any_engine, any_engine.dialect.name == "postgresql"
    with engine.connect() as conn:
        made = changes_of(conn, ORDER)
    downgrade_to(engine, "0017")
    assert not inspect(engine).has_table("table_changes")
    if postgres:
        assert trigger_types(engine) == {}
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM pg_proc WHERE proname = %(n)s",
                                        {"n": TRIGGER}).scalar_one() == 0
    upgrade_schema(engine)
    assert inspect(engine).has_table("table_changes")
    if postgres:  # AFTER INSERT (4) OR DELETE (8) OR UPDATE (16) OR TRUNCATE (32), once per statement (no 1)
        assert trigger_types(engine) == dict.fromkeys(WATCHED, (4 | 8 | 16 | 32, "O"))
        with engine.connect() as conn:
            assert changes_of(conn, ORDER)[0] != made[0]
        write(engine, insert(PR).values(code="P9", name="Nine"))
        assert numbers(engine)["programmes"] == 1
