"""Board snapshots in the store: take one, list them, read one, find the one before, delete one.

A snapshot is written once and never recomputed. Taking and deleting one are audited.
"""

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from auth.accounts import USERS, get, is_valid_username, normalise
from board_snapshots import codec
from board_snapshots.freeze import snapshot_content
from data import names
from measures.filters import Period
from measures.formatting import day
from models.audit import record
from models.clock import utcnow
from models.settings import get_setting
from models.tables import BoardSnapshot
from models.version import data_version

SNAPSHOTS = BoardSnapshot.__table__
MAX_NAME = 100
LIST_COLUMNS = ["name", "meeting_date", "period_from", "period_to", "created_at", "created_by"]


class SnapshotProblem(ValueError):
    """A snapshot that cannot be taken, found or deleted; the message says why in plain words."""


class NotAllowed(SnapshotProblem):
    """Only an admin may take or delete a snapshot."""


# Roles that may take and delete snapshots: the snapshots page (components/registry.py) is
# open to admins and trustees, but only admins take or delete one. Checked here, in the store,
# because a button's callback runs before the app shell checks the account again.
MAY_TAKE = ("admin",)


@dataclass(frozen=True)
class Snapshot:
    name: str
    period: Period
    meeting_date: date
    created_at: datetime
    created_by: str
    data_version: str
    k: int
    content: dict

    @property
    def figures(self) -> dict:
        return self.content["figures"]

    @property
    def frames(self) -> dict:
        return self.content["frames"]


def clean_name(name: str | None) -> str:
    return names.clean_name(name, "snapshot", MAX_NAME, SnapshotProblem, example="Board meeting June 2024")


def _exists(conn, name: str) -> bool:
    return conn.execute(select(SNAPSHOTS.c.id).where(SNAPSHOTS.c.name == name)).first() is not None


def _taken(name: str) -> SnapshotProblem:
    return SnapshotProblem(f"There is already a snapshot called '{name}'. Choose another name, or delete the "
                           "old one first.")


def create_snapshot(engine, name: str, period: Period, meeting_date: date, actor: str,
                    k: int | None = None) -> Snapshot:
    """Freeze the figures for `period` under `name`; k defaults to the organisation's setting.

    Only an admin may (`NotAllowed` otherwise): see `_check_taker`.
    """
    with engine.connect() as conn:
        _check_taker(conn, actor)
    name = clean_name(name)
    if meeting_date < period.start:
        raise SnapshotProblem(f"The board meeting ({day(meeting_date)}) is before the start of the period it "
                              f"reports on ({day(period.start)}).")
    with engine.connect() as conn:
        if _exists(conn, name):
            raise _taken(name)
    k = int(get_setting(engine, "suppression_k")) if k is None else k
    version, content = _consistent_content(engine, period, k)
    row = dict(name=name, period_from=period.start, period_to=period.end, meeting_date=meeting_date,
               created_at=utcnow(), created_by=actor or "(anonymous)", data_version=version, suppression_k=k,
               content=codec.dumps(content))
    try:
        with engine.begin() as conn:
            _check_taker(conn, actor)  # again: the figures took a while, the account may have changed
            conn.execute(insert(SNAPSHOTS).values(**row))
            record(conn, actor, "board snapshot taken", name=name, period_from=period.start,
                   period_to=period.end, meeting_date=meeting_date, data_version=version)
    except IntegrityError:  # taken by someone else in the meantime
        raise _taken(name) from None
    return get_snapshot(engine, name)


def _check_taker(conn, actor: str | None) -> None:
    """Refuse unless `actor` may take a snapshot.

    An actor that is an account (the web page passes the signed-in username) must be active and
    have a role in MAY_TAKE. An actor that can never be a username, such as the command line's
    "command line (login)" (cli/actor.py), is a program run by someone with the store in hand:
    it acts as admin. A username-like actor without an account is refused, unless the store has
    no accounts at all (then nobody can be signed in to the web pages: a store being set up).
    """
    account = get(conn, actor or "")
    if account is not None:
        if account.active and account.role in MAY_TAKE:
            return
    elif actor and not is_valid_username(normalise(actor)):
        return
    elif actor and conn.execute(select(USERS.c.id).limit(1)).first() is None:
        return
    raise NotAllowed("Only an admin can take a board snapshot.")


def _consistent_content(engine, period: Period, k: int) -> tuple[str, dict]:
    """The figures with the data version they were computed from: when data came in while they
    were being computed (the version moved), compute them again."""
    for _ in range(3):
        before = data_version(engine)
        content = snapshot_content(engine, period, k)
        after = data_version(engine)
        if after == before:
            break
    return after, content


def list_snapshots(engine) -> pd.DataFrame:
    """Every snapshot, the latest meeting first."""
    q = (select(*(SNAPSHOTS.c[c] for c in LIST_COLUMNS))
         .order_by(SNAPSHOTS.c.meeting_date.desc(), SNAPSHOTS.c.created_at.desc(), SNAPSHOTS.c.id.desc()))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=LIST_COLUMNS)


def _snapshot(row) -> Snapshot:
    return Snapshot(row.name, Period(row.period_from, row.period_to), row.meeting_date, row.created_at,
                    row.created_by, row.data_version, row.suppression_k, codec.loads(row.content))


def get_snapshot(engine, name: str) -> Snapshot:
    with engine.connect() as conn:
        row = conn.execute(select(SNAPSHOTS).where(SNAPSHOTS.c.name == name)).first()
    if row is None:
        raise SnapshotProblem(f"There is no snapshot called '{name}'.")
    return _snapshot(row)


def previous_snapshot(engine, snapshot: Snapshot) -> Snapshot | None:
    """The snapshot for the meeting before this one's (on the same day: the one taken earlier)."""
    c = SNAPSHOTS.c
    with engine.connect() as conn:
        me = conn.execute(select(c.id).where(c.name == snapshot.name)).one()
        earlier = ((c.meeting_date < snapshot.meeting_date)
                   | ((c.meeting_date == snapshot.meeting_date) & (c.id < me.id)))
        row = conn.execute(select(SNAPSHOTS).where(earlier)
                           .order_by(c.meeting_date.desc(), c.id.desc()).limit(1)).first()
    return None if row is None else _snapshot(row)


def delete_snapshot(engine, name: str, actor: str | None) -> None:
    """Delete a snapshot: only an active admin account may, and it is audited."""
    with engine.begin() as conn:
        account = get(conn, actor or "")
        if account is None or not account.active or account.role not in MAY_TAKE:
            raise NotAllowed("Only an admin can delete a board snapshot.")
        if conn.execute(delete(SNAPSHOTS).where(SNAPSHOTS.c.name == name)).rowcount == 0:
            raise SnapshotProblem(f"There is no snapshot called '{name}' (perhaps someone deleted it already).")
        record(conn, account.username, "board snapshot deleted", name=name)
