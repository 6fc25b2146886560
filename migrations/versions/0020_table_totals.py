"""table totals kept on PostgreSQL

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 10:00:00

Each writing transaction keeps, in `row_counts` (migration 0017), the net number of rows it added
to attendance, evaluations, principle ratings, sessions and participants: `counted` the table's
name, `key` the transaction (its id modulo 2^31 - 1), `n` the rows inserted less those deleted. A
table's total is the sum of its rows, one range of the primary key: reading it no longer counts
the participants or sums the attendance of every session. Each transaction writes only its own
row, so two writers never wait on each other (one row per table deadlocked an erasure against an
import, docs/decisions.md 28); two transactions whose ids meet modulo 2^31 - 1 add into one row,
and the sum stays right. Key 0 holds the rows there before, and what a bulk load counted
(models/row_counts.py: recount). Updates change no total; a truncation deletes the table's rows.

The trigger functions of 0017 are replaced by ones doing the same and adding the totals; the
triggers stay. SQL is copied here from 0017, not imported: a migration is a frozen copy. SQLite
keeps nothing (it counts as fast itself): nothing to do there.
"""
from alembic import op


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

COUNTS = "row_counts"
# As in migration 0017: table -> its keys counted; key -> the table of which every row has a row.
COUNTED = {"attendance": ("session_id", "participant_id"), "evaluations": ("skill_id",),
           "principle_ratings": ("principle_id",)}
EVERY_ROW = {"attendance.session_id": "sessions", "attendance.participant_id": "participants"}
# The tables with a total, as in models/row_counts.py when this was written.
TOTALLED = ("attendance", "evaluations", "principle_ratings", "sessions", "participants")
ADD = f"ON CONFLICT (counted, key) DO UPDATE SET n = {COUNTS}.n + EXCLUDED.n"
TRANSACTION = "(txid_current() % 2147483647)::int"  # the writing transaction's row: an Integer key


def _counted(table: str, column: str) -> str:
    return f"'{table}.{column}'"


def _changes(table: str, event: str) -> list[str]:
    """SELECTs of (counted, key, n): how the statement changed each key's count (as in 0017)."""
    parts = []
    for column in COUNTED[table]:
        name = _counted(table, column)
        if event == "INSERT":
            parts.append(f"SELECT {name}, {column}, count(*) FROM new_rows GROUP BY {column}")
        elif event == "DELETE":
            parts.append(f"SELECT {name}, {column}, -count(*) FROM old_rows GROUP BY {column}")
        else:
            moved = f"FROM old_rows o JOIN new_rows w ON w.id = o.id WHERE o.{column} <> w.{column}"
            parts += [f"SELECT {name}, o.{column}, -1 {moved}", f"SELECT {name}, w.{column}, 1 {moved}"]
    return parts


def _total(table: str, rows: str, sign: str) -> str:
    """Adds the rows of `rows` (new_rows or old_rows; `sign` '-' for a delete) to the
    transaction's own row of `table`'s total; nothing for a statement that changed no row."""
    return (f"INSERT INTO {COUNTS} (counted, key, n) SELECT '{table}', {TRANSACTION}, {sign}count(*) "
            f"FROM {rows} HAVING count(*) > 0 {ADD};")


def _counting_bodies(table: str, totals: bool) -> dict[str, str]:
    """The insert, delete and truncate functions' bodies of a COUNTED table: 0017's (`totals`
    False, exactly as it wrote them) or this migration's."""
    inserted = _changes(table, "INSERT")
    if totals:
        inserted.append(f"SELECT '{table}', {TRANSACTION}, count(*) FROM new_rows")
    bodies = {}
    for event, parts in (("INSERT", inserted), ("DELETE", _changes(table, "DELETE"))):
        changed = (f"SELECT counted, key, sum(n) AS n FROM ({' UNION ALL '.join(parts)}) "
                   f"AS changed (counted, key, n) GROUP BY counted, key HAVING sum(n) <> 0")
        if event == "DELETE":  # only keys still there; the transaction's total row first ('attendance' <
            # 'attendance.session_id': still in key order), inserted if new
            bodies[event] = ((_total(table, "old_rows", "-") + " " if totals else "")
                             + f"PERFORM 1 FROM {COUNTS} JOIN ({changed}) AS changed USING (counted, key) "
                             f"ORDER BY counted, key FOR UPDATE OF {COUNTS}; "
                             f"UPDATE {COUNTS} SET n = {COUNTS}.n + changed.n FROM ({changed}) AS changed "
                             f"WHERE {COUNTS}.counted = changed.counted AND {COUNTS}.key = changed.key;")
        else:  # in key order, the total among them
            bodies[event] = f"INSERT INTO {COUNTS} (counted, key, n) {changed} ORDER BY counted, key {ADD};"
    names = ", ".join(_counted(table, column) for column in COUNTED[table])
    bodies["TRUNCATE"] = (f"UPDATE {COUNTS} SET n = 0 WHERE counted IN ({names});"
                          + (f" DELETE FROM {COUNTS} WHERE counted = '{table}';" if totals else ""))
    return bodies


def _every_row_bodies(counted: str, parent: str, totals: bool) -> dict[str, str]:
    """The insert, delete and truncate functions' bodies of a table whose every row has a row
    (sessions, participants): 0017's, or with the total after ('attendance.…' < 'sessions')."""
    return {"INSERT": f"INSERT INTO {COUNTS} (counted, key, n) SELECT '{counted}', id, 0 FROM new_rows "
                      "ORDER BY id ON CONFLICT DO NOTHING;" + (" " + _total(parent, "new_rows", "") if totals else ""),
            "DELETE": f"DELETE FROM {COUNTS} WHERE counted = '{counted}' AND key IN (SELECT id FROM old_rows);"
                      + (" " + _total(parent, "old_rows", "-") if totals else ""),
            "TRUNCATE": f"DELETE FROM {COUNTS} WHERE counted = '{counted}';"
                        + (f" DELETE FROM {COUNTS} WHERE counted = '{parent}';" if totals else "")}


def _replace_functions(totals: bool) -> None:
    """The functions of 0017's insert, delete and truncate triggers (the update ones stay)."""
    bodies = {table: _counting_bodies(table, totals) for table in COUNTED}
    bodies |= {parent: _every_row_bodies(counted, parent, totals) for counted, parent in EVERY_ROW.items()}
    for table, by_event in bodies.items():
        for event, body in by_event.items():
            op.execute(f"CREATE OR REPLACE FUNCTION {table}_counted_{event.lower()}() RETURNS trigger "
                       f"LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Writers wait (readers do not) until this commits: a row written between the counts and the
    # new functions would otherwise be in neither.
    op.execute(f"LOCK TABLE {', '.join(TOTALLED)} IN SHARE MODE")
    for table in TOTALLED:
        op.execute(f"INSERT INTO {COUNTS} (counted, key, n) SELECT '{table}', 0, count(*) FROM {table}")
    _replace_functions(totals=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _replace_functions(totals=False)
    names = ", ".join(f"'{table}'" for table in TOTALLED)
    op.execute(f"DELETE FROM {COUNTS} WHERE counted IN ({names})")
