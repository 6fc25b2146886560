"""Independent measures computed side by side on one pool for the whole process.

Both databases run a page's independent queries at the same time: SQLite lets other Python
threads go on while a query runs, so on two cores a cold page waits about half as long. One
small pool for the process means many people at once never hold more than a few extra
connections. A function run here must not itself wait on this pool.
"""

from concurrent.futures import Future, ThreadPoolExecutor

_POOL = ThreadPoolExecutor(max_workers=3, thread_name_prefix="measures")


def run_side_by_side(calls: dict[str, tuple]) -> dict:
    """`{name: (function, *args)}` -> `{name: function(*args)}`, run side by side. Put the
    slowest calls first: they start first."""
    futures = {name: _POOL.submit(function, *args) for name, (function, *args) in calls.items()}
    return {name: future.result() for name, future in futures.items()}


def start(function, *args) -> Future:
    """`function(*args)` started on the pool; the future gives its result."""
    return _POOL.submit(function, *args)
