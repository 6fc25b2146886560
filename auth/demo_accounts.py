"""One account per role while the demo organisation is loaded (passwords shown on the sign-in page)."""

from auth.accounts import create, get_account

DEMO_ACCOUNTS = (
    ("demo-admin", "admin", "Demo head of innovation", "demo-admin-password"),
    ("demo-staff", "staff", "Demo staff member", "demo-staff-password"),
    ("demo-trustee", "trustee", "Demo trustee", "demo-trustee-password"),
    ("demo-young-person", "young_person", "Demo young person", "demo-young-person-password"),
)


def ensure_demo_accounts(engine) -> None:
    for username, role, name, password in DEMO_ACCOUNTS:
        if get_account(engine, username) is None:
            create(engine, username, role, password, display_name=name, actor="demo", is_demo=True)


def has_real_admin(engine) -> bool:
    from auth.accounts import listing
    users = listing(engine)
    return bool(((users["role"] == "admin") & ~users["is_demo"].astype(bool) & users["active"].astype(bool)).any())


def load_demo_with_accounts(engine, force: bool = False, **options) -> dict[str, int]:
    """Load the demo organisation and, unless a real admin exists, its demo accounts."""
    from data.demo import load_demo
    counts = load_demo(engine, force=force, **options)
    if not has_real_admin(engine):
        ensure_demo_accounts(engine)
    return counts
