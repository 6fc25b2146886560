"""Lockout: 5 failed sign-ins for a username within 5 minutes lock it for 15 minutes; 20 failed
sign-ins from one client address within 5 minutes (whatever the usernames: password spraying)
lock that address for 15 minutes.

Attempts are kept in the store, so a restart does not unlock anyone. An admin's unlock clears
the failures that count. An address's failures are rows of `login_attempts` too, under a key
that can never be a username (see `address_key`), so no migration was needed.

Checking the lock and recording the attempt happen in one serialised transaction
(`serialise`), before the password is checked: attempts made at the same moment cannot all
get past the limit.
"""

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, insert, select, text, update

from models.tables import LoginAttempt

ATTEMPTS = LoginAttempt.__table__
MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
WINDOW = timedelta(minutes=5)
LOCK_FOR = timedelta(minutes=15)
# Usernames are letters, digits, dots, dashes and underscores (auth/accounts.py): a key with a
# colon can never be one.
ADDRESS_PREFIX = "address:"
UNKNOWN_PREFIX = "unknown:"
_PG_SIGN_IN_LOCK = 0x5167_6E49  # any constant: the advisory lock that serialises sign-in checks


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def address_key(address: str) -> str:
    """The key an address's failures are kept under (the address itself is not stored)."""
    return ADDRESS_PREFIX + _digest(address)


def unknown_user_key(username: str) -> str:
    """What is stored for a username without an account: it may be a password typed in the
    wrong box, so only a short hash of it is kept."""
    return UNKNOWN_PREFIX + _digest(username)[:16]


def serialise(conn) -> None:
    """Make the caller's transaction the only one checking sign-ins until it ends. Call it
    first thing in the transaction (on SQLite it must open it: BEGIN IMMEDIATE takes the write
    lock at once; other writers wait for it, up to the busy timeout)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif dialect == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_SIGN_IN_LOCK})


def _failures(username: str, since: datetime):
    return and_(ATTEMPTS.c.username == username, ATTEMPTS.c.succeeded.is_(False), ATTEMPTS.c.at > since)


def locked_until(conn, username: str, now: datetime, max_failures: int = MAX_FAILURES) -> datetime | None:
    """When the lock on `username` (or an address key) ends, or None when it is not locked at `now`.

    The lock starts at any failure that completed `max_failures` failures within 5 minutes, and
    lasts 15 minutes from then: only failures of the last 20 minutes can matter. Attempts refused
    because of the lock are not recorded as failures, so they do not extend it.
    """
    since = now - WINDOW - LOCK_FOR
    last_success = conn.execute(select(func.max(ATTEMPTS.c.at)).where(
        ATTEMPTS.c.username == username, ATTEMPTS.c.succeeded.is_(True))).scalar()
    if last_success is not None and last_success > since:
        since = last_success  # a successful sign-in wipes the slate
    times = list(conn.execute(select(ATTEMPTS.c.at).where(_failures(username, since))
                              .order_by(ATTEMPTS.c.at)).scalars())
    for i in range(max_failures - 1, len(times)):
        if times[i] - times[i - max_failures + 1] <= WINDOW and times[i] + LOCK_FOR > now:
            return times[i] + LOCK_FOR
    return None


def address_locked_until(conn, address: str | None, now: datetime) -> datetime | None:
    if not address:
        return None
    return locked_until(conn, address_key(address), now, MAX_ADDRESS_FAILURES)


def record_attempt(conn, username: str, now: datetime, succeeded: bool) -> int:
    """Add an attempt; returns its id (an attempt recorded as failed before the password check
    is turned into a success by `mark_succeeded`)."""
    return conn.execute(insert(ATTEMPTS).values(username=username, at=now, succeeded=succeeded)
                        ).inserted_primary_key[0]


def mark_succeeded(conn, attempt_id: int) -> None:
    conn.execute(update(ATTEMPTS).where(ATTEMPTS.c.id == attempt_id).values(succeeded=True))


def forget_attempt(conn, attempt_id: int) -> None:
    conn.execute(delete(ATTEMPTS).where(ATTEMPTS.c.id == attempt_id))


def unlock(conn, username: str) -> int:
    """Forget the failures that could lock `username`; returns how many were cleared."""
    result = conn.execute(delete(ATTEMPTS).where(ATTEMPTS.c.username == username, ATTEMPTS.c.succeeded.is_(False)))
    return result.rowcount


def failures_since(conn, username: str, since: datetime) -> int:
    return conn.execute(select(func.count()).where(_failures(username, since))).scalar_one()
