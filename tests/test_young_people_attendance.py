"""The young people's attendance summary stays equal to what it summarises, whoever writes and
however (insert, update, delete, cascade), on SQLite and PostgreSQL (migration 0006's triggers)."""

from datetime import date

from sqlalchemy import delete, insert, select, update

from data.participant_rights import erase_participant
from models.tables import Attendance, Participant, Programme, ProgrammeSession, YoungPeopleAttendance
from tests import small_org

A, S, P = Attendance.__table__, ProgrammeSession.__table__, Participant.__table__
PR = Programme.__table__
Y = YoungPeopleAttendance.__table__
COLUMNS = [c.name for c in Y.columns]
COPIED = [name for name in COLUMNS if not name.startswith("previous_")]


def expected(conn) -> list[tuple]:
    """The summary worked out afresh from attendance, sessions and participants, the previous
    records' dates by walking each young person's records in date and session order."""
    sources = {**{c.name: c for c in S.columns}, **{c.name: c for c in P.columns}, **{c.name: c for c in A.columns}}
    query = (select(*(sources[name] for name in COPIED)).select_from(A.join(S, S.c.id == A.c.session_id)
                                                                      .join(P, P.c.id == A.c.participant_id))
             .where(P.c.role == "young_person"))
    rows = sorted((dict(row) for row in conn.execute(query).mappings()), key=lambda r: (r["date"], r["session_id"]))
    for i, row in enumerate(rows):
        earlier = [r for r in rows[:i] if r["participant_id"] == row["participant_id"]]
        in_mode = [r for r in earlier if r["mode"] == row["mode"]]
        row["previous_on"] = max((r["date"] for r in earlier), default=None)
        row["previous_attended_on"] = max((r["date"] for r in earlier if r["attended"]), default=None)
        row["previous_in_mode_on"] = max((r["date"] for r in in_mode), default=None)
        row["previous_attended_in_mode_on"] = max((r["date"] for r in in_mode if r["attended"]), default=None)
        came = [r for r in earlier if r["attended"]]
        row["previous_attended_in_programme_on"] = max(
            (r["date"] for r in came if r["programme_id"] == row["programme_id"]), default=None)
        row["previous_led_on"] = max((r["date"] for r in came if r["role_in_session"] in ("co_facilitator", "lead")),
                                     default=None)
        row["previous_doing_with_on"] = max((r["date"] for r in came if r["ladder_rung"] in (6, 7)), default=None)
    return sorted(tuple(row[name] for name in COLUMNS) for row in rows)


def held(conn) -> list[tuple]:
    return sorted(map(tuple, conn.execute(select(*(Y.c[name] for name in COLUMNS))).all()))


def ids(conn, table, code: str) -> int:
    return conn.execute(select(table.c.id).where(table.c.code == code)).scalar_one()


def test_the_summary_follows_every_kind_of_write(small_org_any):
    engine = small_org_any
    with engine.connect() as conn:
        # The small organisation: 17 attendance records, 16 of them young people's (S1 is staff).
        assert held(conn) == expected(conn) and len(held(conn)) == len(small_org.ATTENDANCE) - 1 == 16
    steps = [
        update(A).where(A.c.attended.is_(False)).values(attended=True),                  # records change
        update(S).where(S.c.code == "A").values(date=date(2024, 1, 11), mode="online"),  # a session moves
        update(P).where(P.c.code == "Y1").values(role="staff"),                          # no longer a young person
        update(P).where(P.c.code == "S1").values(role="young_person", age_band="19_25"),  # now one
        update(P).where(P.c.code == "Y2").values(age_band="16_18", disability="yes"),    # characteristics
        update(A).where(A.c.session_id.in_(select(S.c.id).where(S.c.code.in_(("B", "E")))))
        .values(role_in_session="co_facilitator"),                                       # they led
        update(S).where(S.c.code == "D").values(ladder_rung=7),                          # now "doing with"
        update(S).where(S.c.code == "F").values(
            programme_id=select(PR.c.id).where(PR.c.code == "P2").scalar_subquery()),  # another programme
    ]
    for step in steps:
        with engine.begin() as conn:
            conn.execute(step)
        with engine.connect() as conn:
            assert held(conn) == expected(conn), step
    with engine.begin() as conn:
        conn.execute(insert(A).values(session_id=ids(conn, S, "D"), participant_id=ids(conn, P, "Y3"),
                                      attended=True, role_in_session="participant"))
        conn.execute(delete(A).where(A.c.session_id == ids(conn, S, "B"), A.c.participant_id == ids(conn, P, "Y5")))
        conn.execute(delete(S).where(S.c.code == "C"))   # the session's records go by cascade
    with engine.connect() as conn:
        assert held(conn) == expected(conn)
    erase_participant(engine, "Y6")
    with engine.connect() as conn:
        assert held(conn) == expected(conn)
        assert ids(conn, P, "Y2") in {row.participant_id for row in conn.execute(select(Y.c.participant_id))}


def test_an_import_adds_the_summary_rows_in_bulk_and_leaves_no_pause_behind(small_org_any):
    from data.importing import import_sources
    from models.summaries import PAUSED
    from models.tables import Setting
    engine = small_org_any
    # D already has Y1, now marked absent (the update trigger); Y2, Y3 (young people) and S2 (a
    # trainer) are added, and Y2 at E, before all of Y2's records: 3 new summary rows, 16 + 3 = 19.
    attendance = "session_code,participant_code,attended\nD,Y1,no\nD,Y2,no\nD,Y3,yes\nD,S2,yes\nE,Y2,yes\n"
    import_sources(engine, [("attendance.csv", attendance.encode())])
    with engine.connect() as conn:
        assert held(conn) == expected(conn) and len(held(conn)) == 19
        # Y2 came to E (1 Dec 2023), A (10 Jan) and C (5 Mar, in person like E and A), and is
        # expected at D (2 Apr): the rows already there now follow E.
        previous = select(Y.c.date, Y.c.previous_on, Y.c.previous_attended_in_mode_on).where(
            Y.c.participant_id == ids(conn, P, "Y2")).order_by(Y.c.date)
        assert [tuple(row) for row in conn.execute(previous)] == [
            (date(2023, 12, 1), None, None), (date(2024, 1, 10), date(2023, 12, 1), date(2023, 12, 1)),
            (date(2024, 3, 5), date(2024, 1, 10), date(2024, 1, 10)),
            (date(2024, 4, 2), date(2024, 3, 5), date(2024, 3, 5))]
        assert conn.execute(select(Setting.__table__.c.key).where(Setting.__table__.c.key == PAUSED)).first() is None
    # Rows added by anyone else, one at a time, still get theirs from the trigger.
    with engine.begin() as conn:
        conn.execute(insert(A).values(session_id=ids(conn, S, "D"), participant_id=ids(conn, P, "Y4"), attended=True,
                                      role_in_session="participant"))
    with engine.connect() as conn:
        assert held(conn) == expected(conn) and len(held(conn)) == 20


def test_migration_0013_fills_the_previous_dates_and_can_be_undone(any_engine):
    from models.schema import upgrade_schema
    from tests import small_org
    from tests.store_helpers import downgrade_to

    def to(revision: str) -> None:
        downgrade_to(any_engine, revision)

    to("0012")   # the summary without its dates, kept by the triggers of 0012
    small_org.build(any_engine)
    upgrade_schema(any_engine)
    with any_engine.connect() as conn:
        assert held(conn) == expected(conn)
    to("0012")
    with any_engine.begin() as conn:  # the triggers of 0012 again: a record still reaches the summary
        conn.execute(delete(A).where(A.c.session_id == ids(conn, S, "B")))
        assert conn.exec_driver_sql("SELECT count(*) FROM young_people_attendance").scalar() == 16 - 3


def test_migration_0016_fills_the_led_doing_with_and_programme_dates_and_can_be_undone(any_engine):
    from models.schema import upgrade_schema
    from tests import small_org
    from tests.store_helpers import downgrade_to

    downgrade_to(any_engine, "0015")   # the summary with 0013's four dates only
    small_org.build(any_engine)
    with any_engine.begin() as conn:  # B and E were led by the young people there
        conn.exec_driver_sql("UPDATE attendance SET role_in_session = 'lead' WHERE session_id IN "
                             "(SELECT id FROM sessions WHERE code IN ('B', 'E'))")
        months_before = dict(conn.exec_driver_sql("SELECT month, changes FROM summary_month_changes").all())
    upgrade_schema(any_engine)
    with any_engine.connect() as conn:
        assert held(conn) == expected(conn)
        # Y1 (records at E, A, B, F, D): led E (1 Dec) and B (15 Feb); A (P1, rung 7) is "doing with".
        dates = select(Y.c.date, Y.c.previous_attended_in_programme_on, Y.c.previous_led_on,
                       Y.c.previous_doing_with_on).where(Y.c.participant_id == ids(conn, P, "Y1")).order_by(Y.c.date)
        assert [tuple(row) for row in conn.execute(dates)] == [
            (date(2023, 12, 1), None, None, None),
            (date(2024, 1, 10), date(2023, 12, 1), date(2023, 12, 1), None),
            (date(2024, 2, 15), date(2024, 1, 10), date(2023, 12, 1), date(2024, 1, 10)),
            (date(2024, 3, 20), date(2024, 2, 15), date(2024, 2, 15), date(2024, 1, 10)),
            (date(2024, 4, 2), None, date(2024, 2, 15), date(2024, 1, 10))]  # D is in P2: Y1's first there
        months_after = dict(conn.exec_driver_sql("SELECT month, changes FROM summary_month_changes").all())
    assert months_after == {month: n + 1 for month, n in months_before.items()}  # every month once
    downgrade_to(any_engine, "0015")
    with any_engine.begin() as conn:  # without the three dates, records still reach the summary
        conn.execute(delete(A).where(A.c.session_id == ids(conn, S, "B")))
        assert conn.exec_driver_sql("SELECT count(*) FROM young_people_attendance").scalar() == 16 - 3
    upgrade_schema(any_engine)
    with any_engine.connect() as conn:
        assert held(conn) == expected(conn)
