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
    clauses = []
    if filters.programmes:
        clauses.append(sessions.c.programme_id.in_(programme_ids(filters.programmes)))
    if filters.activity_types:
        clauses.append(sessions.c.activity_type.in_(filters.activity_types))
    if filters.modes:
        clauses.append(sessions.c.mode.in_(filters.modes))
    return and_(true(), *clauses)


def group_filter(filters: Filters, people=P):
    """The participant-group filter (age band, disability, care experience)."""
    clauses = []
    if filters.age_bands:
        clauses.append(people.c.age_band.in_(filters.age_bands))
    if filters.disability:
        clauses.append(people.c.disability.in_(filters.disability))
    if filters.care_experienced:
        clauses.append(people.c.care_experienced.in_(filters.care_experienced))
    return and_(true(), *clauses)


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
