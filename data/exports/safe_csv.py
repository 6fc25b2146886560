"""CSV export that is safe to open in a spreadsheet (no formula injection).

The rule itself lives in `data.exports.safe_export.neutralise` (shared with the Excel downloads): text
cells starting with = + - @ tab or carriage return get a leading single quote. Numbers stay
numbers: -3 is written as -3. Column names are treated like text cells. Pure module: no
Streamlit import, so every export (page downloads, reports) shares it.
"""

from __future__ import annotations

import pandas as pd

from data.exports.safe_export import FORMULA_PREFIXES, neutralise

__all__ = ["FORMULA_PREFIXES", "neutralise", "safe_csv"]


def safe_csv(df: pd.DataFrame, *, index: bool = False, bom: bool = True) -> bytes:
    """``df`` as UTF-8 CSV bytes (RFC 4180, CRLF) with formula-like text cells neutralised.

    ``bom=True`` starts the file with a UTF-8 byte-order mark so Excel reads accented
    names correctly (pandas.read_csv skips it).
    """
    out = df.copy()
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    if index:
        out.index = out.index.map(neutralise)
    for col in range(out.shape[1]):
        series = out.iloc[:, col]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue  # numbers, booleans and dates cannot carry a formula
        # Built as objects, not with Series.map, which would turn whole numbers beside a blank
        # into floats (a file would say 10.0 young people).
        out.isetitem(col, pd.Series([neutralise(v) for v in series], index=series.index, dtype=object))
    # CRLF line ends (RFC 4180) make the writer quote cells holding a bare CR or LF: an
    # unquoted CR would start a new row whose first cell could be a formula.
    text = out.to_csv(index=index, lineterminator="\r\n")
    return text.encode("utf-8-sig" if bom else "utf-8")
