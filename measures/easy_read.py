"""Easy read for the pages young people see (Principles and the ladder, You said, we did, Rate a
session): their texts in short sentences, one idea each, with no jargon, and a one-line plain
summary of each chart made from the figures it draws.

A summary takes the very frame its chart is drawn from (protected figures for a protected
audience), so it can never say a hidden figure; a hidden one is "hidden to keep people safe".
Every number through `measures.formatting`. tests/test_easy_read.py keeps every text and the
summaries of its fixture at a Flesch-Kincaid grade of 5 or below. No Streamlit.
"""

from datetime import date

import pandas as pd

from measures import formatting
from measures.filters import Period
from measures.suppression import is_suppressed

SAFE = "hidden to keep people safe"   # "suppressed" in plain words

# --- Principles and the ladder -------------------------------------------------------------------

PRINCIPLES_ABOUT = (
    "After a session, young people and staff can rate it. They rate how well it kept each principle. "
    "1 means not at all. 5 means completely. We put their ratings side by side. This shows how differently "
    "young people and staff see it. Staff often think they share power more than young people feel they do.")
FRAMEWORK_HELP = "Pick a list of principles to see."
NOBODY_RATED = ("Nobody rated these principles in this time. Pick a longer time in the filters on the left. "
                "Or pick another list of principles.")
LADDER_ABOUT = (
    "We want young people and staff to work on things together. Each session sits on a rung of a "
    "ladder. Low on the ladder, staff decide for young people. We call this \"doing to\" and \"doing for\". "
    "At the top, young people and staff decide together. We call this \"doing with\". We want to climb the "
    "ladder.")
DOING_WITH_HELP = "In these sessions, young people and staff chose together."
PLACED_HELP = "Sessions in this time that were put on a rung of the ladder."
NOT_PLACED_HELP = "Sessions in this time with no rung. They are not in the charts below."
NO_SESSIONS = "There were no sessions in this time. Pick a longer time in the filters on the left."
NONE_PLACED = ("No session in this time was put on the ladder. Staff can give a session a rung when they "
               "record it.")
RUNGS_NOTE = "The top rung is at the top. This counts sessions, not people."
LADDER_TIME_NOTE = "Each row is one part of the ladder. The top of the ladder comes first."


def protected_note(k: int) -> str:
    return (f"Some numbers are {SAFE}. We hide a number when {formatting.hidden(k)} young people are behind "
            "it. We round other numbers a little. This way, nobody can work out who said what.")


def side_by_side_note(unrated: list[str]) -> str:
    """How to read the side-by-side chart, and the principles nobody rated."""
    note = ("Circles are young people. Diamonds are staff. No circle means no young people rated it. "
            f"Or too few did, so it is {SAFE}.")
    return note + (" Nobody rated these in this time: " + "; ".join(unrated) + "." if unrated else "")


def share_note(k: int) -> str:
    return (f"This counts ratings from young people and staff. If {formatting.hidden(k)} young people rated one, "
            f"it is {SAFE}.")


def trend_note(k: int, unit: str) -> str:
    return (f"This puts all the principles in the list together. If {formatting.hidden(k)} young people rated "
            f"in a {unit}, their dot is {SAFE}.")


def heatmap_note(k: int) -> str:
    return (f"Each square shows the average rating. Dark means low. Light means high. An empty square had no "
            f"ratings. Or {formatting.hidden(k)} young people rated it, so it is {SAFE}.")


# --- You said, we did ----------------------------------------------------------------------------

TOLD_BACK_HELP = ("How many of the things raised in this time got an answer from us. We count answers up to "
                  "the end of this time.")
WAIT_HELP = "Half of the answers came sooner than this. Half came later."
NOTHING_RAISED = "Nobody raised anything in this time. Pick a longer time in the filters on the left."
NO_SUCH_ANSWER = "Nothing raised in this time has that answer."


def feedback_about(period: Period) -> str:
    return ("Here is what young people told us, and what we did about it. This is for "
            f"{formatting.date_range(period.start, period.end)}.")


def waiting(overdue: int) -> str | None:
    """'2 things you raised have waited over 30 days. We have not answered them yet.', or None."""
    if not overdue:
        return None
    return (f"{formatting.plural(overdue, 'thing')} you raised {formatting.noun(overdue, 'has', 'have')} waited "
            f"over 30 days. We have not answered {formatting.noun(overdue, 'it', 'them')} yet.")


def listed(most: int) -> str:
    return f"We only list the newest {formatting.count(most)} things. Pick a shorter time to see older ones."


def not_shown_yet(marker: str) -> str:
    """What staff read about items young people do not see yet (`marker`: the cards' mark)."""
    return (f"You see every item. Items marked \"{marker}\" are not shown to young people yet. Staff must say "
            "yes to them first, on the Record page. Their words could name a young person.")


# --- Rate a session ------------------------------------------------------------------------------

RATE_INTRO = "Pick one answer for each question. Think about **today**."
CODE_LABEL = "Your code, if you want to give it"
CODE_HELP = "The code we gave you. You do not have to give it."
THANKS = ("**Thank you! Your answers are saved.**\n\nStaff read every comment. Things you raise go on the "
          "\"You said, we did\" page. It says what we did about them.")
REPLACED = "Your new answers replace the ones you sent before."
NOT_OPEN = ("This link is not open. It may have ended. Or it may be wrong. Ask the person running the session "
            "for a new one.")


# --- One-line summaries of the charts ------------------------------------------------------------

def _shown(values: pd.Series, kind: str) -> list:
    """The figures as shown (exact decimals), None where hidden or missing."""
    return [formatting.rounded(v, kind) for v in values]


def _any_hidden(values) -> bool:
    return any(is_suppressed(v) for v in values)


def ratings_summary(rated: pd.DataFrame) -> str:
    """The side-by-side chart: where young people's and staff's averages differ most."""
    young, staff = _shown(rated["young_people_mean"], "mean"), _shown(rated["staff_mean"], "mean")
    pairs = [(abs(s - y), s - y, name) for name, y, s in zip(rated["principle_name"], young, staff, strict=True)
             if y is not None and s is not None]
    if not pairs:
        if _any_hidden(rated["young_people_mean"]):
            return f"Too few young people rated these. So their ratings are {SAFE}."
        if any(s is not None for s in staff):
            return "Only staff rated these."
        return "Only young people rated these." if any(y is not None for y in young) else "Nobody rated these."
    size, gap, name = max(pairs, key=lambda pair: pair[0])   # the first of equal gaps
    if not size:
        return (f"Young people and staff gave '{name}' the same score." if len(pairs) == 1
                else "Young people and staff gave each one the same score.")
    said = f"Young people gave '{name}' a {'lower' if gap > 0 else 'higher'} score than staff did."
    return said if len(pairs) == 1 else f"{said} This is where they differ most."


def share_summary(rated: pd.DataFrame) -> str:
    """The chart of ratings of 4 or 5: the principle rated 4 or 5 most often."""
    shares = [(shown, name, value) for name, value, shown in
              zip(rated["principle_name"], rated["share_4_5"], _shown(rated["share_4_5"], "share"), strict=True)
              if shown is not None]
    if not shares:
        hidden = f" It is {SAFE}." if _any_hidden(rated["share_4_5"]) else ""
        return f"There is nothing to show here.{hidden}"
    top = max(shown for shown, _, _ in shares)
    _, name, value = next(share for share in shares if share[0] == top)
    tied = sum(shown == top for shown, _, _ in shares)
    if len(shares) == 1:
        return f"'{name}' got a 4 or 5 in {formatting.share(value)} of its ratings."
    if tied > 1:
        return f"{formatting.count(tied)} principles got the most ratings of 4 or 5: {formatting.share(value)}."
    return f"'{name}' got the most ratings of 4 or 5: {formatting.share(value)}."


def time_words(start: str, unit: str) -> str:
    """A month ('2024-03' or '2024-03-01') as 'March 2024'; a quarter as 'the 3 months from January 2024'."""
    first = date.fromisoformat(start[:7] + "-01")
    return formatting.month(first) if unit == "month" else f"the 3 months from {formatting.month(first)}"


def trend_summary(trend: pd.DataFrame, unit: str) -> str:
    """The ratings each month or quarter: how young people's average moved (staff's when young
    people's is hidden or missing). `trend` as `measures.principles.rating_trend` gives it."""
    kept = trend.loc[~trend["suppressed"].astype(bool)]
    kept = kept.loc[kept["mean"].map(lambda v: formatting.rounded(v, "mean") is not None).astype(bool)]
    young_hidden = bool(trend.loc[trend["rater_role"] == "young_person", "suppressed"].astype(bool).any())
    for role, who in (("young_person", "Young people's"), ("staff", "Staff's")):
        mine = kept[kept["rater_role"] == role]
        if mine.empty:
            continue
        (start, before), (end, now) = mine[["start", "mean"]].iloc[0], mine[["start", "mean"]].iloc[-1]
        diff = formatting.difference(now, before, "mean")
        if len(mine) == 1:
            said = f"{who} average was {formatting.mean(now)} in {time_words(end, unit)}."
        elif not diff:
            said = (f"{who} average was {formatting.mean(now)} in {time_words(start, unit)}, and the same in "
                    f"{time_words(end, unit)}.")
        else:
            said = (f"{who} average went {'up' if diff > 0 else 'down'}, from {formatting.mean(before)} in "
                    f"{time_words(start, unit)} to {formatting.mean(now)} in {time_words(end, unit)}.")
        return said + (f" Young people's dots are {SAFE}." if role == "staff" and young_hidden else "")
    return f"Young people's dots are {SAFE}." if young_hidden else "There is nothing to show here."


def heatmap_summary(cells: pd.DataFrame) -> str:
    """The ratings by programme and principle: the square with the top average."""
    squares = [(shown, programme, principle, value) for programme, principle, value, shown in
               zip(cells["programme"], cells["principle_name"], cells["mean"], _shown(cells["mean"], "mean"),
                   strict=True) if shown is not None]
    if not squares:
        return f"Every square is {SAFE}." if _any_hidden(cells["mean"]) else "There is nothing to show here."
    top = max(shown for shown, *_ in squares)
    _, programme, principle, value = next(square for square in squares if square[0] == top)
    if len(squares) > 1 and all(shown == top for shown, *_ in squares):
        return f"Every square has the same average: {formatting.mean(value)}."
    which = "one" if len(squares) == 1 else "top"
    return f"The {which} square is '{principle}' in '{programme}'. Its average is {formatting.mean(value)}."


def rungs_summary(rungs: pd.DataFrame) -> str:
    """Where sessions sat on the ladder (`measures.principles.ladder_rungs`): how many were 'doing with'."""
    total = int(rungs["sessions"].sum())
    together = int(rungs.loc[rungs["rung_group"] == "doing_with", "sessions"].sum())
    if not total:
        return "No session was put on the ladder."
    if total == 1:
        return ("In the one session, young people and staff chose together." if together
                else "In the one session, staff chose for young people.")
    return (f"In {formatting.count(together)} of the {formatting.plural(total, 'session')}, young people and "
            "staff chose together.")


def ladder_time_summary(over_time: pd.DataFrame, unit: str) -> str:
    """The ladder each month or quarter (`measures.principles.ladder_over_time`): the share of
    'doing with' sessions in the first and the last."""
    totals = over_time.groupby("start")["sessions"].sum()
    totals = totals[totals > 0].sort_index()
    if totals.empty:
        return "No session was put on the ladder."
    together = over_time[over_time["rung_group"] == "doing_with"].groupby("start")["sessions"].sum()
    shares = [(start, together.get(start, 0) / total) for start, total in totals.items()]
    (first, before), (last, now) = shares[0], shares[-1]
    said = f"In {time_words(first, unit)}, {formatting.share(before)} of sessions were 'doing with'."
    return said if len(shares) == 1 else f"{said} In {time_words(last, unit)}, {formatting.share(now)} were."


def feedback_summary(raised: int, told_back: int) -> str:
    """The chart of things raised each month: how many were answered within 30 days."""
    if not raised:
        return "Nobody raised anything in this time."
    if raised == 1:
        return f"You raised 1 thing. We {'answered' if told_back else 'did not answer'} it within 30 days."
    return (f"You raised {formatting.plural(raised, 'thing')}. We answered {formatting.count(told_back)} of them "
            "within 30 days.")
