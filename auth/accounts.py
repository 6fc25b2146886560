"""Accounts in the store: create, change, deactivate, unlock, and sign-in checks.

Every change is audited in the same transaction. Sign-out, password resets, role changes and
deactivation end the person's sessions and sign-in cookies (see `session_still_valid`).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import delete, insert, select, update

from auth import lockout
from auth.passwords import hash_password, verify
from models.audit import record
from models.clock import utcnow
from models.tables import Setting, User

USERS = User.__table__
SETTINGS = Setting.__table__
DEMO_PASSWORDS_SETTING = "demo_passwords"   # {username: password} of the demo accounts (data/demo/accounts.py)
ROLES = ("admin", "staff", "trustee", "young_person")
ROLE_NAMES = {"admin": "Admin (head of innovation)", "staff": "Staff", "trustee": "Trustee",
              "young_person": "Young person"}
SIGN_IN_FAILED = "Username or password is incorrect, or the account is locked. Try again in a few minutes."


class AccountError(ValueError):
    """A change that cannot be made; the message says why in plain words."""


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    active: bool
    is_demo: bool
    sessions_revoked_at: datetime | None
    session_version: int = 0


def normalise(username: str) -> str:
    return (username or "").strip().lower()


def is_valid_username(username: str) -> bool:
    """1-64 letters, digits, dots, dashes or underscores: never a colon or a space, so the keys
    auth/lockout.py stores for addresses and unknown names ("address:...", "unknown:...") and the
    command line's actor ("command line (...)") can never be a username."""
    return (0 < len(username) <= 64
            and username.replace("_", "").replace(".", "").replace("-", "").isalnum())


def get(conn, username: str) -> Account | None:
    row = conn.execute(select(USERS).where(USERS.c.username == normalise(username))).mappings().first()
    if row is None:
        return None
    return Account(row["username"], row["display_name"], row["role"], row["active"], row["is_demo"],
                   row["sessions_revoked_at"], row["session_version"])


def create(engine, username: str, role: str, password: str, display_name: str | None = None,
           actor: str = "manage.py", is_demo: bool = False) -> Account:
    username = normalise(username)
    if not is_valid_username(username):
        raise AccountError("A username is 1-64 letters, digits, dots, dashes or underscores.")
    if role not in ROLES:
        raise AccountError(f"Unknown role '{role}': use one of {', '.join(ROLES)}.")
    hashed = hash_password(password)
    with engine.begin() as conn:
        if get(conn, username):
            raise AccountError(f"There is already an account called '{username}'.")
        conn.execute(insert(USERS).values(username=username, display_name=display_name or username, role=role,
                                          password_hash=hashed, active=True, is_demo=is_demo, created_at=utcnow()))
        record(conn, actor, "user created", username=username, role=role)
        if not is_demo:  # the first real account of any role: the demo sign-ins go
            remove_demo_accounts(conn, actor)
    return get_account(engine, username)


def get_account(engine, username: str) -> Account | None:
    with engine.connect() as conn:
        return get(conn, username)


def _change(engine, username: str, actor: str, action: str, revoke: bool = False, **values) -> None:
    with engine.begin() as conn:
        if get(conn, username) is None:
            raise AccountError(f"There is no account called '{normalise(username)}'.")
        if revoke:
            values.update(_revocation())
        conn.execute(update(USERS).where(USERS.c.username == normalise(username)).values(**values))
        record(conn, actor, action, username=normalise(username),
               **{k: v for k, v in values.items() if k in ("role", "active", "display_name")})


def set_role(engine, username: str, role: str, actor: str) -> None:
    if role not in ROLES:
        raise AccountError(f"Unknown role '{role}': use one of {', '.join(ROLES)}.")
    _change(engine, username, actor, "role changed", revoke=True, role=role)


def reset_password(engine, username: str, password: str, actor: str) -> None:
    _change(engine, username, actor, "password reset", revoke=True, password_hash=hash_password(password))


def set_active(engine, username: str, active: bool, actor: str) -> None:
    _change(engine, username, actor, "user reactivated" if active else "user deactivated", revoke=not active,
            active=active)


def unlock(engine, username: str, actor: str) -> int:
    with engine.begin() as conn:
        cleared = lockout.unlock(conn, normalise(username))
        record(conn, actor, "user unlocked", username=normalise(username), failures_cleared=cleared)
    return cleared


def revoke_sessions(engine, username: str, actor: str, action: str = "signed out") -> None:
    """Sign-out: cookies issued up to now stop working, on every device."""
    with engine.begin() as conn:
        conn.execute(update(USERS).where(USERS.c.username == normalise(username)).values(**_revocation()))
        record(conn, actor, action, username=normalise(username))


def check_sign_in(engine, username: str, password: str, now: datetime | None = None,
                  address: str | None = None) -> Account | None:
    """The account when the password is right and the account active and unlocked, else None.

    Unknown, locked, inactive and wrong-password cases all cost one bcrypt check and leave
    the same trace for the caller (None); the audit log tells them apart for admins.

    `address` is the client's address (None when unknown): besides the username's own limit,
    too many failures from one address lock it, whatever usernames were tried. The lock is
    checked and the attempt recorded (as failed until the password proves right) in one
    serialised transaction, before the bcrypt check: parallel tries cannot pass the limit.
    A username without an account is stored only as a hash (it may be a mistyped password).
    """
    now = now or utcnow()
    name = normalise(username)
    with engine.begin() as conn:
        lockout.serialise(conn)
        row = conn.execute(select(USERS.c.password_hash, USERS.c.active).where(USERS.c.username == name)).first()
        who = name if row is not None else lockout.unknown_user_key(name)
        until = lockout.locked_until(conn, who, now)
        address_until = lockout.address_locked_until(conn, address, now)
        if until is not None or address_until is not None:
            lock_ends = max(t for t in (until, address_until) if t is not None)
            record(conn, who, "sign-in refused: locked", until=lock_ends.isoformat(timespec="minutes"),
                   locked="address" if until is None else "username")
            attempt = address_attempt = None
        else:
            attempt = lockout.record_attempt(conn, who, now, succeeded=False)
            address_attempt = (lockout.record_attempt(conn, lockout.address_key(address), now, succeeded=False)
                               if address else None)
    # The password check, outside the transaction so others do not wait for bcrypt.
    matched = verify(password, row.password_hash if row is not None and attempt is not None else None)
    if attempt is None:
        return None
    ok = matched and row is not None and row.active
    with engine.begin() as conn:
        if ok:
            lockout.mark_succeeded(conn, attempt)
            if address_attempt is not None:
                lockout.forget_attempt(conn, address_attempt)  # only failures count against an address
            record(conn, name, "signed in")
            return get(conn, name)
        record(conn, who, "sign-in failed", reason="unknown user" if row is None else
               "inactive account" if not row.active else "wrong password")
        locked = lockout.locked_until(conn, who, now)
        if locked is not None:
            record(conn, who, "account locked", until=locked.isoformat(timespec="minutes"))
        address_locked = lockout.address_locked_until(conn, address, now)
        if address_locked is not None:
            record(conn, None, "address locked", address=lockout.address_key(address)[:24],
                   until=address_locked.isoformat(timespec="minutes"))
        return None


def _revocation() -> dict:
    """The column values that end every session and cookie of an account (see `session_still_valid`)."""
    return {"sessions_revoked_at": utcnow(), "session_version": USERS.c.session_version + 1}


# How far a cookie's expiry may lie beyond now + its lifetime: clocks and the time between the
# library stamping the cookie and this check.
COOKIE_CLOCK_ALLOWANCE = timedelta(seconds=60)


def cookie_issued_at(exp_date, lifetime: timedelta, now: datetime | None = None) -> datetime | None:
    """When a sign-in cookie with this `exp_date` (seconds since the epoch) was issued: its expiry
    minus the cookie lifetime. None, to be treated as signed out, when the expiry is not a number
    or lies further ahead than a cookie issued now could reach (now + lifetime + the allowance):
    such a token was not made by the sign-in form, and would otherwise dodge every revocation."""
    if isinstance(exp_date, bool) or not isinstance(exp_date, int | float):
        return None
    now = now or utcnow()
    try:
        expires_at = datetime.fromtimestamp(exp_date, UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if expires_at > now + lifetime + COOKIE_CLOCK_ALLOWANCE:
        return None
    return expires_at - lifetime


def session_still_valid(account: Account | None, issued_at: datetime, version: int | None = None) -> bool:
    """A sign-in from `issued_at` is still good for this account.

    How sessions end, on the server (the library's cookie cannot be recalled from the browser):

    - Every sign-out, password reset, role change and deactivation sets `sessions_revoked_at` to
      now and raises the account's `session_version` by one, in the same update.
    - A signed-in session (`st.session_state`) keeps the `version` it signed in with (read with
      the account in the sign-in's own transaction): it is good only while the account's version
      is still that one. An exact check, with no clock in it.
    - A sign-in cookie is the library's JWT, {username, exp_date}: it cannot carry the version
      (`version` None here). Its issue time is implied by its expiry (`cookie_issued_at`: expiry
      minus lifetime, refused when the expiry lies beyond now + lifetime), and it is good only
      when issued after the account's last revocation. The session it opens then takes the
      account's version current at that moment, and the exact check takes over.
    - An inactive or missing account is never good.
    """
    if account is None or not account.active:
        return False
    if version is not None and version != account.session_version:
        return False
    return account.sessions_revoked_at is None or issued_at > account.sessions_revoked_at


def listing(engine, now: datetime | None = None) -> pd.DataFrame:
    """Every account, with when its lockout ends (empty when not locked)."""
    q = select(USERS.c.username, USERS.c.display_name, USERS.c.role, USERS.c.active, USERS.c.is_demo,
               USERS.c.created_at).order_by(USERS.c.username)
    now = now or utcnow()
    with engine.connect() as conn:
        rows = [dict(r, locked_until=lockout.locked_until(conn, r["username"], now))
                for r in conn.execute(q).mappings().all()]
    return pd.DataFrame(rows, columns=["username", "display_name", "role", "active", "is_demo", "created_at",
                                       "locked_until"])


def credentials(engine) -> dict:
    """The dict streamlit-authenticator expects, for active accounts (hashes never leave the store
    otherwise)."""
    q = select(USERS.c.username, USERS.c.display_name, USERS.c.role, USERS.c.password_hash).where(
        USERS.c.active.is_(True))
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    return {"usernames": {r.username: {"name": r.display_name, "password": r.password_hash, "roles": [r.role],
                                       "email": None} for r in rows}}


def remove_demo_accounts(conn, actor: str = "demo") -> int:
    """Inside the caller's transaction: delete the demo accounts and their passwords (anyone
    signed in with one is signed out on their next run). Returns how many accounts went."""
    removed = conn.execute(delete(USERS).where(USERS.c.is_demo.is_(True))).rowcount
    conn.execute(delete(SETTINGS).where(SETTINGS.c.key == DEMO_PASSWORDS_SETTING))
    if removed:
        record(conn, actor, "demo accounts removed", count=removed)
    return removed
