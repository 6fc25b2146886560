"""The key that signs sign-in cookies: never a default, and never in the data store.

Taken from Streamlit secrets (`cookie_key`) or the environment (`COPROD_COOKIE_KEY`); otherwise
generated randomly once per installation and kept in a file of its own, readable by its owner
only (mode 0600): `.streamlit/cookie_key` beside the app, or the path in `COPROD_COOKIE_KEY_FILE`.
Whoever holds the key can make cookies that sign in as anyone, so it must not travel with the
backups of the store (nor into git: `.gitignore` lists the file).

Earlier versions kept the generated key in the store's settings: a key found there is moved to
the file (signed-in cookies keep working) and deleted from the store.
"""

import os
import secrets
from pathlib import Path

from sqlalchemy import delete

from models.settings import get_setting
from models.tables import Setting

ENV_VARIABLE = "COPROD_COOKIE_KEY"
FILE_ENV_VARIABLE = "COPROD_COOKIE_KEY_FILE"
DEFAULT_FILE = Path(__file__).resolve().parent.parent / ".streamlit" / "cookie_key"
SETTING = "cookie_key"  # where earlier versions kept the generated key, in the store
MIN_LENGTH = 32
# Keys copied from documentation and examples: anyone could forge cookies signed with them.
KNOWN_DEFAULTS = {"some_signature_key", "random_signature_key", "some_key", "abcdef", "secret", "key",
                  "changeme", "change-me", "cookie_key", "your_secret_key", "streamlit"}


class InsecureCookieKey(RuntimeError):
    pass


def check(key: str, source: str) -> str:
    if key.strip().lower() in KNOWN_DEFAULTS:
        raise InsecureCookieKey(f"The cookie key from {source} is a well-known default: set a random one "
                                f"(for example: python -c 'import secrets; print(secrets.token_urlsafe(32))').")
    if len(key) < MIN_LENGTH:
        raise InsecureCookieKey(f"The cookie key from {source} is shorter than {MIN_LENGTH} characters.")
    return key


def key_file() -> Path:
    return Path(os.environ.get(FILE_ENV_VARIABLE) or DEFAULT_FILE)


def cookie_key(engine, from_secrets: str | None = None) -> str:
    if from_secrets:
        key = check(from_secrets, "Streamlit secrets (cookie_key)")
    elif os.environ.get(ENV_VARIABLE):
        key = check(os.environ[ENV_VARIABLE], f"the {ENV_VARIABLE} environment variable")
    else:
        return _key_from_file(engine, key_file())
    _forget_stored_key(engine)  # not used: no reason to keep it in every backup
    return key


def _key_from_file(engine, path: Path) -> str:
    if not path.exists():
        stored = get_setting(engine, SETTING)
        _create(path, stored if isinstance(stored, str) and stored else secrets.token_urlsafe(48))
    key = _read(path)
    _forget_stored_key(engine)  # only once the file holds a key
    return key


def _create(path: Path, key: str) -> None:
    """Write the key to `path`, mode 0600, unless a file is there already (another process, first).

    The key goes to a new file of its own (O_CREAT | O_EXCL, mode 0600), which is then linked to
    `path`: the link fails if `path` exists, and a reader never sees a half-written key.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    draft = path.with_name(f"{path.name}.{secrets.token_hex(8)}.new")
    fd = os.open(draft, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(key + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process wrote it first: use theirs
    finally:
        draft.unlink(missing_ok=True)


def _read(path: Path) -> str:
    if os.name == "posix" and path.stat().st_mode & 0o077:
        raise InsecureCookieKey(f"The cookie key file {path} can be read by others than its owner: "
                                f"make it private with `chmod 600 {path}`.")
    return check(path.read_text(encoding="utf-8").strip(), f"the file {path}")


def _forget_stored_key(engine) -> None:
    if get_setting(engine, SETTING) is None:  # the usual case: read only, no write lock every run
        return
    with engine.begin() as conn:
        conn.execute(delete(Setting).where(Setting.key == SETTING))
