"""The audit log: who did what, when."""

import json

import pandas as pd
from sqlalchemy import insert, select

from auth.clock import utcnow
from models.tables import AuditEntry

AUDIT = AuditEntry.__table__


def record(conn, actor: str | None, action: str, **detail) -> None:
    """Add an entry inside the caller's transaction."""
    conn.execute(insert(AUDIT).values(at=utcnow(), actor=actor or "(anonymous)", action=action,
                                      detail=json.dumps(detail, default=str, sort_keys=True) if detail else None))


def recent(engine, limit: int = 500) -> pd.DataFrame:
    q = select(AUDIT.c.at, AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail).order_by(AUDIT.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=["at", "actor", "action", "detail"])
