"""Figures started early: a page starts its slowest figure on the measures pool, draws what it
already has, and takes the figure where it shows it. The database works while the page and the
browser draw the rest (docs/architecture.md, "From the menu to a chart").

Started calls are kept by the caller's key (store, data version, function and arguments), as the
pages' caches are, so the next view takes the figure at once: at most MAX_ENTRIES, none older than
TTL_SECONDS. A call that failed is not kept. Callers get a copy, never the kept value itself.
"""

import copy
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from measures.parallel import start

MAX_ENTRIES = 256
TTL_SECONDS = 600
_started: OrderedDict = OrderedDict()  # key -> (started at, future)
_lock = threading.Lock()


def started(key: Hashable, call: Callable[[], object]) -> Callable[[], object]:
    """`call()` started now unless a call with this key was started lately; returns what gives its
    result (waiting for it if need be)."""
    with _lock:
        entry = _started.get(key)
        if entry is None or time.monotonic() - entry[0] > TTL_SECONDS:
            entry = (time.monotonic(), start(call))
            _started[key] = entry
        _started.move_to_end(key)
        while len(_started) > MAX_ENTRIES:
            _started.popitem(last=False)
    future = entry[1]

    def result():
        try:
            return copy.deepcopy(future.result())
        except Exception:
            with _lock:
                if _started.get(key, (None, None))[1] is future:
                    del _started[key]
            raise
    return result


def forget_all() -> None:
    """Drops every started figure (tests; an erasure, which must leave no figure behind it)."""
    with _lock:
        _started.clear()
