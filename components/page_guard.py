"""Pages draw only when the app shell runs them, for a role that may see them.

Streamlit can execute a file under pages/ straight from its URL before app.py has run (see
docs/decisions.md). Each page file therefore ends with `page_entry(PAGE_ID, render)` (in
`components.app_shell`): it draws the page only while the shell runs it for a role the registry
allows (`may_render`, here); otherwise it hands over to the shell, which signs the person in,
checks the role and runs the page it chose. This module imports nothing of the shell.
"""

import threading
from contextlib import contextmanager

from components.registry import allowed

_local = threading.local()


@contextmanager
def running_page(page_id: str, role: str):
    _local.page_id, _local.role = page_id, role
    try:
        yield
    finally:
        _local.page_id = _local.role = None


def may_render(page_id: str) -> bool:
    return getattr(_local, "page_id", None) == page_id and allowed(page_id, getattr(_local, "role", None))
