"""The explorer's results in words: values as people write them, one plain sentence that says
what the chart shows, and the table of numbers behind it (suppressed groups say "fewer than k").
A mean change is never said without its verdict beside it (docs/measures.md, "Skills")."""

import pandas as pd

from measures import formatting
from measures.explorer.catalogue import DIMENSIONS, MEASURES
from measures.pair_statistics import FEWEST_FOR_A_VERDICT, TOO_FEW
from measures.suppression import is_suppressed


def _days(value) -> str:
    """Whole days as '29 days'; part of a day to one decimal: '12.5 days'."""
    if formatting.missing(value) or float(value).is_integer():
        return formatting.days(value)
    return f"{formatting.mean(value)} {formatting.noun(formatting.rounded(value, 'mean'), 'day')}"


def _ratio(value) -> str:
    """A representation ratio to two decimals: 0.8 -> '0.80'."""
    return formatting.ratio(value)


def _words(value) -> str:
    return formatting.NO_DATA if formatting.missing(value) else str(value)


WRITERS = {"share": formatting.share, "mean": formatting.mean, "change": formatting.signed, "days": _days,
           "hours": formatting.hours, "count": formatting.count, "ratio": _ratio, "words": _words}
# What a measure's value is, in a sentence and the table, where its name in the menu does not say it.
VALUE_WORDS = {"representation": "Representation ratio (1 is fair)", "depth": "Change in skills (average)"}
# The table's columns of the measures with figures beside the value (`measures.explorer.protected.BESIDE`);
# "interval" is ci95_low to ci95_high. Any other measure: its value, and the young people behind it.
COLUMNS = {"mean_skill_change": ("value", "interval", "pairs", "verdict", "young_people"),
           "representation": ("taking_part", "leading", "doing_with", "leading_share", "value"),
           "depth": ("band_young_people", "pairs", "value", "interval", "share_improved", "verdict")}
HEADINGS = {"young_people": ("Young people behind it", "count"), "interval": ("95% interval", "interval"),
            "pairs": ("Pairs", "count"), "verdict": ("Verdict", "words"), "taking_part": ("Taking part", "count"),
            "leading": ("Led or co-led a session", "count"), "doing_with": ("In 'doing with' sessions", "count"),
            "leading_share": ("Share who led", "share"), "band_young_people": ("Young people", "count"),
            "share_improved": ("Skills improved", "share")}


def format_value(value, kind: str) -> str:
    """84%, 3.6, +1.2, 1,234, 29 days, 0.80, as `measures.formatting` writes them (half up)."""
    return WRITERS.get(kind, formatting.count)(value)


def value_words(measure: str) -> str:
    """What the value is: the table's heading of its column and the subject of the sentence."""
    return VALUE_WORDS.get(measure, MEASURES[measure].label)


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


def _verdict(row) -> str | None:
    verdict = row.get("verdict")
    return None if formatting.missing(verdict) or is_suppressed(verdict) else str(verdict)


def _said(row, kind: str) -> str:
    """A value as said in brackets: '84%', or with its verdict '+1.0, too few to say'."""
    verdict = _verdict(row)
    return f"{format_value(row['value'], kind)}, {verdict}" if verdict else format_value(row["value"], kind)


def _said_alone(row, kind: str) -> str:
    """A value as said in a sentence: '84%', or with its verdict '+1.0 (too few to say)'."""
    verdict = _verdict(row)
    return f"{format_value(row['value'], kind)} ({verdict})" if verdict else format_value(row["value"], kind)


def _what_is_shown(frame: pd.DataFrame, measure: str, dimension: str, by: str | None, k: int) -> str:
    m = MEASURES[measure]
    what = value_words(measure)
    shown = shown_rows(frame)
    if frame.empty:
        return f"No records for {m.label.lower()} in this period with these filters."
    if shown.empty:
        return (f"Nothing to show: every group rests on fewer than {k} young people, or would give such a "
                "group away. Choose a longer period, fewer filters or another split.")
    values = pd.to_numeric(shown["value"])
    where = "in" if not by and (dimension == "programme" or DIMENSIONS[dimension].time) else "for"
    if len(shown) == 1:
        row = shown.iloc[0]
        return f"{what} was {_said_alone(row, m.kind)} {where} {group_name(row, by)}."
    if DIMENSIONS[dimension].time and not by:
        first, last = shown.iloc[0], shown.iloc[-1]
        top = shown.loc[values.idxmax()]
        return (f"{what} went from {_said_alone(first, m.kind)} in {first['label']} to "
                f"{_said_alone(last, m.kind)} in {last['label']}; it was highest in {top['label']} "
                f"({_said(top, m.kind)}).")
    top, bottom = shown.loc[values.idxmax()], shown.loc[values.idxmin()]
    if values.max() == values.min():
        verdicts = {_verdict(row) for _, row in shown.iterrows()}
        said = _said_alone(top, m.kind) if len(verdicts) == 1 else (
            f"{format_value(top['value'], m.kind)} (the table gives each group's verdict)")
        return f"{what} was {said} in every group shown."
    return (f"{what} was highest {where} {group_name(top, by)} ({_said(top, m.kind)}) and lowest "
            f"{where} {group_name(bottom, by)} ({_said(bottom, m.kind)}).")


def few_pairs_note(frame: pd.DataFrame) -> str | None:
    """Beside a chart of average changes some of which rest on too few pairs to say anything."""
    if "verdict" not in frame.columns or not (shown_rows(frame)["verdict"] == TOO_FEW).any():
        return None
    return (f"'{TOO_FEW.capitalize()}': fewer than {formatting.count(FEWEST_FOR_A_VERDICT)} before-and-after "
            "pairs (counted before rounding), too few to tell whether skills changed, whatever the average. "
            "The table gives each group's 95% interval and verdict.")


def hidden_note(frame: pd.DataFrame, by: str | None, k: int) -> str | None:
    hidden = frame[frame["suppressed"].astype(bool)]
    if hidden.empty:
        return None
    names = "; ".join(group_name(row, by) for _, row in hidden.iterrows())
    return (f"Not shown, to protect small numbers (fewer than {k} young people, or a group that would give "
            f"such a one away): {names}.")


def table_columns(measure: str) -> tuple[str, ...]:
    m = MEASURES[measure]
    return COLUMNS.get(measure, ("value", "young_people") if m.young_people else ("value",))


def numbers_table(frame: pd.DataFrame, measure: str, dimension: str, by: str | None, k: int) -> pd.DataFrame:
    """The table beside the chart: every group, with the figures beside its value; a hidden group's
    value (and young people) as "fewer than k", and so any figure hidden on its own."""
    m = MEASURES[measure]
    table = {DIMENSIONS[dimension].label: frame["label"]}
    if by:
        table[DIMENSIONS[by].label] = frame["label2"]
    rows = frame.to_dict("records")
    for column in table_columns(measure):
        if column == "value":
            table[value_words(measure)] = [formatting.hidden(k) if row["suppressed"] else
                                           format_value(row["value"], m.kind) for row in rows]
        elif column == "young_people":
            table[HEADINGS[column][0]] = [formatting.hidden(k) if row["suppressed"] else
                                          "" if row["young_people"] is None else formatting.count(row["young_people"])
                                          for row in rows]
        else:
            heading, kind = HEADINGS[column]
            table[heading] = [_interval(row, k) if column == "interval" else _cell(row.get(column), kind, k)
                              for row in rows]
    return pd.DataFrame(table)


def _cell(value, kind: str, k: int) -> str:
    return formatting.hidden(k) if is_suppressed(value) else format_value(value, kind)


def _interval(row: dict, k: int) -> str:
    """'-0.4 to +2.4'; 'no data' below two pairs."""
    low, high = row.get("ci95_low"), row.get("ci95_high")
    if is_suppressed(low) or is_suppressed(high):
        return formatting.hidden(k)
    if formatting.missing(low) or formatting.missing(high):
        return formatting.NO_DATA
    return f"{formatting.signed(low)} to {formatting.signed(high)}"
