"""A person's own choices about how the app looks to them, kept on their account: easy read on
the pages young people see (components/easy_read.py).

An account that never chose keeps None and gets its role's default: on for young people, off for
everyone else. A display choice changes no records and no figure, so it is not audited and does
not move the data version.
"""

from sqlalchemy import select, update

from auth.accounts import AccountError, normalise
from models.tables import User

USERS = User.__table__
EASY_READ_BY_DEFAULT = frozenset({"young_person"})


def easy_read_default(role: str | None) -> bool:
    """Easy read for an account that never chose: on for young people."""
    return role in EASY_READ_BY_DEFAULT


def easy_read_for(engine, username: str) -> bool | None:
    """The account's own choice of easy read; None when it never chose (or there is no such account)."""
    with engine.connect() as conn:
        return conn.execute(select(USERS.c.easy_read).where(USERS.c.username == normalise(username))).scalar()


def set_easy_read(engine, username: str, on: bool) -> None:
    """Keep the account's choice of easy read; AccountError when there is no such account."""
    with engine.begin() as conn:
        changed = conn.execute(update(USERS).where(USERS.c.username == normalise(username))
                               .values(easy_read=bool(on))).rowcount
    if not changed:
        raise AccountError(f"There is no account called '{normalise(username)}'.")
