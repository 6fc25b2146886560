"""Row counts kept on PostgreSQL (migrations 0017 and 0020, models/row_counts.py, docs/decisions.md
"Row counts kept on PostgreSQL"): after every kind of write the kept counts equal the rows grouped
by key and the kept totals the tables' rows (on SQLite the table stays empty), every session and
participant has its attendance row (0 while on no register) and no other key does; two writers
never wait on each other's totals; the readers give the rows' own counts on both databases, and the
data quality page's table counts count none of the five totalled tables; the data quality checks
and the frameworks listings keep their hand-worked values; the upgrades count the rows already
there and add the zero rows, 0020's downgrade puts back 0017's functions; a bulk load with the
triggers off is counted again; and the odd payments, the participants on no register and the
sessions with none are read from their partial indexes."""

import re
from datetime import date

from sqlalchemy import delete, event, func, insert, inspect, literal, select, text, update

import data.importing.importer as importer
from bench.import_files import USER_ORDER, generate
from data.forms.evaluation import EvaluationEntry, save_evaluation
from data.forms.participant import NewParticipant, save_participant
from data.forms.rating import RatingEntry, save_ratings
from data.forms.session import RegisterLine, SessionDetails, save_register, save_session
from data.frameworks.listing import frameworks_listing, principles_listing, skills_listing
from data.importing import bulk_load, import_files
from data.participant_rights import erase_participant
from measures.data_quality import odd_values, participants_never_seen, sessions_without_register, table_counts
from models.row_counts import TOTALLED, has_no_rows, has_rows, rows_held, rows_under, rows_with
from models.schema import upgrade_schema
from models.tables import (
    Attendance, Evaluation, Framework, Participant, Principle, PrincipleRating, Programme, ProgrammeSession,
    RowCount, Skill,
)
from tests.conftest import fresh_postgres_store
from tests.plan_helpers import plan_of
from tests.store_helpers import downgrade_to

A, E, R, COUNTS = Attendance.__table__, Evaluation.__table__, PrincipleRating.__table__, RowCount.__table__
S, P, PR, SK = ProgrammeSession.__table__, Participant.__table__, Programme.__table__, Skill.__table__
FW, PRINCIPLE = Framework.__table__, Principle.__table__
KEYS = ((A, "session_id"), (A, "participant_id"), (E, "skill_id"), (R, "principle_id"))
# parent id column, the counted column pointing at it
PARENTS = ((S.c.id, A.c.session_id), (P.c.id, A.c.participant_id), (SK.c.id, E.c.skill_id),
           (PRINCIPLE.c.id, R.c.principle_id))
EVERY_ROW = PARENTS[:2]  # a row for every session and participant, 0 while on no register
WITH_TOTALS = (A, E, R, S, P)  # `counted` = the table's name, a row per writing transaction (migration 0020)
KEYED = COUNTS.c.counted.contains(".")  # the counts per key, not the totals
ACTOR = "u-staff"


def by_code(table, code: str):
    return select(table.c.id).where(table.c.code == code).scalar_subquery()


def ids_where(conn, parent, *conditions) -> set[int]:
    return set(conn.execute(select(parent).where(*conditions)).scalars())


def grouped(conn) -> dict[tuple[str, int], int]:
    """Every counted key's rows, counted directly: (counted, key) -> n."""
    found = {}
    for table, name in KEYS:
        column = table.c[name]
        found |= {(f"{table.name}.{name}", key): n
                  for key, n in conn.execute(select(column, func.count()).group_by(column))}
    return found


def direct_totals(conn) -> dict[str, int]:
    return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one() for table in WITH_TOTALS}


def kept_totals(conn) -> dict[str, int]:
    """PostgreSQL: the sum of each table's total rows (0 for one with none)."""
    found = dict(conn.execute(select(COUNTS.c.counted, func.sum(COUNTS.c.n)).where(~KEYED)
                              .group_by(COUNTS.c.counted)).all())
    assert set(found) <= TOTALLED, found
    return {table.name: int(found.get(table.name, 0)) for table in WITH_TOTALS}


def assert_counts_kept(engine, after: str, totals: bool = True) -> None:
    """PostgreSQL: every row_counts row of a key with n <> 0 is the key's real count, every key is
    there, no count is below 0, the sessions and the participants, each with its attendance row,
    are the only keys of those rows; the totals (none before migration 0020: `totals` False) are
    the tables' rows. SQLite: nothing is kept. Both: has_no_rows picks exactly the sessions and
    participants on no register, rows_held gives the tables' rows."""
    dialect = engine.dialect.name
    with engine.connect() as conn:
        everything = conn.execute(select(COUNTS)).all()
        rows = [row for row in everything if "." in row.counted]
        if dialect == "postgresql":
            assert {(counted, key): n for counted, key, n in rows if n != 0} == grouped(conn), after
            assert [row for row in rows if row.n < 0] == [], after
            if totals:
                assert kept_totals(conn) == direct_totals(conn), after
            else:
                assert len(everything) == len(rows), after
            for parent, column in EVERY_ROW:
                counted = f"attendance.{column.name}"
                assert {key for name, key, _ in rows if name == counted} == ids_where(conn, parent), after
        else:
            assert everything == [], after
        for parent, column in EVERY_ROW:
            on_none = ids_where(conn, parent) - set(conn.execute(select(column).distinct()).scalars())
            assert ids_where(conn, parent, has_no_rows(dialect, column, parent)) == on_none, after
        if totals:
            assert {table.name: rows_held(conn, table) for table in WITH_TOTALS} == direct_totals(conn), after


def zero_rows(conn) -> set[tuple[str, int]]:
    return {tuple(row) for row in conn.execute(select(COUNTS.c.counted, COUNTS.c.key).where(KEYED, COUNTS.c.n == 0))}


def attendance_keys(conn, sessions: list[str], participants: list[str]) -> set[tuple[str, int]]:
    """The row_counts keys of these sessions' and participants' attendance."""
    return ({("attendance.session_id", key) for key in ids_where(conn, S.c.id, S.c.code.in_(sessions))}
            | {("attendance.participant_id", key) for key in ids_where(conn, P.c.id, P.c.code.in_(participants))})


def write(engine, *statements) -> None:
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(statement if not isinstance(statement, str) else text(statement))


def test_the_counts_follow_every_kind_of_write(small_org_any):
    engine, postgres = small_org_any, small_org_any.dialect.name == "postgresql"
    one = (A.c.session_id == by_code(S, "F")) & (A.c.participant_id == by_code(P, "Y3"))
    steps = [
        ("a register corrected and extended (Record form)", lambda: save_register(
            engine, ACTOR, "F", [RegisterLine("Y1", False), RegisterLine("Y4", True, paid_gbp=10.0),
                                 RegisterLine("Y5", True)])),
        ("a session recorded with its register", lambda: save_session(
            engine, ACTOR, SessionDetails("G", "P1", date(2024, 3, 28), "workshop"),
            [RegisterLine("Y2", True), RegisterLine("Y3", False)])),
        ("an evaluation entered", lambda: save_evaluation(engine, ACTOR, EvaluationEntry(
            "Y3", "P1", "follow_up", date(2024, 3, 30), {"confidence": 4, "teamwork": 3, "listening": 2}))),
        ("a session rated", lambda: save_ratings(engine, ACTOR, RatingEntry(
            "G", "lundy", "young_person", {"space": 4, "voice": 3}))),
        ("a participant added on the form, on no register", lambda: save_participant(
            engine, ACTOR, NewParticipant("Y8", "young_person"))),
        ("two participants inserted in one statement, one then put on a register", lambda: write(
            engine, insert(P).values([{"code": code, "role": "young_person"} for code in ("Y9", "Y10")]),
            insert(A).values(session_id=by_code(S, "A"), participant_id=by_code(P, "Y9"), attended=True))),
        ("a session recorded with no register yet", lambda: save_session(
            engine, ACTOR, SessionDetails("N", "P2", date(2024, 4, 20), "workshop"), None)),
        ("one row moved to another session", lambda: write(engine, update(A).where(one)
                                                           .values(session_id=by_code(S, "D")))),
        ("rows moved by both keys, others written unchanged", lambda: write(
            engine, update(A).where(A.c.session_id == by_code(S, "G")).values(session_id=by_code(S, "E")),
            update(A).where(A.c.participant_id == by_code(P, "Y4")).values(participant_id=by_code(P, "Y6")),
            update(A).values(attended=A.c.attended))),
        ("one row deleted", lambda: write(engine, delete(A).where(
            (A.c.session_id == by_code(S, "A")) & (A.c.participant_id == by_code(P, "Y2"))))),
        ("a participant's every register line deleted", lambda: write(
            engine, delete(A).where(A.c.participant_id == by_code(P, "Y7")))),
        ("a participant deleted: registers, evaluations, ratings as rater cascade",
         lambda: write(engine, delete(P).where(P.c.code == "S1"))),
        ("participants on no register deleted, one a rater (ratings cascade)",
         lambda: write(engine, delete(P).where(P.c.code.in_(["Y10", "S2"])))),
        ("a session deleted: its register and ratings cascade",
         lambda: write(engine, delete(S).where(S.c.code == "B"))),
        ("a participant erased (participant rights)", lambda: erase_participant(engine, "Y5", ACTOR)),
        ("a skill's evaluations and a principle's ratings deleted", lambda: write(
            engine, delete(E).where(E.c.skill_id == by_code(SK, "teamwork")),
            delete(R).where(R.c.principle_id.in_(select(PRINCIPLE.c.id).where(PRINCIPLE.c.code == "voice"))))),
        ("ratings, evaluations and registers truncated", lambda: write(engine, *(
            ("TRUNCATE principle_ratings", "TRUNCATE evaluations CASCADE", "TRUNCATE attendance CASCADE")
            if postgres else (delete(R), delete(E), delete(A))))),
        ("sessions truncated", lambda: write(engine, "TRUNCATE sessions CASCADE" if postgres else delete(S))),
        ("a session recorded after the truncation", lambda: save_session(
            engine, ACTOR, SessionDetails("H", "P2", date(2024, 5, 2), "workshop"),
            [RegisterLine("Y1", True), RegisterLine("Y7", True)])),
        ("participants truncated with what refers to them, then one added and put on a register", lambda: (
            write(engine, "TRUNCATE participants CASCADE" if postgres else delete(P)),
            save_participant(engine, ACTOR, NewParticipant("Z1", "young_person")),
            save_register(engine, ACTOR, "H", [RegisterLine("Z1", True)]))),
    ]
    assert_counts_kept(engine, "the small organisation, inserted plainly")
    for what, step in steps:
        step()
        assert_counts_kept(engine, what)
    with engine.connect() as conn:  # the steps did reach the tables
        assert conn.execute(select(func.count()).select_from(A)).scalar_one() == 1
        assert [conn.execute(select(func.count()).select_from(t)).scalar_one() for t in (R, E)] == [0, 0]


def test_a_bulk_import_is_counted_once_and_a_later_import_by_the_triggers(any_engine, tmp_path, monkeypatch):
    full, part = tmp_path / "full", tmp_path / "part"
    full.mkdir()
    part.mkdir()
    generate(full, 0.002, seed=7)  # 2,000 attendance rows, 800 evaluations, 400 ratings
    for name in USER_ORDER:  # the first import: three quarters of the large files
        lines = (full / f"{name}.csv").read_text().splitlines(keepends=True)
        kept = lines if name not in ("attendance", "evaluations", "principle_ratings") else lines[:len(lines) * 3 // 4]
        (part / f"{name}.csv").write_text("".join(kept))
    monkeypatch.setattr(importer, "BULK_ROWS", 100)
    recounted = []
    real = bulk_load.recount
    monkeypatch.setattr(bulk_load, "recount", lambda conn, table: recounted.append(table.name) or real(conn, table))
    first = import_files(any_engine, [part / f"{name}.csv" for name in USER_ORDER])
    assert first.files["attendance"].added == 1499
    assert sorted(recounted) == ["attendance", "evaluations"]  # the bulk path was taken
    assert_counts_kept(any_engine, "a bulk import into an empty store")
    # 10 of the 40 sessions and 30 of the 100 participants on no register: their zero rows, written
    # as they went in, outlived the recount.
    assert (sessions_without_register(any_engine).count, participants_never_seen(any_engine).count) == (10, 30)
    recounted.clear()
    second = import_files(any_engine, [full / f"{name}.csv" for name in USER_ORDER])
    assert (second.files["attendance"].added, recounted) == (501, [])
    assert (sessions_without_register(any_engine).count, participants_never_seen(any_engine).count) == (0, 30)
    assert_counts_kept(any_engine, "an import into a store with rows")


def test_a_bulk_load_with_the_parents_insert_triggers_off_counts_them_again(any_engine, monkeypatch):
    """Sessions and participants loaded in bulk with their insert triggers off (the importer leaves
    them on, but `loading_in_bulk` may be asked): their zero rows and totals are counted again."""
    engine, recounted, real = any_engine, [], bulk_load.recount
    monkeypatch.setattr(bulk_load, "recount", lambda conn, table: recounted.append(table.name) or real(conn, table))
    write(engine, insert(PR).values(code="P1", name="Podcast"))
    with engine.begin() as conn:
        programme = conn.execute(by_code(PR, "P1").element).scalar_one()
        with bulk_load.loading_in_bulk(conn, [P, S], triggers_done_here=("participants", "sessions")) as aside:
            conn.execute(insert(P), [{"code": f"Y{n}", "role": "young_person"} for n in range(30)])
            conn.execute(insert(S), [{"code": f"S{n}", "programme_id": programme, "date": date(2024, 3, n + 1),
                                      "activity_type": "workshop"} for n in range(5)])
            if engine.dialect.name == "postgresql":  # the triggers were off: nothing kept yet
                assert conn.execute(select(COUNTS).where(COUNTS.c.n != 0)).all() == []
                assert conn.execute(select(func.count()).where(KEYED)).scalar_one() == 0
        conn.execute(insert(A).values(session_id=by_code(S, "S0"), participant_id=by_code(P, "Y0"), attended=True))
    assert (aside, sorted(recounted)) == ({"participants", "sessions"}, ["participants", "sessions"])
    assert_counts_kept(engine, "participants and sessions loaded in bulk, then a register line")
    with engine.connect() as conn:
        assert [rows_held(conn, table) for table in (P, S, A)] == [30, 5, 1]


def test_the_readers_give_the_rows_own_counts(small_org_any):
    engine, dialect = small_org_any, small_org_any.dialect.name
    # D's only register line and Y7's two go, so do the influence ratings; a participant and a
    # session are added on no register.
    write(engine, delete(A).where((A.c.session_id == by_code(S, "D")) | (A.c.participant_id == by_code(P, "Y7"))),
          delete(R).where(R.c.principle_id.in_(select(PRINCIPLE.c.id).where(PRINCIPLE.c.code == "influence"))),
          insert(P).values(code="Y8", role="young_person"),
          insert(S).values(code="N", programme_id=by_code(PR, "P2"), date=date(2024, 4, 20), activity_type="workshop"))
    with engine.connect() as conn:
        none = {column.name: ids_where(conn, parent, has_no_rows(dialect, column, parent))
                for parent, column in EVERY_ROW}
        assert {name: set(conn.execute(select(table.c.code).where(table.c.id.in_(none[name]))).scalars())
                for name, table in (("session_id", S), ("participant_id", P))} == {
            "session_id": {"D", "N"}, "participant_id": {"S2", "Y7", "Y8"}}
        if dialect == "postgresql":  # each has its row, n = 0: the keys whose rows all went, and the new ones
            lundy_influence = ids_where(conn, PRINCIPLE.c.id, PRINCIPLE.c.framework_id == by_code(FW, "lundy"),
                                        PRINCIPLE.c.code == "influence")
            assert zero_rows(conn) == attendance_keys(conn, ["D", "N"], ["S2", "Y7", "Y8"]) | {
                ("principle_ratings.principle_id", key) for key in lundy_influence}
        for table in (A, E, R, P, S):
            assert rows_held(conn, table) == conn.execute(select(func.count()).select_from(table)).scalar_one()
        for parent, column in PARENTS:
            direct = dict(conn.execute(select(column, func.count()).group_by(column)).all())
            read = dict(conn.execute(select(parent, rows_with(dialect, column, parent))).all())
            assert read == {key: direct.get(key, 0) for key in read} and set(direct) <= set(read), column
            with_rows = ids_where(conn, parent, has_rows(dialect, column, parent))
            assert with_rows == set(direct), column
            assert ids_where(conn, parent, has_no_rows(dialect, column, parent)) == set(read) - set(direct), column
        d_id = conn.execute(select(by_code(S, "D"))).scalar_one()
        assert conn.execute(select(rows_with(dialect, A.c.session_id, literal(d_id)))).scalar_one() == 0
        ratings = rows_under(dialect, R.c.principle_id, PRINCIPLE.c.id, PRINCIPLE.c.framework_id == FW.c.id)
        assert dict(conn.execute(select(FW.c.code, ratings)).all()) == {
            "voice_influence_charter": 0, "core_principles": 6, "lundy": 7}
        registers = rows_under(dialect, A.c.session_id, S.c.id, S.c.programme_id == PR.c.id)
        direct = dict(conn.execute(select(PR.c.code, func.count()).select_from(
            A.join(S, S.c.id == A.c.session_id).join(PR, PR.c.id == S.c.programme_id)).group_by(PR.c.code)).all())
        assert dict(conn.execute(select(PR.c.code, registers)).all()) == direct == {"P1": 12, "P2": 2}


def listed(frame, key: str, value: str) -> dict:
    return {code: n for code, n in zip(frame[key], frame[value], strict=True) if n}


def test_hand_worked_values_before_and_after_deletes(small_org_any):
    engine = small_org_any
    # small_org.py: 17 register lines, 23 evaluations (confidence 18, teamwork 5), 16 ratings
    # (lundy: voice 7, influence 3; core principles: share responsibility 6). S2 is on no register.
    expected = {"Programmes": 2, "Participants": 9, "Sessions": 6, "Attendance (registers)": 17, "Evaluations": 23,
                "Principle ratings": 16, "You said, we did": 7}
    assert dict(table_counts(engine).itertuples(index=False)) == expected
    assert participants_never_seen(engine).rows.to_dict("records") == [{"Participant": "S2", "Role": "trainer"}]
    assert sessions_without_register(engine).count == 0
    assert listed(frameworks_listing(engine), "code", "ratings") == {"core_principles": 6, "lundy": 10}
    assert listed(principles_listing(engine, "lundy"), "code", "ratings") == {"voice": 7, "influence": 3}
    assert listed(skills_listing(engine), "code", "evaluations") == {"confidence": 18, "teamwork": 5}
    # Y7's two register lines (C, E) and D's only one (Y1) go; so do the influence ratings and
    # every teamwork evaluation.
    write(engine, delete(A).where((A.c.participant_id == by_code(P, "Y7")) | (A.c.session_id == by_code(S, "D"))),
          delete(R).where(R.c.principle_id.in_(select(PRINCIPLE.c.id).where(PRINCIPLE.c.code == "influence"))),
          delete(E).where(E.c.skill_id == by_code(SK, "teamwork")))
    expected |= {"Attendance (registers)": 14, "Evaluations": 18, "Principle ratings": 13}
    assert dict(table_counts(engine).itertuples(index=False)) == expected
    never = participants_never_seen(engine)
    assert (never.count, list(never.rows["Participant"])) == (2, ["S2", "Y7"])
    no_register = sessions_without_register(engine)
    assert no_register.rows.to_dict("records") == [{"Session": "D", "Date": date(2024, 4, 2),
                                                    "Programme": "Keeping It Social"}]
    assert listed(frameworks_listing(engine), "code", "ratings") == {"core_principles": 6, "lundy": 7}
    assert listed(principles_listing(engine, "lundy"), "code", "ratings") == {"voice": 7}
    assert listed(skills_listing(engine), "code", "evaluations") == {"confidence": 18}


def test_the_data_quality_table_counts_read_the_totals(small_org_any):
    """PostgreSQL: of the seven record tables only programmes and feedback are counted; the five
    others are read from their totals. SQLite counts all seven. Hand-worked values, before and
    after a session recorded with its register and a participant erased (small_org.py: Y5 is on
    two registers, has five evaluations and gives no rating)."""
    engine, sent = small_org_any, []
    counted_here = {"programmes", "feedback_items"} if engine.dialect.name == "postgresql" else {
        "programmes", "feedback_items", *TOTALLED}

    def seen(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)

    def counts() -> dict[str, int]:
        sent.clear()
        event.listen(engine, "before_cursor_execute", seen)
        try:
            found = dict(table_counts(engine).itertuples(index=False))
        finally:
            event.remove(engine, "before_cursor_execute", seen)
        counting = {name for name in ("programmes", "feedback_items", *TOTALLED)
                    if any(re.search(rf"\bFROM {name}\b", statement) for statement in sent)}
        assert counting == counted_here, sent
        return found

    expected = {"Programmes": 2, "Participants": 9, "Sessions": 6, "Attendance (registers)": 17, "Evaluations": 23,
                "Principle ratings": 16, "You said, we did": 7}
    assert counts() == expected
    save_session(engine, ACTOR, SessionDetails("G", "P1", date(2024, 3, 28), "workshop"),
                 [RegisterLine("Y2", True), RegisterLine("Y3", False)])
    erase_participant(engine, "Y5", ACTOR)
    expected |= {"Participants": 8, "Sessions": 7, "Attendance (registers)": 17, "Evaluations": 18}
    assert counts() == expected


def test_the_upgrade_counts_the_rows_already_there(small_org_any):
    engine = small_org_any
    downgrade_to(engine, "0016")
    assert "row_counts" not in inspect(engine).get_table_names()
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%%counted%%'").scalar() == 0
    # Written at 0016 (no triggers to count them): new rows, a move, a delete; a participant and a
    # session on no register.
    write(engine, insert(P).values(code="Y8", role="young_person"),
          insert(S).values(code="N", programme_id=by_code(PR, "P2"), date=date(2024, 4, 20), activity_type="workshop"),
          insert(A).values(session_id=by_code(S, "D"), participant_id=by_code(P, "Y2"), attended=True),
          update(A).where((A.c.session_id == by_code(S, "E")) & (A.c.participant_id == by_code(P, "Y7")))
          .values(session_id=by_code(S, "F")),
          delete(E).where(E.c.participant_id == by_code(P, "Y1")),
          insert(R).values(session_id=by_code(S, "D"), principle_id=select(PRINCIPLE.c.id).where(
              PRINCIPLE.c.code == "space").scalar_subquery(), rater_role="staff", score=3, rated_on=date(2024, 4, 2)))
    upgrade_schema(engine)
    assert_counts_kept(engine, "the upgrade from 0016")
    with engine.connect() as conn:
        assert (rows_held(conn, A), rows_held(conn, E), rows_held(conn, R)) == (18, 18, 17)
        if engine.dialect.name == "postgresql":  # the counted keys, and at 0 those on no register
            assert zero_rows(conn) == attendance_keys(conn, ["N"], ["S2", "Y8"])
            assert conn.execute(select(func.count()).where(KEYED)).scalar_one() == len(grouped(conn)) + 3
    write(engine, delete(S).where(S.c.code == "C"), delete(P).where(P.c.code == "Y8"),  # the triggers count again
          insert(P).values(code="Y9", role="young_person"))
    assert_counts_kept(engine, "deletes and an insert after the upgrade")


def counting_functions(engine) -> dict[str, str]:
    """PostgreSQL: the source of each function of the row counts' triggers; {} on SQLite."""
    if engine.dialect.name != "postgresql":
        return {}
    with engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT proname, prosrc FROM pg_proc "
                                         "WHERE proname ~ '_counted_(insert|delete|update|truncate)$'").all())


def test_0020_counts_the_totals_and_its_downgrade_puts_back_0017s_functions(small_org_any):
    engine, postgres = small_org_any, small_org_any.dialect.name == "postgresql"
    downgrade_to(engine, "0016")
    upgrade_schema(engine, "0019")  # 0017's functions as 0017 made them
    made_by_0017 = counting_functions(engine)
    assert len(made_by_0017) == (4 * 3 + 3 * 2 if postgres else 0)
    # Written at 0019 (keys counted, no totals): a participant, a session, a register line, a
    # participant's evaluations deleted, a rating.
    write(engine, insert(P).values(code="Y8", role="young_person"),
          insert(S).values(code="N", programme_id=by_code(PR, "P2"), date=date(2024, 4, 20), activity_type="workshop"),
          insert(A).values(session_id=by_code(S, "D"), participant_id=by_code(P, "Y2"), attended=True),
          delete(E).where(E.c.participant_id == by_code(P, "Y1")),
          insert(R).values(session_id=by_code(S, "D"), principle_id=select(PRINCIPLE.c.id).where(
              PRINCIPLE.c.code == "space").scalar_subquery(), rater_role="staff", score=3, rated_on=date(2024, 4, 2)))
    assert_counts_kept(engine, "written at 0019", totals=False)
    upgrade_schema(engine)
    assert_counts_kept(engine, "the upgrade from 0019")
    with engine.connect() as conn:
        assert [rows_held(conn, table) for table in WITH_TOTALS] == [18, 18, 17, 7, 10]
    if postgres:  # the insert, delete and truncate functions of the five tables replaced; the updates' not
        replaced = {name for name, source in counting_functions(engine).items() if source != made_by_0017[name]}
        kinds = ("insert", "delete", "truncate")
        assert replaced == {f"{table}_counted_{kind}" for table in TOTALLED for kind in kinds}
    write(engine, delete(S).where(S.c.code == "C"), delete(P).where(P.c.code.in_(["Y8", "S2"])),
          insert(P).values(code="Y9", role="young_person"))
    assert_counts_kept(engine, "deletes, cascades and an insert at 0020")
    downgrade_to(engine, "0019")
    assert counting_functions(engine) == made_by_0017
    assert_counts_kept(engine, "the downgrade to 0019", totals=False)  # no total row left
    write(engine, delete(A).where(A.c.participant_id == by_code(P, "Y1")), insert(P).values(code="Y10", role="staff"))
    assert_counts_kept(engine, "a delete and an insert at 0019 again", totals=False)
    upgrade_schema(engine)
    assert_counts_kept(engine, "the upgrade to 0020 again")


def test_two_writers_do_not_wait_on_each_others_totals():
    """PostgreSQL: two transactions insert and delete attendance, and add a session and a
    participant each, neither committed while the other writes; the second waits for no row
    lock (lock_timeout 1 s), and both are in the totals once committed. Different sessions,
    participants and months, and a person's last register line deleted (earlier ones would rewrite
    the summary's later rows): the counts per key and the summary's month rows would make them wait."""
    from tests import small_org
    engine = fresh_postgres_store()
    small_org.build(engine)
    with engine.connect() as conn:
        before = kept_totals(conn)
    with engine.connect() as first, engine.connect() as second:
        for conn, n, gone in ((first, 1, (by_code(S, "D"), by_code(P, "Y1"))),  # each one's last register line
                              (second, 2, (by_code(S, "C"), by_code(P, "Y7")))):
            conn.exec_driver_sql("SET lock_timeout = '1s'")
            conn.execute(insert(P).values(code=f"W{n}", role="staff"))
            conn.execute(insert(S).values(code=f"W{n}", programme_id=by_code(PR, "P1"), date=date(2024, 4 + n, 1),
                                          activity_type="workshop"))
            conn.execute(insert(A).values(session_id=by_code(S, f"W{n}"), participant_id=by_code(P, f"W{n}"),
                                          attended=True))
            conn.execute(delete(A).where(A.c.session_id == gone[0], A.c.participant_id == gone[1]))
        with engine.connect() as reader:  # nothing shows before the commits
            assert kept_totals(reader) == before
        second.commit()
        first.commit()
    with engine.connect() as conn:
        assert kept_totals(conn) == before | {"participants": 11, "sessions": 8}
        # key 0 (the upgrade, on an empty store), the small organisation's transaction, one per writer
        assert conn.execute(select(func.count()).where(COUNTS.c.counted == "participants")).scalar_one() == 4
    assert_counts_kept(engine, "two writers committed")


def test_odd_payments_are_read_from_their_partial_index(small_org_any):
    engine = small_org_any
    one = (A.c.session_id == by_code(S, "C")) & (A.c.participant_id == by_code(P, "Y7"))
    other = (A.c.session_id == by_code(S, "C")) & (A.c.participant_id == by_code(P, "Y6"))
    write(engine, update(A).where(one).values(paid_gbp=250), update(A).where(other).values(paid_gbp=200))
    found, plan = plan_of(engine, lambda: odd_values(engine, today=date(2024, 6, 1)), "paid_gbp >")
    paid = found.rows[found.rows["Column"] == "paid_gbp"]
    assert list(zip(paid["Code"], paid["Value"], strict=True)) == [("C / Y7", "250.0")]  # 200 is not over 200
    assert "ix_attendance_paid_over_200" in plan, plan


def test_those_on_no_register_are_read_from_the_zero_counts(small_org_any):
    """PostgreSQL: the participants on no register and the sessions with none are one range each
    of ix_row_counts_none. SQLite looks each up in the attendance."""
    engine = small_org_any
    write(engine, delete(A).where(A.c.session_id == by_code(S, "D")), insert(P).values(code="Y8", role="trainer"))
    marker = "row_counts" if engine.dialect.name == "postgresql" else "attendance"
    never, plan = plan_of(engine, lambda: participants_never_seen(engine), marker)
    assert never.rows.to_dict("records") == [{"Participant": "S2", "Role": "trainer"},
                                             {"Participant": "Y8", "Role": "trainer"}]
    if engine.dialect.name == "postgresql":
        assert "ix_row_counts_none" in plan, plan
    sessions, plan = plan_of(engine, lambda: sessions_without_register(engine), marker)
    assert list(sessions.rows["Session"]) == ["D"]
    if engine.dialect.name == "postgresql":
        assert "ix_row_counts_none" in plan, plan
