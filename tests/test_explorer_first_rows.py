"""The explorer's "young people taking part" split by programme or by a young person's group, counted
as first records (measures/explorer/first_rows.py, docs/decisions.md "The previous record's date"):
the same rows as counting different young people, on SQLite and PostgreSQL; the route is taken only
where first records are exact; each month's counts are kept and read again after new attendance
(docs/decisions.md, "Figures kept by month"), grouped by programme id so a programme's new code shows.

Beside tests/small_org.py: P3 with session G (12 Mar 2024: Y1 ✓ Y4 ✓ Y9 ✓ Y8 ✗); Y8 (19_25) only
expected, never came (A B F G); Y9 (16_18) came to E (Dec, P1), C (Mar, P2), G, F (Mar, P1), D (Apr,
P2); disability: Y1 Y4 yes, Y2 Y5 no, Y8 prefer not to say, the others not recorded.
"""

from datetime import date
from itertools import product

import pytest
from sqlalchemy import func, insert, select, update

from data.forms.session import RegisterLine, save_register
from measures import kept_by_month
from measures.explorer import rows as rows_module
from measures.explorer.catalogue import NOT_RECORDED
from measures.explorer.first_rows import counted_by_first_records
from measures.explorer.rows import group_rows
from measures.filters import NO_FILTERS, Filters, Period
from models.tables import Attendance, MonthFigure, Participant, Programme, ProgrammeSession

A, P, S, PR = Attendance.__table__, Participant.__table__, ProgrammeSession.__table__, Programme.__table__
MEASURE, ACTOR = "active_young_people", "u-staff"
WHOLE = Period(date(2023, 12, 1), date(2024, 4, 30))
MARCH = Period(date(2024, 3, 1), date(2024, 3, 31))
MID = Period(date(2024, 2, 10), date(2024, 4, 30))  # Y1, Y5, Y9 came before it starts
DIMS = (["programme"], ["age_band"], ["disability"], ["programme", "care_experienced"],
        ["age_band", "programme"], ["care_experienced", "age_band"])
FILTERS = (NO_FILTERS, Filters(age_bands=("16_18", "19_25")), Filters(programmes=("P1", "P3")))
FOCUS = (None, {"programme": ["P1"]}, {"age_band": ["11_15", "19_25"]}, {"care_experienced": [NOT_RECORDED, "no"]})


def ids(conn, table, *codes) -> list[int]:
    found = dict(conn.execute(select(table.c.code, table.c.id).where(table.c.code.in_(codes))).all())
    return [found[code] for code in codes]


def add_register(conn, session_code: str, register: dict[str, bool]) -> None:
    session = ids(conn, S, session_code)[0]
    conn.execute(insert(A), [dict(session_id=session, participant_id=ids(conn, P, person)[0], attended=came)
                             for person, came in register.items()])


def add_session(conn, code: str, programme: str, day: date, register: dict[str, bool]) -> None:
    conn.execute(insert(S).values(code=code, programme_id=ids(conn, PR, programme)[0], date=day,
                                  activity_type="workshop", mode="in_person", led_by="organisation",
                                  duration_hours=2.0))
    add_register(conn, code, register)


@pytest.fixture
def org(small_org_any):
    with small_org_any.begin() as conn:
        for value, people in (("yes", ("Y1", "Y4")), ("no", ("Y2", "Y5"))):
            conn.execute(update(P).where(P.c.code.in_(people)).values(disability=value))
        conn.execute(insert(PR).values(code="P3", name="Youth Board"))
        conn.execute(insert(P), [
            dict(code="Y8", role="young_person", age_band="19_25", disability="prefer_not_to_say",
                 care_experienced="yes"),
            dict(code="Y9", role="young_person", age_band="16_18", disability="no", care_experienced="yes")])
        add_session(conn, "G", "P3", date(2024, 3, 12), {"Y1": True, "Y4": True, "Y9": True, "Y8": False})
        for session in ("A", "B", "F"):
            add_register(conn, session, {"Y8": False})
        for session in ("E", "C", "F", "D"):
            add_register(conn, session, {"Y9": True})
    return small_org_any


def table(found: list[dict], dims: list[str]) -> list[tuple]:
    """(d0[, d1], value, people), sorted (a group not recorded, None, after the others)."""
    rows = [(*(row[f"d{i}"] for i in range(len(dims))), int(row["value"]), int(row["people"])) for row in found]
    return sorted(rows, key=lambda row: [(v is None, "" if v is None else v) for v in row])


def both_routes(engine, dims, period, filters=NO_FILTERS, focus=None) -> tuple[list, list]:
    """The rows as first records, and as different young people counted one by one."""
    first = table(group_rows(engine, MEASURE, dims, period, filters, None, focus), dims)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rows_module, "counted_by_first_records", lambda *_: False)
        counted = table(group_rows(engine, MEASURE, dims, period, filters, None, focus), dims)
    return first, counted


def test_first_records_give_the_rows_of_different_young_people(org):
    differ = []
    for dims, filters, focus, period in product(DIMS, FILTERS, FOCUS, (WHOLE, MARCH, MID)):
        # By programme, or by group without a programme filter (one would split a young person).
        expected_route = "programme" in dims or "programme" in (focus or {}) or not filters.programmes
        assert counted_by_first_records(MEASURE, dims, filters, focus) is expected_route, (dims, filters, focus)
        first, counted = both_routes(org, dims, period, filters, focus)
        assert first, (dims, filters, focus, period)  # every split here has young people expected
        if first != counted:
            differ.append((dims, filters, focus, period, first, counted))
    assert differ == []
    # Y8 (19_25) came to nothing: a group of 0 in both routes, and focus and filters keep it.
    for period in (WHOLE, MARCH, MID):
        first, counted = both_routes(org, ["age_band"], period)
        assert ("19_25", 0, 0) in first and first == counted
        first, _ = both_routes(org, ["age_band", "programme"], period, Filters(age_bands=("19_25",)))
        assert first and {value for *_, value, _ in first} == {0}


def test_a_focus_on_two_programmes_counts_a_young_person_once_in_their_group(org):
    # Y1 (11_15) came to P1 (E A B F) and to P3 (G): one young person in 11_15, not two. First
    # records in a programme cannot tell that, so the route is off there.
    focus = {"programme": ["P1", "P3"]}
    assert counted_by_first_records("active_young_people", ["age_band"], NO_FILTERS, focus) is False
    first, counted = both_routes(org, ["age_band"], WHOLE, NO_FILTERS, focus)
    assert first == counted


@pytest.mark.parametrize("measure, dims, filters, focus", [
    ("active_young_people", ["programme"], Filters(activity_types=("workshop",)), None),
    ("active_young_people", ["age_band"], Filters(modes=("online",)), None),
    ("active_young_people", ["disability"], Filters(programmes=("P1",)), None),
    ("active_young_people", ["programme"], NO_FILTERS, {"mode": ["online"]}),
    ("active_young_people", ["age_band"], NO_FILTERS, {"stage": ["plan", NOT_RECORDED]}),
    ("active_young_people", ["month"], NO_FILTERS, None),
    ("active_young_people", ["programme", "quarter"], NO_FILTERS, None),
    ("active_young_people", ["age_band", "mode"], NO_FILTERS, None),
    ("attendance_rate", ["programme"], NO_FILTERS, None),
    ("involvement_hours", ["age_band"], NO_FILTERS, None),
    ("returning_share", ["programme"], NO_FILTERS, None),
])
def test_first_records_are_not_used_where_they_would_be_wrong(measure, dims, filters, focus):
    assert counted_by_first_records(measure, dims, filters, focus) is False


@pytest.mark.parametrize("dims, filters, focus", [
    (["programme"], Filters(programmes=("P1",), care_experienced=("yes",)), {"age_band": [NOT_RECORDED]}),
    (["disability", "care_experienced"], Filters(disability=("no",)), None),
    (["age_band"], NO_FILTERS, {"programme": ["P2"], "mode": []}),  # an emptied focus narrows nothing
])
def test_first_records_are_used_where_they_are_exact(dims, filters, focus):
    assert counted_by_first_records(MEASURE, dims, filters, focus) is True


def test_a_young_person_counts_once_from_their_first_record_in_the_period(any_engine):
    # Feb..Mar 2024. X (11_15) came to programme A on 5 Jan, 10 Feb and 15 Mar, and to B on 1 Mar;
    # W (16_18) came to A only on 20 Jan and was expected, not there, on 10 Feb. By programme: A
    # counts X's 10 Feb record (its previous date in A, 5 Jan, is before the period); 15 Mar follows
    # 10 Feb, and W's 20 Jan record is outside the period, so A = 1; B = 1 (X, nothing in B before).
    # By age band: X's first record of all, 10 Feb: 11_15 = 1 (not 2 for two programmes); W: 16_18 = 0.
    with any_engine.begin() as conn:
        conn.execute(insert(PR), [{"code": "A", "name": "Arts"}, {"code": "B", "name": "Board"}])
        conn.execute(insert(P), [dict(code="X", role="young_person", age_band="11_15"),
                                 dict(code="W", role="young_person", age_band="16_18")])
        for code, programme, day, register in (
                ("s1", "A", date(2024, 1, 5), {"X": True}), ("s2", "A", date(2024, 1, 20), {"W": True}),
                ("s3", "A", date(2024, 2, 10), {"X": True, "W": False}), ("s4", "A", date(2024, 3, 15), {"X": True}),
                ("s5", "B", date(2024, 3, 1), {"X": True})):
            add_session(conn, code, programme, day, register)
    period = Period(date(2024, 2, 1), date(2024, 3, 31))
    assert both_routes(any_engine, ["programme"], period) == ([("A", 1, 1), ("B", 1, 1)],) * 2
    assert both_routes(any_engine, ["age_band"], period) == ([("11_15", 1, 1), ("16_18", 0, 0)],) * 2
    assert both_routes(any_engine, ["age_band", "programme"], period)[0] == [
        ("11_15", "A", 1, 1), ("11_15", "B", 1, 1), ("16_18", "A", 0, 0)]


def kept_figures(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(MonthFigure.__table__)).scalar_one()


@pytest.fixture
def months_read(monkeypatch) -> list:
    """The months each call keeps afresh (read from the summary, not the store)."""
    read = []
    keep = kept_by_month._keep
    monkeypatch.setattr(kept_by_month, "_keep", lambda engine, key, months: (read.append(set(months)),
                                                                             keep(engine, key, months)))
    return read


def test_new_attendance_is_counted_after_the_months_are_kept(org, months_read):
    before = dict(((d0, value) for d0, value, _ in both_routes(org, ["programme"], WHOLE)[0]))
    by_group = both_routes(org, ["age_band", "programme"], WHOLE)[0]
    assert kept_figures(org) > 0 and months_read and before == {"P1": 6, "P2": 5, "P3": 3}
    months_read.clear()
    # Y4 comes to C (Mar, P2): new to P2. Y3 comes to B (Feb, P1): already counted in P1 at F (Mar),
    # which is then no longer their first record in P1 - March's kept counts must not stand.
    save_register(org, ACTOR, "C", [RegisterLine("Y4", True)])
    save_register(org, ACTOR, "B", [RegisterLine("Y3", True)])
    first, counted = both_routes(org, ["programme"], WHOLE)
    assert first == counted == [("P1", 6, 6), ("P2", 6, 6), ("P3", 3, 3)]
    assert {date(2024, 2, 1), date(2024, 3, 1)} <= set().union(*months_read)
    assert date(2024, 1, 1) not in set().union(*months_read)  # January's kept counts still stand
    first, counted = both_routes(org, ["age_band", "programme"], WHOLE)
    assert first == counted != by_group and ("16_18", "P2", 4, 4) in first


def test_a_programme_with_a_new_code_is_shown_by_it_from_kept_months(org, months_read):
    assert both_routes(org, ["programme"], MID)[0] == [("P1", 4, 4), ("P2", 5, 5), ("P3", 3, 3)]
    narrowed = both_routes(org, ["programme"], MID, Filters(programmes=("P1",)))
    assert narrowed == ([("P1", 4, 4)],) * 2
    months_read.clear()
    with org.begin() as conn:
        conn.execute(update(PR).where(PR.c.code == "P1").values(code="PX"))
    first, counted = both_routes(org, ["programme"], MID)
    assert months_read == []  # nothing in the summary changed: every month is read from the store
    assert first == counted == [("P2", 5, 5), ("P3", 3, 3), ("PX", 4, 4)]
    # A filter names programmes by code: P1 is no programme now.
    assert both_routes(org, ["programme"], MID, Filters(programmes=("P1",))) == ([], [])
