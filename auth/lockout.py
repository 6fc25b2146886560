"""Lockout: 5 failed sign-ins for a username within 5 minutes lock it for 15 minutes.

Attempts are kept in the store, so a restart does not unlock anyone. An admin's unlock clears
the failures that count.
"""

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, insert, select

from models.tables import LoginAttempt

ATTEMPTS = LoginAttempt.__table__
MAX_FAILURES = 5
WINDOW = timedelta(minutes=5)
LOCK_FOR = timedelta(minutes=15)


def _failures(username: str, since: datetime):
    return and_(ATTEMPTS.c.username == username, ATTEMPTS.c.succeeded.is_(False), ATTEMPTS.c.at > since)


def locked_until(conn, username: str, now: datetime) -> datetime | None:
    """When the lock on `username` ends, or None when it is not locked at `now`.

    The lock starts at any failure that completed 5 failures within 5 minutes, and lasts
    15 minutes from then: only failures of the last 20 minutes can matter. Attempts refused
    because of the lock are not recorded as failures, so they do not extend it.
    """
    since = now - WINDOW - LOCK_FOR
    last_success = conn.execute(select(func.max(ATTEMPTS.c.at)).where(
        ATTEMPTS.c.username == username, ATTEMPTS.c.succeeded.is_(True))).scalar()
    if last_success is not None and last_success > since:
        since = last_success  # a successful sign-in wipes the slate
    times = list(conn.execute(select(ATTEMPTS.c.at).where(_failures(username, since))
                              .order_by(ATTEMPTS.c.at)).scalars())
    for i in range(MAX_FAILURES - 1, len(times)):
        if times[i] - times[i - MAX_FAILURES + 1] <= WINDOW and times[i] + LOCK_FOR > now:
            return times[i] + LOCK_FOR
    return None


def record_attempt(conn, username: str, now: datetime, succeeded: bool) -> None:
    conn.execute(insert(ATTEMPTS).values(username=username, at=now, succeeded=succeeded))


def unlock(conn, username: str) -> int:
    """Forget the failures that could lock `username`; returns how many were cleared."""
    result = conn.execute(delete(ATTEMPTS).where(ATTEMPTS.c.username == username, ATTEMPTS.c.succeeded.is_(False)))
    return result.rowcount


def failures_since(conn, username: str, since: datetime) -> int:
    return conn.execute(select(func.count()).where(_failures(username, since))).scalar_one()
