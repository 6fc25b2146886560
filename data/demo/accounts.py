"""One account per role while the demo organisation is loaded, and nothing else is in the store.

The demo passwords are random, made for each installation when the demo accounts are created.
They are printed on the server's console and kept in the setting `demo_passwords`, where the
sign-in page reads them to show a browser on the same machine (components/sign_in_help.py).
The first real account of any role, the first record saved by a form and an import of real data
remove the demo accounts and their passwords, in the same transaction as the change itself."""

import json
import secrets

from sqlalchemy import delete, insert, select

from auth.accounts import DEMO_PASSWORDS_SETTING as PASSWORDS_SETTING
from auth.accounts import create, get_account, listing
from models.tables import Setting, User

DEMO_ACCOUNTS = (
    ("demo-admin", "admin", "Demo head of innovation"),
    ("demo-staff", "staff", "Demo staff member"),
    ("demo-trustee", "trustee", "Demo trustee"),
    ("demo-young-person", "young_person", "Demo young person"),
)
USERS = User.__table__
SETTINGS = Setting.__table__


def new_demo_password() -> str:
    return secrets.token_urlsafe(12)   # 16 characters, about 96 bits


def ensure_demo_accounts(engine) -> dict[str, str]:
    """Create the demo accounts missing, each with a new random password; keep the passwords for
    the sign-in page and print them on the console. Returns {username: password} of those made."""
    made = {}
    for username, role, name in DEMO_ACCOUNTS:
        if get_account(engine, username) is None:
            password = new_demo_password()
            create(engine, username, role, password, display_name=name, actor="demo", is_demo=True)
            made[username] = password
    if made:
        with engine.begin() as conn:
            kept = {**_stored_passwords(conn), **made}
            conn.execute(delete(SETTINGS).where(SETTINGS.c.key == PASSWORDS_SETTING))
            conn.execute(insert(SETTINGS).values(key=PASSWORDS_SETTING, value=json.dumps(kept)))
        print("Demo accounts created (made-up demo data; these go when a real account or record is added):",
              flush=True)
        for username, password in made.items():
            print(f"  {username}  password: {password}", flush=True)
    return made


def demo_passwords(engine) -> dict[str, str]:
    """{username: password} of the demo accounts that exist now, in DEMO_ACCOUNTS order."""
    with engine.connect() as conn:
        stored = _stored_passwords(conn)
        present = set(conn.execute(select(USERS.c.username).where(USERS.c.is_demo.is_(True))).scalars())
    return {u: stored[u] for u, _, _ in DEMO_ACCOUNTS if u in present and u in stored}


def demo_password(engine, username: str) -> str:
    """This installation's password of one demo account (for tests and the console). KeyError if none."""
    return demo_passwords(engine)[username]


def _stored_passwords(conn) -> dict[str, str]:
    raw = conn.execute(select(SETTINGS.c.value).where(SETTINGS.c.key == PASSWORDS_SETTING)).scalar()
    return json.loads(raw) if raw else {}


def has_real_account(engine) -> bool:
    """Whether any account that is not a demo account exists (active or not)."""
    with engine.connect() as conn:
        return conn.execute(select(USERS.c.username).where(USERS.c.is_demo.isnot(True)).limit(1)).first() is not None


def has_real_admin(engine) -> bool:
    users = listing(engine)
    return bool(((users["role"] == "admin") & ~users["is_demo"].astype(bool) & users["active"].astype(bool)).any())


def load_demo_with_accounts(engine, force: bool = False, **options) -> dict[str, int]:
    """Load the demo organisation and, unless a real account exists, its demo accounts."""
    from data.demo.organisation import load_demo
    counts = load_demo(engine, force=force, **options)
    if not has_real_account(engine):
        ensure_demo_accounts(engine)
    return counts
