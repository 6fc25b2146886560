"""Who a figure is for, and which questions each audience may ask (docs/disclosure.md).

`admin` is the working view of the staff who keep the register: exact figures, small numbers
suppressed. Every other audience is protected (`measures.protection`): the forum explorer and
any page in presentation mode (`staff_forum`), trustees, young people, and every file that
leaves the app (`export`). Roles map to audiences here and nowhere else.
"""

from calendar import monthrange
from datetime import date

from measures.filters import Filters, Period

ADMIN = "admin"
STAFF_FORUM = "staff_forum"
TRUSTEE = "trustee"
YOUNG_PERSON = "young_person"
EXPORT = "export"
AUDIENCES = (ADMIN, STAFF_FORUM, TRUSTEE, YOUNG_PERSON, EXPORT)
PROTECTED = (STAFF_FORUM, TRUSTEE, YOUNG_PERSON, EXPORT)

# Audiences that may filter by one sensitive characteristic at a time, not two or more at once.
ONE_CHARACTERISTIC_AT_A_TIME = (STAFF_FORUM, TRUSTEE, YOUNG_PERSON)
ROLE_AUDIENCES = {"admin": ADMIN, "staff": ADMIN, "trustee": TRUSTEE, "young_person": YOUNG_PERSON}


def audience_for(role: str | None, *, presenting: bool = False, leaving_app: bool = False) -> str:
    """The audience of a figure drawn for `role`. Anything that leaves the app is an export,
    whoever makes it; a page on a shared screen is for the staff forum. An unknown role gets
    the most protected view a person can have."""
    if leaving_app:
        return EXPORT
    audience = ROLE_AUDIENCES.get(role or "", YOUNG_PERSON)
    return STAFF_FORUM if presenting and audience == ADMIN else audience


def is_protected(audience: str) -> bool:
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience '{audience}' (one of {', '.join(AUDIENCES)})")
    return audience != ADMIN


class QuestionRefused(ValueError):
    """A period or filter that this audience may not ask for (the message says why)."""


def is_whole_months(period: Period) -> bool:
    last = monthrange(period.end.year, period.end.month)[1]
    return period.start.day == 1 and period.end.day == last


def whole_months(period: Period) -> Period:
    """The whole months that `period` touches (1 March to 31 May for 10 March to 2 May)."""
    end = period.end.replace(day=monthrange(period.end.year, period.end.month)[1])
    return Period(period.start.replace(day=1), end)


def sensitive_filters(filters: Filters) -> list[str]:
    names = {"age_bands": "age band", "disability": "disability", "care_experienced": "care experience"}
    return [words for field, words in names.items() if getattr(filters, field)]


def check_question(audience: str, period: Period, filters: Filters) -> None:
    """Refuse what a protected audience may not ask: a period that is not whole months, or
    filters on two or more sensitive characteristics at once."""
    if not is_protected(audience):
        return
    if not is_whole_months(period):
        raise QuestionRefused(
            f"For the {audience} audience a period must be whole months: from the 1st of a month to the "
            f"last day of a month (asked for {period.start.isoformat()} to {period.end.isoformat()}).")
    chosen = sensitive_filters(filters)
    if audience in ONE_CHARACTERISTIC_AT_A_TIME and len(chosen) > 1:
        raise QuestionRefused(
            f"For the {audience} audience filter by one of age band, disability and care experience at a "
            f"time, not {' and '.join(chosen)} together.")


def month_end(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])
