"""Figures kept in memory until a table they read is written to (docs/decisions.md, "Figures
kept until their tables change").

The pages' caches are keyed by the store's data version, which moves with any write: a register
saved made the overview work out the year's skill pairs and principle ratings again (0.5 s at
scale XL), though neither reads attendance. A measure decorated with `kept_until_changed(tables)`
is kept per engine and arguments together with the numbers of writes to those tables
(models/table_changes.py, read before the figure's own rows), and worked out again only when one
of them moves. The list of tables is the measure's promise: tests/test_kept_until_changed.py
checks it against the SQL each one sends.

Only on PostgreSQL, and only given an Engine: elsewhere the measure simply runs. Bounded: the
MAX_ENTRIES most recent figures, none older than TTL_SECONDS. Callers get a copy, never the kept
value itself.
"""

import copy
import functools
import threading
import time
from collections import OrderedDict

from sqlalchemy.engine import Engine

from models.table_changes import changes_of

MAX_ENTRIES = 64
TTL_SECONDS = 3600
_kept: OrderedDict = OrderedDict()  # key -> (kept at, value)
_lock = threading.Lock()


def kept_until_changed(*tables: str):
    """Decorates `measure(engine, ...)`: kept while `tables` (every table it reads) are unwritten."""
    def decorate(measure):
        @functools.wraps(measure)
        def kept(engine, *args, **kwargs):
            if not isinstance(engine, Engine):
                return measure(engine, *args, **kwargs)
            with engine.connect() as conn:
                changes = changes_of(conn, tables)
            if changes is None:
                return measure(engine, *args, **kwargs)
            key = (repr(engine.url), measure.__module__, measure.__qualname__, repr(args), repr(sorted(kwargs.items())),
                   changes)
            found = _look_up(key)
            if found is not None:
                return copy.deepcopy(found)
            value = measure(engine, *args, **kwargs)
            _keep(key, copy.deepcopy(value))
            return value
        kept.reads = tables
        return kept
    return decorate


def _look_up(key):
    with _lock:
        entry = _kept.get(key)
        if entry is None:
            return None
        kept_at, value = entry
        if time.monotonic() - kept_at > TTL_SECONDS:
            del _kept[key]
            return None
        _kept.move_to_end(key)
        return value


def _keep(key, value) -> None:
    with _lock:
        _kept[key] = (time.monotonic(), value)
        _kept.move_to_end(key)
        while len(_kept) > MAX_ENTRIES:
            _kept.popitem(last=False)


def forget_all() -> None:
    """Drops every kept figure (tests; an erasure, which must leave no figure behind it)."""
    with _lock:
        _kept.clear()
