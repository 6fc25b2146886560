"""A cheap fingerprint of the store's contents, so caches can be keyed on it and new data
(from an import, a form or another process) shows without a restart.

The highest id of each record table (read from the end of the primary-key index, so it costs
the same at any size) catches rows added by anyone; the write counter catches updates and
deletions made by this product's own writers, which all bump it. Counting rows would catch
deletions by other tools too, but reads whole indexes on every page view (docs/decisions.md)."""

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.engine import Engine

from models.tables import (
    Attendance, Evaluation, FeedbackItem, Participant, PrincipleRating, Programme, ProgrammeSession, Setting,
)

RECORD_TABLES = (Programme, Participant, ProgrammeSession, Attendance, Evaluation, PrincipleRating,
                 FeedbackItem)
WRITE_COUNTER = "write_counter"


def data_version(engine: Engine) -> str:
    """Highest ids of every record table plus the write counter bumped by our own writers."""
    parts = [select(literal(t.__tablename__).label("t"),
                    func.coalesce(func.max(t.__table__.c.id), 0).label("m")) for t in RECORD_TABLES]
    counter = select(Setting.value).where(Setting.key == WRITE_COUNTER)
    with engine.connect() as conn:
        rows = conn.execute(union_all(*parts)).all()
        writes = conn.execute(counter).scalar() or "0"
    return ";".join(f"{t}:{m}" for t, m in sorted(rows)) + f";w:{writes}"


def bump_write_counter(conn) -> None:
    """Call inside a writing transaction that may update rows in place."""
    table = Setting.__table__
    current = conn.execute(select(table.c.value).where(table.c.key == WRITE_COUNTER)).scalar()
    if current is None:
        conn.execute(table.insert().values(key=WRITE_COUNTER, value="1"))
    else:
        conn.execute(table.update().where(table.c.key == WRITE_COUNTER).values(value=str(int(current) + 1)))
