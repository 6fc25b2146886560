"""Adding many evaluations at once, with the skill pairs kept right.

The skill pair tables (models.tables.SkillPair, SkillFirstPre) are kept by triggers on
`evaluations` (migration 0014) whoever writes: each works its key's rows out again. Row by row
that is a few statements per rating, so the importer pauses the insert trigger inside its own
transaction and works out the rows of every key it touched in one go at the end, as for the
attendance summary (models/summaries.py). Other connections never see the pause: it is a
settings row that is gone again before the transaction commits.
"""

from contextlib import contextmanager

from sqlalchemy import Column, Integer, MetaData, Table, delete, func, insert, select
from sqlalchemy.engine import Connection

from models.tables import Evaluation, Setting, SkillFirstPre, SkillPair

PAUSED = "skill_pairs_paused"  # the key the insert trigger looks for (migration 0014)
E, SETTINGS = Evaluation.__table__, Setting.__table__
PAIRS, FIRST_PRES = SkillPair.__tablename__, SkillFirstPre.__tablename__
KEY = ("participant_id", "skill_id", "programme_id")
RATED = "skill_pairs_rated"  # the bulk path's temporary table


def rows_again(keys: str, source: str) -> list[str]:
    """Statements working out again both tables' rows of the keys `keys` picks (SQL on the key's
    columns, which have the same names in all three tables) from `source`, a table or subquery
    holding `rated(keys)`, written in the tables' key (date) order. Migration 0014's triggers run
    the same statements one key at a time, with `rated` as a subquery for `source`."""
    keys = f"({keys})"  # it may be an OR: the statements AND it with their own conditions
    key = ", ".join(KEY)
    return [
        f"DELETE FROM {PAIRS} WHERE {keys}",
        f"DELETE FROM {FIRST_PRES} WHERE {keys}",
        f"INSERT INTO {PAIRS} (post_on, {key}, post, pre_on, pre, next_post_on) "
        f"SELECT completed_on, {key}, score, pre_on, pre, next_on FROM {source} "
        f"WHERE timepoint = 'post' AND pre_on <= completed_on ORDER BY 1, 2, 3, 4",
        f"INSERT INTO {FIRST_PRES} (pre_on, {key}, first_post_on) "
        f"SELECT pre_on, {key}, first_post_on FROM {source} "
        f"WHERE timepoint = 'pre' AND n = 1 ORDER BY 1, 2, 3, 4",
    ]


def rated(keys: str) -> str:
    """Every rating of the keys `keys` picks, with its next of the same timepoint (`next_on`), its
    rank among them (`n`), and its key's earliest pre (`pre_on`, `pre`) and earliest post.

    Window functions only, no join: SQLite joined two window subqueries by reading one whole for
    each row of the other. The first windows follow `ix_evaluations_by_key`'s order, so reading
    every rating needs no sort for them; follow-up ratings rank apart and are never picked."""
    key = ", ".join(KEY)
    by_rank = f"PARTITION BY {key}, timepoint ORDER BY completed_on"
    ranked = (f"SELECT {key}, timepoint, completed_on, score, lead(completed_on) OVER ({by_rank}) AS next_on, "
              f"row_number() OVER ({by_rank}) AS n FROM evaluations WHERE ({keys})")
    first_pre = "CASE WHEN timepoint = 'pre' AND n = 1 THEN {} END"
    return (f"SELECT {key}, timepoint, completed_on, score, next_on, n, "
            f"max({first_pre.format('completed_on')}) OVER (PARTITION BY {key}) AS pre_on, "
            f"max({first_pre.format('score')}) OVER (PARTITION BY {key}) AS pre, "
            f"min(CASE WHEN timepoint = 'post' THEN completed_on END) OVER (PARTITION BY {key}) AS first_post_on "
            f"FROM ({ranked}) AS ranked")


@contextmanager
def evaluations_added_in_bulk(conn: Connection):
    """Inside the caller's transaction: evaluations added in the block get their keys' skill pair
    rows in one go at its end (evaluations changed or removed are still handled by triggers)."""
    if conn.dialect.name == "postgresql":  # SQLite has one writer at a time already
        conn.exec_driver_sql("LOCK TABLE evaluations IN SHARE ROW EXCLUSIVE MODE")  # readers go on
    before = conn.execute(select(func.coalesce(func.max(E.c.id), 0))).scalar_one()
    conn.execute(insert(SETTINGS).values(key=PAUSED, value="true"))
    yield
    conn.execute(delete(SETTINGS).where(SETTINGS.c.key == PAUSED))
    # Holding the table's write lock, every evaluation above `before` was added by this transaction.
    if conn.execute(select(E.c.id).where(E.c.id > before).limit(1)).first() is None:
        return
    if before == 0:  # every key is new (rows an update trigger wrote in the block are replaced)
        _rebuild(conn, "1 = 1")
        return
    keys = _touched_keys_table()
    keys.create(conn)
    conn.execute(insert(keys).from_select(list(KEY), select(*(E.c[c] for c in KEY)).distinct()
                                          .where(E.c.id > before)))
    key = ", ".join(KEY)
    _rebuild(conn, f"({key}) IN (SELECT {key} FROM {keys.name})")
    keys.drop(conn)


def _rebuild(conn: Connection, keys: str) -> None:
    """Both tables' rows of the keys `keys` picks, the ratings worked out once into a temporary
    table for both (half the time of a large import's rebuild on SQLite)."""
    conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {RATED} AS {rated(keys)}")
    _run(conn, rows_again(keys, RATED))
    conn.exec_driver_sql(f"DROP TABLE {RATED}")


def _run(conn: Connection, statements: list[str]) -> None:
    for statement in statements:
        conn.exec_driver_sql(statement)


def _touched_keys_table() -> Table:
    """A temporary table (this connection's alone) of the keys the block's evaluations belong to."""
    return Table("skill_pair_keys", MetaData(), *(Column(name, Integer, primary_key=True) for name in KEY),
                 prefixes=["TEMPORARY"], sqlite_with_rowid=False)
