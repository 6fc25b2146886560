"""What the forum explorer offers: measures, the dimensions each can be split by, and their words.

Pure data (no SQL, no Streamlit). Which pairs make sense: a measure splits by what its records
carry. Young people's characteristics only split measures about young people; who rated only
splits principle ratings; feedback items carry a programme and a date and nothing else. Who gets
to lead and depth of involvement come whole from their own measure functions, one figure per
group and several figures beside it: they split only by their own groups, once.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from measures.definitions import DEFINITIONS
from measures.depth import BANDS as DEPTH_BANDS
from models.vocab import ACTIVITY_TYPES, AGE_BANDS, LADDER, LED_BY, MODES, RATER_ROLES, STAGES, YES_NO_PREFER

NOT_RECORDED = "not_recorded"
NO_PROGRAMME = "no_programme"


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    kind: str          # count, share, mean, change, ratio, hours, days: how a value is written
    source: str        # attendance, sessions, pairs, ratings, feedback, or a whole (WHOLES): what it counts
    young_people: bool  # rests on young people, so small groups are suppressed

    @property
    def definition(self) -> str:
        return DEFINITIONS[self.id]


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    values: dict | None = None  # fixed vocabulary in display order: value -> words (None: from the store)
    time: bool = False


def _words(values) -> dict:
    return {v: v.replace("_", " ").capitalize() for v in values}


MEASURES = {m.id: m for m in (
    Measure("active_young_people", "Young people taking part", "count", "attendance", True),
    Measure("sessions_held", "Sessions held", "count", "sessions", False),
    Measure("attendance_rate", "Attendance rate", "share", "attendance", True),
    Measure("returning_share", "Young people who came back", "share", "attendance", True),
    Measure("involvement_hours", "Hours of involvement", "hours", "attendance", True),
    Measure("youth_led_share", "Sessions led by young people", "share", "sessions", False),
    Measure("doing_with_share", "'Doing with' sessions", "share", "sessions", False),
    Measure("representation", "Who gets to lead", "ratio", "representation", True),
    Measure("mean_skill_change", "Change in skills (average)", "change", "pairs", True),
    Measure("share_improved", "Skills improved", "share", "pairs", True),
    Measure("depth", "Depth of involvement and skills gained", "change", "depth", True),
    Measure("principle_mean", "Principles kept (average rating)", "mean", "ratings", True),
    Measure("principle_share_4_5", "Principles kept (ratings of 4 or 5)", "share", "ratings", True),
    Measure("feedback_raised", "Things young people raised", "count", "feedback", False),
    Measure("told_back_share", "Told back to young people", "share", "feedback", False),
    Measure("median_days_to_tell_back", "Days to tell back (median)", "days", "feedback", False),
)}

GROUP_WORDS = {"under_11": "Under 11", "11_15": "11 to 15", "16_18": "16 to 18", "19_25": "19 to 25",
               "over_25": "Over 25", "yes": "Yes", "no": "No", "prefer_not_to_say": "Prefer not to say",
               NOT_RECORDED: "Not recorded"}

DIMENSIONS = {d.id: d for d in (
    Dimension("programme", "Programme"),
    Dimension("activity_type", "Activity type", _words(ACTIVITY_TYPES)),
    Dimension("mode", "Mode", dict(zip(MODES, ("In person", "Online", "Hybrid"), strict=True))),
    Dimension("stage", "Stage of the work", {**_words(STAGES), NOT_RECORDED: "Not recorded"}),
    Dimension("led_by", "Who led the session",
              dict(zip(LED_BY, ("Young people", "Co-led", "The organisation"), strict=True))),
    Dimension("ladder_rung", "Rung of the ladder",
              {str(position): name for position, _, name, _ in LADDER} | {NOT_RECORDED: "Not on the ladder"}),
    Dimension("age_band", "Age band", {a: GROUP_WORDS[a] for a in (*AGE_BANDS, NOT_RECORDED)}),
    Dimension("disability", "Disability / SEND", {v: GROUP_WORDS[v] for v in (*YES_NO_PREFER, NOT_RECORDED)}),
    Dimension("care_experienced", "Care experienced", {v: GROUP_WORDS[v] for v in (*YES_NO_PREFER, NOT_RECORDED)}),
    Dimension("depth_band", "Sessions attended", dict(zip(DEPTH_BANDS, ("1 session", "2 to 4 sessions",
                                                                       "5 to 9 sessions", "10 or more sessions"),
                                                          strict=True))),
    Dimension("rater_role", "Who rated", dict(zip(RATER_ROLES, ("Young people", "Staff"), strict=True))),
    Dimension("principle", "Principle"),
    Dimension("skill", "Skill"),
    Dimension("month", "Month", time=True),
    Dimension("quarter", "Quarter", time=True),
)}

SESSION_DIMENSIONS = ("programme", "activity_type", "mode", "stage", "led_by", "ladder_rung")
PEOPLE_DIMENSIONS = ("age_band", "disability", "care_experienced")
TIME_DIMENSIONS = ("month", "quarter")

_BY_SOURCE = {
    "attendance": (*SESSION_DIMENSIONS, *PEOPLE_DIMENSIONS, *TIME_DIMENSIONS),
    "sessions": (*SESSION_DIMENSIONS, *TIME_DIMENSIONS),
    "pairs": ("programme", "skill", *PEOPLE_DIMENSIONS, *TIME_DIMENSIONS),
    "ratings": (*SESSION_DIMENSIONS, "rater_role", "principle", *TIME_DIMENSIONS),
    "feedback": ("programme", *TIME_DIMENSIONS),
    "representation": PEOPLE_DIMENSIONS,
    "depth": ("depth_band",),
}
# Measures whose groups are the parts of one whole, computed and hidden together by their own
# function (`measures.representation`, `measures.depth`): no second split, and a click cannot look
# inside a group (there is nothing under it to split).
WHOLES = ("representation", "depth")
# Splits that would only restate the measure (every youth-led session is youth-led).
_POINTLESS = {("youth_led_share", "led_by"), ("doing_with_share", "ladder_rung")}


def dimensions_for(measure: str) -> tuple[str, ...]:
    """The dimensions `measure` may be split by, in the order the explorer offers them."""
    return tuple(d for d in _BY_SOURCE[MEASURES[measure].source] if (measure, d) not in _POINTLESS)


def second_splits_for(measure: str, first: str) -> tuple[str, ...]:
    """Dimensions that may split `measure` a second time after `first`: never two time dimensions,
    nor two of age band, disability and care experience (one characteristic at a time, as the
    forum's filters: docs/disclosure.md)."""
    return tuple(d for d in dimensions_for(measure)
                 if d != first and not (DIMENSIONS[d].time and DIMENSIONS[first].time)
                 and not (d in PEOPLE_DIMENSIONS and first in PEOPLE_DIMENSIONS))


def allowed_pairs() -> list[tuple[str, str]]:
    return [(m, d) for m in MEASURES for d in dimensions_for(m)]


def group_words(dimension: str, value: str, names: dict | None = None) -> str:
    """A group's name in words: from the vocabulary, the store's names, or the date."""
    if DIMENSIONS[dimension].time:
        return time_words(dimension, value)
    fixed = DIMENSIONS[dimension].values
    if fixed is not None:
        return fixed.get(value, value)
    if value == NO_PROGRAMME:
        return "No programme"
    return (names or {}).get(value, value)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def time_words(dimension: str, value: str) -> str:
    """'2024-03' -> 'Mar 2024'; '2024-Q1' -> 'Jan to Mar 2024'."""
    year, part = value.split("-")
    if dimension == "month":
        return f"{MONTHS[int(part) - 1]} {year}"
    first = 3 * (int(part.lstrip("Q")) - 1)
    return f"{MONTHS[first]} to {MONTHS[first + 2]} {year}"


def covered_words(dimension: str, value: str, start: date, end: date) -> str:
    """A month or quarter in words, saying which part of it the period from `start` to `end`
    covers when not all of it ('10 to 31 Jan 2024', 'Nov to Dec 2025'): a part of a month
    looks like a dip otherwise."""
    first, last = date.fromisoformat(time_start(dimension, value)), time_end(dimension, value)
    if first >= start and last <= end:
        return time_words(dimension, value)
    first, last = max(first, start), min(last, end)
    month = f"{first.year}-{first.month:02d}"
    if first.month == last.month:
        whole = first.day == 1 and last == time_end("month", month)
        return time_words("month", month) if whole else f"{first.day} to {last.day} {time_words('month', month)}"
    return f"{MONTHS[first.month - 1]} to {MONTHS[last.month - 1]} {first.year}"


def time_start(dimension: str, value: str) -> str:
    """The first day of a month or quarter, ISO: '2024-Q2' -> '2024-04-01'."""
    year, part = value.split("-")
    month = int(part) if dimension == "month" else 3 * (int(part.lstrip("Q")) - 1) + 1
    return f"{year}-{month:02d}-01"


def time_end(dimension: str, value: str) -> date:
    first = date.fromisoformat(time_start(dimension, value))
    index = first.year * 12 + first.month - 1 + (1 if dimension == "month" else 3)
    return date(index // 12, index % 12 + 1, 1) - timedelta(days=1)


# Dimensions the sidebar filters cannot narrow: the explorer offers its own "only these groups".
FOCUS_DIMENSIONS = ("stage", "led_by", "ladder_rung", "rater_role", "principle", "skill")


def next_split(measure: str, looked_inside: list[str]) -> str:
    """After a click narrows the view to a group: the split that shows what is inside it.

    A quarter opens into its months, a month into programmes, any other group into months.
    """
    if "quarter" in looked_inside:
        preferred = ["month", "programme"]
    elif "month" in looked_inside:
        preferred = ["programme"]
    else:
        preferred = ["month"]
    inside_a_time = any(DIMENSIONS[d].time for d in looked_inside)
    allowed = [d for d in dimensions_for(measure) if d not in looked_inside and not (inside_a_time and d == "quarter")]
    return next((d for d in preferred if d in allowed), allowed[0] if allowed else dimensions_for(measure)[0])


def time_kind(key: str) -> str:
    """'2024-Q1' is a quarter, '2024-03' a month."""
    return "quarter" if "Q" in key else "month"


def buckets_in(start: date, end: date) -> list[str]:
    """The months of the period in time order, each quarter with two or three of them just before
    its first (a quarter with one month in the period would only repeat that month)."""
    months, month = [], date(start.year, start.month, 1)
    while month <= end:
        months.append(f"{month.year}-{month.month:02d}")
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    def quarter_of(month_key: str) -> str:
        return f"{month_key[:4]}-Q{(int(month_key[5:]) - 1) // 3 + 1}"

    months_in = Counter(quarter_of(m) for m in months)
    keys = []
    for key in months:
        quarter = quarter_of(key)
        if months_in[quarter] >= 2 and quarter not in keys:
            keys.append(quarter)
        keys.append(key)
    return keys


def narrowed(start: date, end: date, key: str) -> tuple[date, date]:
    """The part of the period inside one month or quarter."""
    kind = time_kind(key)
    return max(start, date.fromisoformat(time_start(kind, key))), min(end, time_end(kind, key))
