"""The WHERE clauses every measure shares: which sessions, which young people, which period."""

from sqlalchemy import and_, select, true

from measures.filters import Filters, Period
from models.tables import Attendance, Participant, Programme, ProgrammeSession, YoungPeopleAttendance
from models.vocab import YOUNG_PERSON

A = Attendance.__table__
P = Participant.__table__
S = ProgrammeSession.__table__
PR = Programme.__table__
Y = YoungPeopleAttendance.__table__  # young people's attendance with session and person columns (migration 0006)


def programme_ids(codes):
    return select(PR.c.id).where(PR.c.code.in_(codes))


def in_period(column, period: Period):
    return column.between(period.start, period.end)


def session_filter(filters: Filters, sessions=S):
    """Programme, activity type and mode filters on a sessions table."""
    programmes = programme_ids(filters.programmes) if filters.programmes else ()
    return _each_chosen((sessions.c.programme_id, programmes), (sessions.c.activity_type, filters.activity_types),
                        (sessions.c.mode, filters.modes))


def group_filter(filters: Filters, people=P):
    """The participant-group filter (age band, disability, care experience)."""
    return _each_chosen((people.c.age_band, filters.age_bands), (people.c.disability, filters.disability),
                        (people.c.care_experienced, filters.care_experienced))


def _each_chosen(*columns_and_values):
    """Each column in its chosen values (a list, or a subquery); a column with an empty list of
    values is not filtered ("all")."""
    return and_(true(), *(column.in_(values) for column, values in columns_and_values
                          if not isinstance(values, tuple | list) or values))


def young_people(filters: Filters, people=P):
    return and_(people.c.role == YOUNG_PERSON, group_filter(filters, people))


def young_people_ids(filters: Filters):
    """Subquery: ids of the young people in the chosen group."""
    return select(P.c.id).where(young_people(filters))


def young_people_attendance(period: Period, filters: Filters):
    """FROM + WHERE for young people's attendance records of sessions in the period: one range of
    the summary table `Y`, whose columns are named as in attendance, sessions and participants."""
    return Y, and_(in_period(Y.c.date, period), session_filter(filters, Y), group_filter(filters, Y))


def sessions_in(period: Period, filters: Filters):
    return and_(in_period(S.c.date, period), session_filter(filters))
