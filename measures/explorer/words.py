"""The explorer's results in words: values as people write them, one plain sentence that says
what the chart shows, and the table of numbers behind it (suppressed groups say "fewer than k")."""

import pandas as pd

from measures import formatting
from measures.explorer.catalogue import DIMENSIONS, MEASURES


def _days(value) -> str:
    """Whole days as '29 days'; part of a day to one decimal: '12.5 days'."""
    if formatting.missing(value) or float(value).is_integer():
        return formatting.days(value)
    return f"{formatting.mean(value)} {formatting.noun(formatting.rounded(value, 'mean'), 'day')}"


WRITERS = {"share": formatting.share, "mean": formatting.mean, "change": formatting.signed, "days": _days,
           "hours": formatting.hours, "count": formatting.count}


def format_value(value, kind: str) -> str:
    """84%, 3.6, +1.2, 1,234, 29 days, as `measures.formatting` writes them (half up)."""
    return WRITERS.get(kind, formatting.count)(value)


def shown_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The groups that may be drawn: not suppressed, with a value."""
    return frame[~frame["suppressed"].astype(bool) & frame["value"].notna()]


def group_name(row, by: str | None) -> str:
    return f"{row['label']}, {row['label2']}" if by else str(row["label"])


def sentence(frame: pd.DataFrame, measure: str, dimension: str, by: str | None, k: int) -> str:
    """What the chart shows, in one or two plain sentences (never a hidden figure), saying how many
    groups are not shown: on a projector it is the only text beside the chart."""
    said = _what_is_shown(frame, measure, dimension, by, k)
    hidden = int(frame["suppressed"].astype(bool).sum()) if len(shown_rows(frame)) else 0
    if hidden:
        said += (f" {hidden} other group{'s are' if hidden != 1 else ' is'} not shown, to protect small numbers "
                 f"(fewer than {k} young people).")
    return said


def _what_is_shown(frame: pd.DataFrame, measure: str, dimension: str, by: str | None, k: int) -> str:
    m = MEASURES[measure]
    what = m.label
    shown = shown_rows(frame)
    if frame.empty:
        return f"No records for {what.lower()} in this period with these filters."
    if shown.empty:
        return (f"Nothing to show: every group rests on fewer than {k} young people, or would give such a "
                "group away. Choose a longer period, fewer filters or another split.")
    values = pd.to_numeric(shown["value"])
    where = "in" if not by and (dimension == "programme" or DIMENSIONS[dimension].time) else "for"
    if len(shown) == 1:
        row = shown.iloc[0]
        return f"{what} was {format_value(row['value'], m.kind)} {where} {group_name(row, by)}."
    if DIMENSIONS[dimension].time and not by:
        first, last = shown.iloc[0], shown.iloc[-1]
        top = shown.loc[values.idxmax()]
        return (f"{what} went from {format_value(first['value'], m.kind)} in {first['label']} to "
                f"{format_value(last['value'], m.kind)} in {last['label']}; it was highest in {top['label']} "
                f"({format_value(top['value'], m.kind)}).")
    top, bottom = shown.loc[values.idxmax()], shown.loc[values.idxmin()]
    if values.max() == values.min():
        return f"{what} was {format_value(top['value'], m.kind)} in every group shown."
    return (f"{what} was highest {where} {group_name(top, by)} ({format_value(top['value'], m.kind)}) and lowest "
            f"{where} {group_name(bottom, by)} ({format_value(bottom['value'], m.kind)}).")


def hidden_note(frame: pd.DataFrame, by: str | None, k: int) -> str | None:
    hidden = frame[frame["suppressed"].astype(bool)]
    if hidden.empty:
        return None
    names = "; ".join(group_name(row, by) for _, row in hidden.iterrows())
    return (f"Not shown, to protect small numbers (fewer than {k} young people, or a group that would give "
            f"such a one away): {names}.")


def numbers_table(frame: pd.DataFrame, measure: str, dimension: str, by: str | None, k: int) -> pd.DataFrame:
    """The table beside the chart: every group, suppressed ones as "fewer than k"."""
    m = MEASURES[measure]
    table = {DIMENSIONS[dimension].label: frame["label"]}
    if by:
        table[DIMENSIONS[by].label] = frame["label2"]
    table[m.label] = [formatting.hidden(k) if hidden else format_value(value, m.kind)
                      for value, hidden in zip(frame["value"], frame["suppressed"], strict=True)]
    if m.young_people:
        table["Young people behind it"] = [
            formatting.hidden(k) if hidden else ("" if n is None else formatting.count(n))
            for n, hidden in zip(frame["young_people"], frame["suppressed"], strict=True)]
    return pd.DataFrame(table)
