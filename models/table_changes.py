"""How often each table the measures read has been written to: kept on PostgreSQL by a trigger
per table, once per statement (migration 0018). A figure worked out from some tables stays right
while their numbers are the same (measures/kept_until_changed.py).

Each writing transaction counts its statements in a row of its own, so writers never wait for
one another; a table's number is the sum of its rows, which only grows as transactions commit.
The rows show only when their transaction commits: read before a figure's own rows, the numbers
can only be older than what the figure saw, never newer (at worst the figure is worked out again
once). A sequence would not do: its next value shows before the data it counts. The table grows
by a row per writing transaction and table, tens of thousands a year for a busy organisation.
SQLite has no statement triggers and keeps none.
"""

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from models.tables import TableChange

CHANGES = TableChange.__table__
TRIGGER = "table_changes_counted"  # the name of every such trigger, and of their function
WATCHED = frozenset(("programmes", "participants", "sessions", "attendance", "evaluations", "principle_ratings",
                     "feedback_items", "skills", "principles", "frameworks", "ladder_rungs", "young_people_attendance",
                     "skill_pairs", "skill_first_pres"))


def changes_of(conn: Connection, tables: tuple[str, ...]) -> tuple[int, ...] | None:
    """The numbers of `tables` (all of them WATCHED), in their order, after the table's own id;
    None where none are kept. The id tells a store made again at the same address (its numbers
    start from 0 again) from the one before."""
    if conn.dialect.name != "postgresql":
        return None
    unknown = set(tables) - WATCHED
    if unknown:
        raise ValueError(f"No changes are counted for {sorted(unknown)}")
    made = conn.exec_driver_sql(f"SELECT '{CHANGES.name}'::regclass::oid").scalar_one()
    found = dict(conn.execute(select(CHANGES.c.name, func.sum(CHANGES.c.changes))
                              .where(CHANGES.c.name.in_(tables)).group_by(CHANGES.c.name)).all())
    return (int(made), *(int(found.get(name, 0)) for name in tables))
