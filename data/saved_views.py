"""Saved explorer views: a name and the explorer's URL query string, on a list the whole staff
forum shares (staff and admins). Saving and deleting are audited.

A view is the query string only, so opening one is opening its link: the explorer reads every
choice from the URL.
"""

from urllib.parse import parse_qsl, urlencode

import pandas as pd
from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from auth.accounts import get
from data import names
from models.audit import record
from models.clock import utcnow
from models.tables import SavedView

VIEWS = SavedView.__table__
MAX_NAME = 100
MAX_QUERY = 4000
MAY_SAVE = ("admin", "staff")
LIST_COLUMNS = ["name", "query", "created_at", "created_by"]
NOT_SAVED = ("present",)  # presentation mode is how a view is shown, not part of it


class SavedViewProblem(ValueError):
    """A view that cannot be saved, found or deleted; the message says why in plain words."""


def clean_name(name: str | None) -> str:
    return names.clean_name(name, "view", MAX_NAME, SavedViewProblem, example="Attendance by programme, last quarter")


def clean_query(query: str | None) -> str:
    """The query string without '?' and without presentation mode; refused when it is not one."""
    query = (query or "").strip().removeprefix("?")
    if len(query) > MAX_QUERY:
        raise SavedViewProblem(f"This view's link is too long to save ({len(query)} characters, at most {MAX_QUERY}).")
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True) if query else []
    except ValueError:
        raise SavedViewProblem("This is not an explorer link: it cannot be saved as a view.") from None
    return urlencode([(key, value) for key, value in pairs if key not in NOT_SAVED])


def _may_save(conn, actor: str | None):
    account = get(conn, actor or "")
    if account is None or not account.active or account.role not in MAY_SAVE:
        raise SavedViewProblem("Only staff and admins can save or delete views.")
    return account


def save_view(engine, name: str, query: str, actor: str | None) -> str:
    """Add the view to the shared list; returns its cleaned name."""
    name, query = clean_name(name), clean_query(query)
    try:
        with engine.begin() as conn:
            account = _may_save(conn, actor)
            taken = conn.execute(select(VIEWS.c.name).where(func.lower(VIEWS.c.name) == name.lower())).first()
            if taken:
                raise _taken(taken.name)
            conn.execute(insert(VIEWS).values(name=name, query=query, created_at=utcnow(), created_by=account.username))
            record(conn, account.username, "saved view created", name=name, query=query)
    except IntegrityError:  # saved by someone else in the meantime
        raise _taken(name) from None
    return name


def _taken(name: str) -> SavedViewProblem:
    return SavedViewProblem(f"There is already a view called '{name}'. Choose another name, or delete the old "
                            "one first.")


def list_views(engine) -> pd.DataFrame:
    """Every saved view, in the order they were saved (the forum's agenda order)."""
    q = select(*(VIEWS.c[c] for c in LIST_COLUMNS)).order_by(VIEWS.c.created_at, VIEWS.c.id)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(q).mappings().all(), columns=LIST_COLUMNS)


def may_delete(view_creator: str, actor: str | None, actor_role: str | None) -> bool:
    """Whoever saved a view may delete it, and so may an admin."""
    return actor_role == "admin" or (actor is not None and actor == view_creator)


def delete_view(engine, name: str, actor: str | None) -> None:
    with engine.begin() as conn:
        account = _may_save(conn, actor)
        row = conn.execute(select(VIEWS.c.id, VIEWS.c.created_by).where(VIEWS.c.name == name)).first()
        if row is None:
            raise SavedViewProblem(f"There is no view called '{name}' (perhaps someone deleted it already).")
        if not may_delete(row.created_by, account.username, account.role):
            raise SavedViewProblem(f"Only {row.created_by}, who saved '{name}', or an admin can delete it.")
        conn.execute(delete(VIEWS).where(VIEWS.c.id == row.id))
        record(conn, account.username, "saved view deleted", name=name)
