"""A snapshot's content to and from JSON text.

Frames, dates and numpy numbers become plain JSON; a SUPPRESSED figure becomes null and its
place is listed under "suppressed" (as in `manage.py measures --json`), so that reading the
content back gives the SUPPRESSED markers the pure chart builders and the wording expect.
No value of a suppressed figure is ever written.
"""

import json
import math
from datetime import date, datetime

import numpy as np
import pandas as pd

from measures.suppression import SUPPRESSED, is_suppressed

FRAME = "__frame__"
SUPPRESSED_KEY = "suppressed"


def _plain(value, path: list, found: list):
    if is_suppressed(value):
        found.append(path)
        return None
    if isinstance(value, pd.DataFrame):
        columns = [str(c) for c in value.columns]
        rows = [[_plain(cell, [*path, "rows", i, j], found) for j, cell in enumerate(row)]
                for i, row in enumerate(value.itertuples(index=False, name=None))]
        return {FRAME: True, "columns": columns, "rows": rows}
    if isinstance(value, dict):
        return {str(key): _plain(item, [*path, str(key)], found) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, [*path, i], found) for i, item in enumerate(value)]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def dumps(content: dict) -> str:
    """JSON text of `content` (a dict of figures and frames, with SUPPRESSED markers)."""
    found: list = []
    plain = _plain(content, [], found)
    if SUPPRESSED_KEY in plain:
        raise ValueError(f"'{SUPPRESSED_KEY}' is reserved at the top of a snapshot's content")
    plain[SUPPRESSED_KEY] = found
    return json.dumps(plain, ensure_ascii=False, sort_keys=True)


def _mark(tree, path: list) -> None:
    *parents, last = path
    for step in parents:
        tree = tree[step]
    tree[last] = SUPPRESSED


def _frames(tree):
    if isinstance(tree, dict):
        if tree.get(FRAME):
            return pd.DataFrame(tree["rows"], columns=tree["columns"], dtype=object).infer_objects()
        return {key: _frames(value) for key, value in tree.items()}
    if isinstance(tree, list):
        return [_frames(item) for item in tree]
    return tree


def loads(text: str) -> dict:
    """The content back: frames as DataFrames, SUPPRESSED where it was."""
    plain = json.loads(text)
    for path in plain.pop(SUPPRESSED_KEY, []):
        _mark(plain, path)
    return _frames(plain)
