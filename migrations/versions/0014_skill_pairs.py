"""skill pairs kept by triggers

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 14:00:00

Two tables kept by triggers on `evaluations` (models.tables.SkillPair, SkillFirstPre): each post
rating that has a pre on or before it, with its key's earliest pre and next post; and each key's
earliest pre, with the key's earliest post. A period's skill pairs, and the ratings still waiting
for a post, are then one range of dates each, not four lookups per rating (docs/decisions.md,
"Skill pairs kept by triggers").

A key (participant, skill, programme) has a few ratings, so each trigger works out its key's rows
again; the importer's bulk path does the same for every key it touched (models/skill_pairs.py).
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

PAIRS, FIRST_PRES = "skill_pairs", "skill_first_pres"
# While a settings row with this key exists (only inside the importer's own transaction), added
# evaluations are left to the importer, which works their keys out again in one statement.
PAUSED = "skill_pairs_paused"
KEY = ("participant_id", "skill_id", "programme_id")
RATING_COLUMNS = ("participant_id", "programme_id", "timepoint", "completed_on", "skill_id", "score")


def _rows_again(keys: str) -> list[str]:
    """Statements working out again both tables' rows of the keys `keys` picks (SQL on the key's
    columns, which have the same names in all three tables), as in models/skill_pairs.py."""
    keys = f"({keys})"  # it may be an OR: the statements AND it with their own conditions
    key = ", ".join(KEY)
    # Window functions only, no join: SQLite joined two window subqueries by reading one whole for
    # each row of the other. Within the key and timepoint: each rating's next and its rank; then
    # the key's earliest pre and earliest post spread to all its ratings. Follow-ups rank apart.
    by_rank = f"PARTITION BY {key}, timepoint ORDER BY completed_on"
    ranked = (f"SELECT {key}, timepoint, completed_on, score, lead(completed_on) OVER ({by_rank}) AS next_on, "
              f"row_number() OVER ({by_rank}) AS n FROM evaluations WHERE {keys}")
    first_pre = "CASE WHEN timepoint = 'pre' AND n = 1 THEN {} END"
    rated = (f"SELECT {key}, timepoint, completed_on, score, next_on, n, "
             f"max({first_pre.format('completed_on')}) OVER (PARTITION BY {key}) AS pre_on, "
             f"max({first_pre.format('score')}) OVER (PARTITION BY {key}) AS pre, "
             f"min(CASE WHEN timepoint = 'post' THEN completed_on END) OVER (PARTITION BY {key}) AS first_post_on "
             f"FROM ({ranked}) AS ranked")
    return [
        f"DELETE FROM {PAIRS} WHERE {keys}",
        f"DELETE FROM {FIRST_PRES} WHERE {keys}",
        f"INSERT INTO {PAIRS} (post_on, {key}, post, pre_on, pre, next_post_on) "
        f"SELECT completed_on, {key}, score, pre_on, pre, next_on FROM ({rated}) AS rated "
        f"WHERE timepoint = 'post' AND pre_on <= completed_on ORDER BY 1, 2, 3, 4",
        f"INSERT INTO {FIRST_PRES} (pre_on, {key}, first_post_on) "
        f"SELECT pre_on, {key}, first_post_on FROM ({rated}) AS rated "
        f"WHERE timepoint = 'pre' AND n = 1 ORDER BY 1, 2, 3, 4",
    ]


def _key_of(row: str) -> str:
    return " AND ".join(f"{c} = {row}.{c}" for c in KEY)


# (name, event, pausable, statements); NEW and OLD are the changed row in both databases. An
# update fires only for the rating's own columns.
TRIGGERS = (
    ("skill_pairs_added", "INSERT", True, _rows_again(_key_of("NEW"))),
    ("skill_pairs_changed", f"UPDATE OF {', '.join(RATING_COLUMNS)}", False,
     _rows_again(f"({_key_of('OLD')}) OR ({_key_of('NEW')})")),
    ("skill_pairs_removed", "DELETE", False, _rows_again(_key_of("OLD"))),
)


def _key_columns() -> list:
    return [sa.Column(name, sa.Integer(), nullable=False) for name in KEY]


def upgrade() -> None:
    op.create_table(PAIRS,
                    sa.Column('post_on', sa.Date(), nullable=False), *_key_columns(),
                    sa.Column('post', sa.Integer(), nullable=False),
                    sa.Column('pre_on', sa.Date(), nullable=False),
                    sa.Column('pre', sa.Integer(), nullable=False),
                    sa.Column('next_post_on', sa.Date(), nullable=True),
                    sa.PrimaryKeyConstraint('post_on', *KEY), sqlite_with_rowid=False)
    op.create_index('ix_skill_pairs_key', PAIRS, list(KEY), unique=False)
    op.create_table(FIRST_PRES,
                    sa.Column('pre_on', sa.Date(), nullable=False), *_key_columns(),
                    sa.Column('first_post_on', sa.Date(), nullable=True),
                    sa.PrimaryKeyConstraint('pre_on', *KEY), sqlite_with_rowid=False)
    op.create_index('ix_skill_first_pres_key', FIRST_PRES, list(KEY), unique=False)
    no_post = sa.text("first_post_on IS NULL")
    op.create_index('ix_skill_first_pres_no_post', FIRST_PRES, ['participant_id'], unique=False,
                    sqlite_where=no_post, postgresql_where=no_post)
    for statement in _rows_again("1 = 1")[2:]:  # the tables are new: nothing to delete
        op.execute(statement)
    postgres = op.get_bind().dialect.name == "postgresql"
    paused = f"EXISTS (SELECT 1 FROM settings WHERE key = '{PAUSED}')"
    for name, event, pausable, statements in TRIGGERS:
        body = "".join(f"{statement}; " for statement in statements)
        if postgres:
            guard = f"IF {paused} THEN RETURN NULL; END IF; " if pausable else ""
            op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {guard}"
                       f"{body}RETURN NULL; END $$")
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON evaluations FOR EACH ROW EXECUTE FUNCTION {name}()")
        else:
            guard = f"WHEN NOT {paused} " if pausable else ""
            op.execute(f"CREATE TRIGGER {name} AFTER {event} ON evaluations FOR EACH ROW {guard}BEGIN {body}END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name, *_ in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (" ON evaluations" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_index('ix_skill_first_pres_no_post', table_name=FIRST_PRES)
    op.drop_index('ix_skill_first_pres_key', table_name=FIRST_PRES)
    op.drop_table(FIRST_PRES)
    op.drop_index('ix_skill_pairs_key', table_name=PAIRS)
    op.drop_table(PAIRS)
