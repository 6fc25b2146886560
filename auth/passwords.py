"""Password rules and bcrypt hashing."""

from functools import cache

import bcrypt

MIN_LENGTH = 12
MAX_BYTES = 72  # bcrypt ignores (bcrypt 5: refuses) anything longer


@cache
def _dummy_hash() -> str:
    """A valid hash of a made-up password: checking against it costs as much as a real check, so
    an unknown or locked account takes the same time to refuse as a wrong password. Made on first
    use, not on import (every command line run would pay for it)."""
    return bcrypt.hashpw(b"not-a-real-password-at-all", bcrypt.gensalt()).decode()


class PasswordRejected(ValueError):
    """The message says, in plain words, what is wrong with the password."""


def check_policy(password: str) -> None:
    # The sign-in form (streamlit-authenticator) strips spaces from what is typed before
    # checking it: a password starting or ending with a space could never sign in.
    if not password.strip():
        raise PasswordRejected("The password cannot be only spaces: use letters, digits or symbols.")
    if password != password.strip():
        raise PasswordRejected("The password cannot start or end with a space (or a tab or line break): "
                               "the sign-in form leaves those out, so it would never work. Remove them.")
    if len(password) < MIN_LENGTH:
        raise PasswordRejected(f"The password must be at least {MIN_LENGTH} characters long.")
    if len(password.encode("utf-8")) > MAX_BYTES:
        raise PasswordRejected(f"The password is too long: at most {MAX_BYTES} bytes (about {MAX_BYTES} "
                               "plain letters; accented letters and emoji count as several).")


def hash_password(password: str) -> str:
    check_policy(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode()


def verify(password: str, hashed: str | None) -> bool:
    """True when `password` matches; always spends one bcrypt check, even without a hash."""
    candidate = password.encode("utf-8")
    if len(candidate) > MAX_BYTES:
        candidate = candidate[:MAX_BYTES]
        hashed = None  # never accepted, but still spend the same time
    try:
        matched = bcrypt.checkpw(candidate, (hashed or _dummy_hash()).encode())
    except ValueError:
        return False
    return matched and hashed is not None
