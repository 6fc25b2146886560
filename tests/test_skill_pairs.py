"""The skill pairs and first pres (migration 0014) stay equal to what they are derived from, whoever
writes and however (insert, update, delete, erasure, import, the bulk path), on SQLite and
PostgreSQL. The reference below is worked out in Python from the evaluations alone."""

import random
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import and_, delete, insert, inspect, select, text, update

from data.participant_rights import erase_participant
from models.tables import Evaluation, Participant, Programme, Setting, Skill, SkillFirstPre, SkillPair
from tests import small_org

E, PAIRS, FIRSTS = Evaluation.__table__, SkillPair.__table__, SkillFirstPre.__table__
PAIR_COLUMNS = ("post_on", "participant_id", "skill_id", "programme_id", "post", "pre_on", "pre", "next_post_on")
FIRST_COLUMNS = ("pre_on", "participant_id", "skill_id", "programme_id", "first_post_on")
PAUSED = "skill_pairs_paused"
D = date.fromisoformat


def expected(conn) -> tuple[list[tuple], list[tuple]]:
    """(pairs, first pres) in the columns' order: per key (participant, skill, programme) its
    earliest pre, and each of its posts on or after that pre with the key's next post."""
    ratings = defaultdict(lambda: {"pre": [], "post": []})
    for row in conn.execute(select(E.c.participant_id, E.c.skill_id, E.c.programme_id, E.c.timepoint,
                                   E.c.completed_on, E.c.score)):
        if row.timepoint in ("pre", "post"):
            ratings[(row.participant_id, row.skill_id, row.programme_id)][row.timepoint].append(
                (row.completed_on, row.score))
    pairs, firsts = [], []
    for key, rated in ratings.items():
        if not rated["pre"]:
            continue
        pre_on, pre = min(rated["pre"])
        posts = sorted(rated["post"])
        firsts.append((pre_on, *key, posts[0][0] if posts else None))
        for i, (post_on, post) in enumerate(posts):
            if pre_on <= post_on:
                pairs.append((post_on, *key, post, pre_on, pre, posts[i + 1][0] if i + 1 < len(posts) else None))
    return sorted(pairs), sorted(firsts)


def held(conn) -> tuple[list[tuple], list[tuple]]:
    return tuple(sorted(map(tuple, conn.execute(select(*(table.c[c] for c in columns))).all()))
                 for table, columns in ((PAIRS, PAIR_COLUMNS), (FIRSTS, FIRST_COLUMNS)))


def codes(conn, model) -> dict[str, int]:
    return dict(conn.execute(select(model.__table__.c.code, model.__table__.c.id)).all())


class Keys:
    """Statements about the small organisation's ratings by code: `at(...)` picks one rating."""

    def __init__(self, conn):
        self.person, self.prog, self.skill = codes(conn, Participant), codes(conn, Programme), codes(conn, Skill)

    def key(self, person, programme="P1", skill="confidence") -> dict:
        return dict(participant_id=self.person[person], programme_id=self.prog[programme], skill_id=self.skill[skill])

    def at(self, person, timepoint, on, programme="P1", skill="confidence"):
        return and_(*(E.c[c] == v for c, v in self.key(person, programme, skill).items()),
                    E.c.timepoint == timepoint, E.c.completed_on == D(on))

    def new(self, person, timepoint, on, score, programme="P1", skill="confidence"):
        return insert(E).values(**self.key(person, programme, skill), timepoint=timepoint, completed_on=D(on),
                                score=score)

    def rows_of(self, conn, person, programme="P1", skill="confidence") -> list[tuple]:
        """The key's pairs as (post_on, post, pre_on, pre, next_post_on), by post date."""
        key = (self.person[person], self.skill[skill], self.prog[programme])
        return [(r[0], *r[4:]) for r in held(conn)[0] if r[1:4] == key]

    def first_of(self, conn, person, programme="P1", skill="confidence") -> list[tuple]:
        """The key's first pre as [(pre_on, first_post_on)], or []."""
        key = (self.person[person], self.skill[skill], self.prog[programme])
        return [(r[0], r[4]) for r in held(conn)[1] if r[1:4] == key]


def no_pause_left(conn) -> bool:
    return conn.execute(select(Setting.__table__.c.key).where(Setting.__table__.c.key == PAUSED)).first() is None


def test_the_pairs_follow_every_kind_of_write(small_org_any):
    engine = small_org_any
    with engine.connect() as conn:
        k = Keys(conn)
        # 9 posts with a pre on or before them (Y4's teamwork post comes before its pre; Y7 and
        # Y1 in P2 have no post), 11 keys with a pre; S1 (staff) counts too.
        assert held(conn) == expected(conn) and [len(t) for t in held(conn)] == [9, 11]
        # Y1, confidence in P1: pres on 1 Nov (2) and 5 Jan (3), posts on 20 Feb (4) and 25 Mar (5).
        assert k.rows_of(conn, "Y1") == [(D("2024-02-20"), 4, D("2023-11-01"), 2, D("2024-03-25")),
                                         (D("2024-03-25"), 5, D("2023-11-01"), 2, None)]
        assert k.rows_of(conn, "S1") == [(D("2024-02-01"), 5, D("2024-01-01"), 1, None)]
    steps = [
        k.new("Y2", "pre", "2023-12-15", 1),                                   # a pre before the key's pre
        k.new("Y1", "post", "2024-03-01", 4),                                  # a post between two posts
        update(E).where(k.at("Y1", "pre", "2023-11-01")).values(score=1),     # the earliest pre's score
        delete(E).where(k.at("Y1", "post", "2024-03-01")),                     # the post between goes again
        update(E).where(k.at("Y1", "pre", "2023-11-01")).values(completed_on=D("2024-03-10")),  # pre moves
        update(E).where(k.at("Y1", "pre", "2024-01-05")).values(timepoint="post"),   # a pre becomes a post
        update(E).where(k.at("Y3", "post", "2024-03-01")).values(completed_on=D("2024-01-15")),  # before pre
        update(E).where(k.at("Y5", "follow_up", "2024-03-30", skill="teamwork")).values(timepoint="post"),
        update(E).where(k.at("Y1", "pre", "2024-03-01", "P2")).values(skill_id=k.skill["teamwork"]),  # new key
        delete(E).where(k.at("Y6", "pre", "2023-12-01", "P2")),               # the key's only pre
        k.new("S2", "pre", "2024-01-02", 2, "P2"), k.new("S2", "post", "2024-02-02", 3, "P2"),  # a trainer
    ]
    for step in steps:
        with engine.connect() as conn:
            before = expected(conn)
        with engine.begin() as conn:
            conn.execute(step)
        with engine.connect() as conn:
            assert expected(conn) != before and held(conn) == expected(conn), step
    with engine.connect() as conn:
        # Y1 now: the one pre on 10 Mar (score 1), posts on 5 Jan, 20 Feb and 25 Mar.
        assert k.rows_of(conn, "Y1") == [(D("2024-03-25"), 5, D("2024-03-10"), 1, None)]
        assert k.first_of(conn, "Y1") == [(D("2024-03-10"), D("2024-01-05"))]
        assert not any(r[1] == k.person["Y6"] for table in held(conn) for r in table)
    erase_participant(engine, "Y5")
    with engine.connect() as conn:
        assert held(conn) == expected(conn)
        assert not any(r[1] == k.person["Y5"] for table in held(conn) for r in table)
        assert {k.person["S1"], k.person["S2"]} <= {r[1] for r in held(conn)[0]}


def test_an_import_keeps_the_pairs_and_leaves_no_pause_behind(small_org_any):
    from data.importing import import_sources
    engine = small_org_any
    # Y2 gets a pre before hers, Y3's pre is rated again (4 -> 1), Y7 gets a post, S2 a pre.
    rows = ["Y2,P1,pre,2023-12-15,confidence,1", "Y3,P1,pre,2024-02-01,confidence,1",
            "Y7,P1,post,2024-03-30,confidence,3", "S2,P2,pre,2024-01-02,teamwork,2"]
    content = "participant_code,programme_code,timepoint,completed_on,skill,score\n" + "\n".join(rows) + "\n"
    report = import_sources(engine, [("evaluations.csv", content.encode())])
    assert (report.files["evaluations"].added, report.files["evaluations"].updated) == (3, 1)
    with engine.connect() as conn:
        k = Keys(conn)
        assert held(conn) == expected(conn) and [len(t) for t in held(conn)] == [10, 12]
        assert k.rows_of(conn, "Y2") == [(D("2024-04-10"), 4, D("2023-12-15"), 1, None)]
        assert k.rows_of(conn, "Y3") == [(D("2024-03-01"), 3, D("2024-02-01"), 1, None)]
        assert no_pause_left(conn)


def test_a_bulk_import_into_empty_evaluations_fills_the_pairs_and_puts_the_triggers_back(small_org_any,
                                                                                           monkeypatch):
    import data.importing.importer as importer
    from data.importing import import_sources
    from data.importing.bulk_load import BULK_ROWS
    engine = small_org_any
    with engine.begin() as conn:
        conn.execute(delete(E))
        assert held(conn) == ([], [])   # the delete trigger empties both
        k = Keys(conn)
    loaded = []
    write_batches = importer.write_batches
    monkeypatch.setattr(importer, "write_batches", lambda *args: loaded.append(args[4]) or write_batches(*args))
    pick = random.Random(14)
    lines = ["participant_code,programme_code,timepoint,completed_on,skill,score"]
    keys = [(p, g, s) for p in k.person for g in k.prog for s in k.skill]
    per_key = -(-BULK_ROWS // len(keys))
    for n, (person, programme, skill) in enumerate(keys):
        # some keys without a pre, some without a post, the rest mixed (follow-ups among them)
        timepoints = ("post", "follow_up") if n % 5 == 0 else ("pre",) if n % 7 == 0 else ("pre", "post", "follow_up")
        for day in range(per_key):
            on = date(2023, 1, 1) + timedelta(days=n % 30 + 3 * day)
            lines.append(f"{person},{programme},{pick.choice(timepoints)},{on},{skill},{pick.randint(1, 5)}")
    assert len(lines) - 1 >= BULK_ROWS
    import_sources(engine, [("evaluations.csv", ("\n".join(lines) + "\n").encode())])
    assert "evaluations" in loaded[0]   # the fast path was taken
    with engine.connect() as conn:
        assert held(conn) == expected(conn) and no_pause_left(conn)
        print("bulk:", len(lines) - 1, "ratings,", [len(t) for t in held(conn)], "pairs, first pres")
        assert min(len(t) for t in held(conn)) > 100
    with engine.begin() as conn:   # the insert trigger is back: an earlier pre for a key with pairs
        person, programme, skill = keys[1]
        conn.execute(k.new(person, "pre", "2022-12-01", 5, programme, skill))
    with engine.connect() as conn:
        assert held(conn) == expected(conn)
        assert {r[5] for r in held(conn)[0] if r[1] == k.person[person] and r[2] == k.skill[skill]
                and r[3] == k.prog[programme]} == {D("2022-12-01")}


def test_evaluations_added_in_bulk_rebuilds_the_keys_touched_at_the_end(small_org_any):
    from models.skill_pairs import evaluations_added_in_bulk
    engine = small_org_any
    with engine.begin() as conn:
        k = Keys(conn)
        before = held(conn)
        with evaluations_added_in_bulk(conn):
            conn.execute(insert(E), [
                {**k.key("Y2"), "timepoint": "pre", "completed_on": D("2023-12-15"), "score": 1},   # earlier pre
                {**k.key("Y1"), "timepoint": "post", "completed_on": D("2024-03-01"), "score": 4},  # between posts
                {**k.key("Y7"), "timepoint": "post", "completed_on": D("2024-03-30"), "score": 3},  # first post
                {**k.key("S2", "P2", "empathy"), "timepoint": "pre", "completed_on": D("2024-01-02"), "score": 2},
                {**k.key("Y4", skill="teamwork"), "timepoint": "follow_up", "completed_on": D("2024-03-01"),
                 "score": 2}])
            conn.execute(update(E).where(k.at("Y3", "pre", "2024-02-01")).values(score=1))  # trigger as usual
            # inserts wait for the end: the new keys have no rows yet
            assert not no_pause_left(conn) and k.rows_of(conn, "Y7") == k.first_of(conn, "S2", "P2", "empathy") == []
        assert held(conn) == expected(conn) != before and no_pause_left(conn)
        assert k.rows_of(conn, "Y1")[0] == (D("2024-02-20"), 4, D("2023-11-01"), 2, D("2024-03-01"))


def test_migration_0014_fills_the_pairs_and_can_be_undone(any_engine):
    from models.schema import upgrade_schema
    from tests.store_helpers import downgrade_to

    def to(revision: str) -> None:
        downgrade_to(any_engine, revision)

    def mentions(conn) -> list:
        """Tables, triggers and functions still naming the derived tables."""
        if conn.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE sql LIKE :pairs OR sql LIKE :firsts"
        else:
            query = ("SELECT proname FROM pg_proc WHERE prosrc LIKE :pairs OR prosrc LIKE :firsts"
                     " UNION ALL SELECT tgname FROM pg_trigger WHERE tgname LIKE :pairs")
        return conn.execute(text(query), {"pairs": "%skill_pairs%", "firsts": "%skill_first_pres%"}).all()

    to("0013")
    assert not {"skill_pairs", "skill_first_pres"} & set(inspect(any_engine).get_table_names())
    small_org.build(any_engine)
    upgrade_schema(any_engine)
    with any_engine.connect() as conn:
        assert held(conn) == expected(conn) and [len(t) for t in held(conn)] == [9, 11]
        assert mentions(conn)
    to("0013")
    assert not {"skill_pairs", "skill_first_pres"} & set(inspect(any_engine).get_table_names())
    with any_engine.begin() as conn:   # a rating still goes in, and nothing names the tables any more
        conn.execute(Keys(conn).new("Y7", "post", "2024-03-30", 3))
        assert mentions(conn) == []
