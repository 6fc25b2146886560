"""The audit log: who did what, when."""

import json

import pandas as pd
from sqlalchemy import insert, select

from models.clock import utcnow
from models.tables import AuditEntry

AUDIT = AuditEntry.__table__


def record(conn, actor: str | None, action: str, **detail) -> None:
    """Add an entry inside the caller's transaction."""
    conn.execute(insert(AUDIT).values(at=utcnow(), actor=actor or "(anonymous)", action=action,
                                      detail=json.dumps(detail, default=str, sort_keys=True) if detail else None))


VIEWED = "viewed"
DOWNLOADED = "downloaded"
CODES_LISTED = 20  # participant codes named in a view's entry at most; beyond that, only how many


def code_details(codes) -> dict:
    """The participant codes shown, for an entry's details: the number always, the codes themselves
    only when few (a list of thousands would swamp the log)."""
    codes = list(dict.fromkeys(str(code) for code in codes))
    return {"participants": len(codes), **({"codes": codes} if len(codes) <= CODES_LISTED else {})}


def record_view(engine, actor: str | None, screen: str, codes=(), action: str = VIEWED, **detail) -> None:
    """Someone was shown (or, with action=DOWNLOADED, given a file of) participant-level data on
    `screen`: the entry names the screen and the participant codes shown (see code_details;
    codes=None when the screen's rows are counted in `detail` instead)."""
    with engine.begin() as conn:
        record(conn, actor, action, screen=screen, **({} if codes is None else code_details(codes)), **detail)


def recent(engine, limit: int = 500, actions=(), code: str | None = None) -> pd.DataFrame:
    """The newest entries first; only those of `actions` (any, when empty) and, given a participant
    `code`, only those whose details name it (as a value of its own: not YP-1 within YP-10)."""
    q = select(AUDIT.c.at, AUDIT.c.actor, AUDIT.c.action, AUDIT.c.detail).order_by(AUDIT.c.id.desc()).limit(limit)
    if actions:
        q = q.where(AUDIT.c.action.in_(list(actions)))
    if code:
        q = q.where(AUDIT.c.detail.contains(json.dumps(code), autoescape=True))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=["at", "actor", "action", "detail"])


def audit_actions(engine) -> list[str]:
    """Every action the log holds, for choosing among."""
    with engine.connect() as conn:
        return list(conn.execute(select(AUDIT.c.action).distinct().order_by(AUDIT.c.action)).scalars())
